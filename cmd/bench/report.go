package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// peakRSS is this process's peak resident set (VmHWM) in bytes, or 0.
func peakRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb * 1024
		}
	}
	return 0
}

type report struct {
	At          time.Time `json:"at"`
	Settings    settings  `json:"settings"`
	LoadSeconds float64   `json:"load_seconds"`
	Results     []Result  `json:"results"`
	PeakRSS     int64     `json:"peak_rss_bytes"`
	PeakRSSMet  bool      `json:"peak_rss_met"`
}

func yesNo(b *bool) string {
	switch {
	case b == nil:
		return "—"
	case *b:
		return "yes"
	default:
		return "**no**"
	}
}

func writeReport(cfg settings, load time.Duration, results []Result, rss int64) error {
	now := time.Now()
	rep := report{At: now, Settings: cfg, LoadSeconds: load.Seconds(), Results: results, PeakRSS: rss, PeakRSSMet: rss > 0 && rss <= 150<<20}
	var b strings.Builder
	fmt.Fprintf(&b, "# Một Lần benchmark, %s\n\n", now.Format(time.RFC3339))
	fmt.Fprintf(&b, "%d historical cases (COPY + ANALYZE in %s), %d synthetic NDXP citizens, %s per scenario at concurrency %d, loopback, one process.\n\n",
		cfg.Scale, load.Round(time.Millisecond), cfg.Citizens, cfg.Duration, cfg.Concurrency)
	b.WriteString("| scenario | requests | errors | rps | p50 ms | p95 ms | p99 ms | target | met? |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---|---|\n")
	for _, r := range results {
		if r.Requests == 0 && r.Met == nil {
			fmt.Fprintf(&b, "| %s | — | — | — | — | — | — | %s | — |\n", r.Name, r.Target)
			continue
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %.1f | %.2f | %.2f | %.2f | %s | %s |\n",
			r.Name, r.Requests, r.Errors, r.RPS, r.P50ms, r.P95ms, r.P99ms, r.Target, yesNo(r.Met))
	}
	fmt.Fprintf(&b, "| peak RSS (VmHWM, whole process) | — | — | — | — | — | — | ≤ 150 MB: %.1f MB | %s |\n\n",
		float64(rss)/(1<<20), yesNo(&rep.PeakRSSMet))
	for _, r := range results {
		if r.Note != "" || r.FirstErr != "" {
			fmt.Fprintf(&b, "- %s: %s", r.Name, r.Note)
			if r.FirstErr != "" {
				fmt.Fprintf(&b, " (first error: %s)", r.FirstErr)
			}
			b.WriteString("\n")
		}
	}
	b.WriteString("- peak RSS includes the NDXP and VNeID simulators and the load generator, not only the portal.\n")

	dir := filepath.Join("bench-output", now.Format("20060102-150405"))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	js, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "report.json"), append(js, '\n'), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "report.md"), []byte(b.String()), 0o644); err != nil {
		return err
	}
	fmt.Println()
	fmt.Print(b.String())
	fmt.Printf("\nbench: wrote %s/report.{json,md}\n", dir)
	return nil
}
