package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/motlan/portal/sim/ndxp"
)

// portalProcess is `portal serve`, built from this checkout and run as a child process, so its
// memory and CPU are its own and not the load generator's or the simulators'.
type portalProcess struct {
	cmd     *exec.Cmd
	url     string
	logPath string
	done    chan struct{} // closed when the process has exited
	exitErr error
}

// startPortal builds ./cmd/portal (the bench runs from the repository root) and starts it with
// the configuration the simulators need, waiting until /readyz answers 200. Its output goes to
// <out>/portal.log. A failed bench kills it; a finished one stops it with SIGTERM.
func startPortal(ctx context.Context, s *stack) error {
	binDir, err := os.MkdirTemp("", "motlan-bench-bin-")
	if err != nil {
		return err
	}
	s.cleanup = append(s.cleanup, func() { _ = os.RemoveAll(binDir) })
	bin := filepath.Join(binDir, "portal")
	t0 := time.Now()
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/portal")
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("build the portal (go build ./cmd/portal from the repository root): %w\n%s", err, out)
	}
	fmt.Printf("bench: built the portal in %s\n", time.Since(t0).Round(time.Millisecond))

	mailDir, err := os.MkdirTemp("", "motlan-bench-mail-")
	if err != nil {
		return err
	}
	s.cleanup = append(s.cleanup, func() { _ = os.RemoveAll(mailDir) })
	// The environment is inherited (GOGC, GOMAXPROCS, RECEIPT_FONT_DIR … reach the portal), then
	// the bench's stack overrides what must point at it; exec keeps the last of duplicate keys.
	env := append(os.Environ(),
		"DATABASE_URL="+s.dbURL, "PORTAL_ADDR="+s.portalAddr, "PORTAL_BASE_URL="+s.portalURL,
		"OIDC_ISSUER="+s.issuer, "OIDC_CLIENT_ID="+clientID, "OIDC_CLIENT_SECRET="+clientSecret,
		"STAFF_OIDC_ISSUER="+s.issuer, "STAFF_OIDC_CLIENT_ID="+staffClientID, "STAFF_OIDC_CLIENT_SECRET="+staffClientSecret,
		"NDXP_URL="+s.ndxpURL, "NDXP_CLIENT_ID="+ndxp.DefaultClientID, "NDXP_CLIENT_SECRET="+ndxp.DefaultClientSecret,
		// Logged as deployed: one JSON line per request, into portal.log.
		"MAIL_DIR="+mailDir, "LOG_LEVEL=info", "LOG_FORMAT=json",
		"METRICS_TOKEN=", // loopback only: the bench fetches /debug/pprof without a token
		"OTEL_TRACES_EXPORTER=", "SMTP_ADDR=",
	)
	logPath := filepath.Join(s.out, "portal.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return err
	}
	s.cleanup = append(s.cleanup, func() { _ = logFile.Close() })
	cmd := exec.Command(bin, "serve")
	cmd.Env, cmd.Stdout, cmd.Stderr = env, logFile, logFile
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start the portal: %w", err)
	}
	p := &portalProcess{cmd: cmd, url: s.portalURL, logPath: logPath, done: make(chan struct{})}
	go func() {
		p.exitErr = cmd.Wait()
		close(p.done)
	}()
	s.portal = p
	s.cleanup = append(s.cleanup, p.kill)
	fmt.Printf("bench: portal pid %d on %s, log %s\n", cmd.Process.Pid, s.portalURL, logPath)
	return p.waitReady(ctx, time.Minute)
}

func (p *portalProcess) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

func (p *portalProcess) waitReady(ctx context.Context, limit time.Duration) error {
	client := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(limit)
	var last string // the last answer, for the error
	for {
		if p.exited() {
			return fmt.Errorf("the portal exited before it was ready (%v); see %s", p.exitErr, p.logPath)
		}
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, p.url+"/readyz", nil)
		resp, err := client.Do(req)
		if err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			last = resp.Status
		} else {
			last = err.Error()
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the portal's /readyz did not answer 200 within %s (last: %s); see %s", limit, last, p.logPath)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// peakRSS is the portal process's peak resident set (VmHWM) in bytes, or 0.
func (p *portalProcess) peakRSS() int64 {
	if p.exited() {
		return 0
	}
	return peakRSS(strconv.Itoa(p.cmd.Process.Pid))
}

// stop asks the portal to shut down gracefully (SIGTERM) and waits for it, killing it after 20 s.
func (p *portalProcess) stop() error {
	if p.exited() {
		return p.exitErr
	}
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return err
	}
	select {
	case <-p.done:
		return p.exitErr
	case <-time.After(20 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.done
		return errors.New("the portal did not stop within 20 s of SIGTERM and was killed")
	}
}

// kill ends a portal still running when the bench fails.
func (p *portalProcess) kill() {
	if p.exited() {
		return
	}
	_ = p.cmd.Process.Kill()
	<-p.done
}

// cpuProfile fetches a CPU profile of the next seconds into file.
func (p *portalProcess) cpuProfile(ctx context.Context, file string, seconds int) error {
	return p.fetch(ctx, fmt.Sprintf("/debug/pprof/profile?seconds=%d", seconds), file, time.Duration(seconds+30)*time.Second)
}

// heapProfile fetches the portal's heap profile into file.
func (p *portalProcess) heapProfile(ctx context.Context, file string) error {
	return p.fetch(ctx, "/debug/pprof/heap", file, 30*time.Second)
}

func (p *portalProcess) fetch(ctx context.Context, path, file string, timeout time.Duration) error {
	client := &http.Client{Timeout: timeout}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.url+path, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return fmt.Errorf("GET %s: %s: %s", path, resp.Status, strings.TrimSpace(string(b)))
	}
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, resp.Body); err != nil {
		return errors.Join(err, f.Close())
	}
	return f.Close()
}

// peakRSS is the peak resident set (VmHWM) of process pid ("self" for this one) in bytes, or 0.
func peakRSS(pid string) int64 {
	b, err := os.ReadFile("/proc/" + pid + "/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(b)) {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb * 1024
		}
	}
	return 0
}
