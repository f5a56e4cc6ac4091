package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// waiter polls a URL until it answers 200.
type waiter struct {
	timeout  time.Duration // give up after this long
	interval time.Duration // between tries
}

var defaultWaiter = waiter{timeout: 30 * time.Second, interval: 200 * time.Millisecond}

// ready waits until url answers 200. When ch is the child that should answer, its exit fails
// the wait at once: since its port was free when it started, no other process is taken for it.
func (w waiter) ready(ctx context.Context, url string, ch *child) error {
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(w.timeout)
	var exited <-chan struct{}
	if ch != nil {
		exited = ch.done
	}
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		resp, err := client.Do(req)
		if err == nil {
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			err = errors.New(resp.Status)
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s not ready after %s: %w", url, w.timeout, err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-exited:
			return fmt.Errorf("%s exited: %w", ch.name, exitErr(ch.err))
		case <-time.After(w.interval):
		}
	}
}

// providers waits for the discovery document of each issuer in p; sim is the simulator when
// devstack started it.
func (w waiter) providers(ctx context.Context, p providerPlan, sim *child) error {
	for _, u := range p.discovery {
		if err := w.ready(ctx, u, sim); err != nil {
			return fmt.Errorf("identity provider: %w", err)
		}
	}
	return nil
}

func exitErr(err error) error {
	if err == nil {
		return errors.New("exit status 0")
	}
	return err
}
