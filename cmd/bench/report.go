package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// memory is the peak resident sets (VmHWM) measured at the end of the run.
type memory struct {
	Portal int64 `json:"portal_peak_rss_bytes"` // the portal process: the target
	Bench  int64 `json:"bench_peak_rss_bytes"`  // this process: simulators and load generator
}

const rssTarget = 150 << 20

type report struct {
	At          time.Time  `json:"at"`
	Settings    settings   `json:"settings"`
	LoadSeconds float64    `json:"load_seconds"`
	Results     []Result   `json:"results"`
	Memory      memory     `json:"memory"`
	PeakRSSMet  bool       `json:"portal_peak_rss_met"`
	NDXP        *synthetic `json:"ndxp_synthetic,omitempty"`
	Profiles    []string   `json:"profiles,omitempty"`
	PortalLog   string     `json:"portal_log,omitempty"`
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

func mb(b int64) float64 { return float64(b) / (1 << 20) }

// writeReport writes report.json and report.md; synth is the NDXP step, nil when it did not run.
// Without results (BENCH_ONLY=ndxp) no portal ran, and the report has only the NDXP step.
func writeReport(s *stack, cfg settings, start time.Time, load time.Duration, results []Result, mem memory, synth *synthetic) error {
	portal := len(results) > 0
	rep := report{At: start, Settings: cfg, LoadSeconds: load.Seconds(), Results: results, Memory: mem,
		PeakRSSMet: mem.Portal > 0 && mem.Portal <= rssTarget, Profiles: s.profiles, NDXP: synth}
	if portal {
		rep.PortalLog = "portal.log"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# Một Lần benchmark, %s\n\n", start.Format(time.RFC3339))
	if portal {
		fmt.Fprintf(&b, "%d historical cases, %d synthetic NDXP citizens, %s per scenario, loopback. The portal runs as its own process (`portal serve`); the simulators, the load generator and the bare reference run in the bench process.",
			cfg.Scale, cfg.Citizens, cfg.Duration)
	} else {
		b.WriteString("No portal ran.")
	}
	if len(cfg.Only) > 0 {
		fmt.Fprintf(&b, " Scenarios: %s (BENCH_ONLY).", strings.Join(cfg.Only, ", "))
	}
	b.WriteString("\n\n")
	b.WriteString("| scenario | conc. | requests | errors | rps | p50 ms | p95 ms | p99 ms | target | met? |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---|---|\n")
	for _, r := range results {
		errs := fmt.Sprint(r.Errors)
		if r.Duplicates != nil {
			errs += fmt.Sprintf(" (+%d dup.)", *r.Duplicates)
		}
		met := yesNo(r.Met)
		if r.Verdict != "" {
			met = r.Verdict
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %s | %.1f | %.2f | %.2f | %.2f | %s | %s |\n",
			r.Name, r.Concurrency, r.Requests, errs, r.RPS, r.P50ms, r.P95ms, r.P99ms, r.Target, met)
	}
	if portal {
		fmt.Fprintf(&b, "| portal peak RSS (VmHWM) | — | — | — | — | — | — | — | ≤ 150 MB: %.1f MB | %s |\n",
			mb(mem.Portal), yesNo(&rep.PeakRSSMet))
	}
	if synth != nil {
		b.WriteString(synth.rows())
	}
	b.WriteString("\n")
	for _, r := range results {
		if r.Note != "" || r.FirstErr != "" {
			fmt.Fprintf(&b, "- %s: %s", r.Name, r.Note)
			if r.FirstErr != "" {
				fmt.Fprintf(&b, " (first error: %s)", r.FirstErr)
			}
			b.WriteString("\n")
		}
	}
	b.WriteString("\n")
	b.WriteString(costTable(results))
	if synth != nil {
		b.WriteString("NDXP: the simulator built in the bench process before anything else, without the race detector; the heap is the live heap it added after a garbage collection. sim/ndxp's tests check the citizens themselves.\n\n")
	}
	if portal {
		fmt.Fprintf(&b, "Peak RSS (VmHWM): portal process %.1f MB (the target); bench process %.1f MB (simulators, load generator, bare reference; for information).\n\n",
			mb(mem.Portal), mb(mem.Bench))
		fmt.Fprintf(&b, "Load: COPY of the citizens, %d drafts and %d cases + VACUUM (ANALYZE) + CHECKPOINT in %s.\n\n", cfg.Scale, cfg.Scale, load.Round(time.Millisecond))
		b.WriteString("Portal log: portal.log.")
		if len(s.profiles) > 0 {
			fmt.Fprintf(&b, " Profiles of the portal: %s (`go tool pprof -top <file>`; CPU profiles cover the scenario's seconds but one).", strings.Join(s.profiles, ", "))
		}
		b.WriteString("\n")
	}

	js, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(s.out, "report.json"), append(js, '\n'), 0o600); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(s.out, "report.md"), []byte(b.String()), 0o600); err != nil {
		return err
	}
	fmt.Println()
	fmt.Print(b.String())
	fmt.Printf("\nbench: wrote %s/report.{json,md}\n", s.out)
	return nil
}
