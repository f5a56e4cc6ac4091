package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// patroniAPI talks to the nodes' REST APIs; any node answers for the cluster.
type patroniAPI struct{ base []string }

// clusterMember is one member of GET /cluster.
type clusterMember struct {
	Name     string `json:"name"`
	Role     string `json:"role"` // leader, sync_standby, replica
	State    string `json:"state"`
	Host     string `json:"host"`
	Port     int    `json:"port"`
	Timeline int    `json:"timeline"`
}

func (p patroniAPI) do(ctx context.Context, method, path string, body any, out any) error {
	var errs []error
	for _, base := range p.base {
		var rd *bytes.Reader
		if body != nil {
			b, err := json.Marshal(body)
			if err != nil {
				return err
			}
			rd = bytes.NewReader(b)
		} else {
			rd = bytes.NewReader(nil)
		}
		req, err := http.NewRequestWithContext(ctx, method, base+path, rd)
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := (&http.Client{Timeout: 3 * time.Second}).Do(req)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		err = json.NewDecoder(resp.Body).Decode(out)
		_ = resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			errs = append(errs, fmt.Errorf("%s %s%s: %s", method, base, path, resp.Status))
			continue
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		return nil
	}
	return errors.Join(errs...)
}

// members is GET /cluster.
func (p patroniAPI) members(ctx context.Context) ([]clusterMember, error) {
	var c struct {
		Members []clusterMember `json:"members"`
	}
	err := p.do(ctx, http.MethodGet, "/cluster", nil, &c)
	return c.Members, err
}

// setSynchronous sets synchronous_mode in the cluster's dynamic configuration (PATCH /config),
// once any node answers.
func (p patroniAPI) setSynchronous(ctx context.Context, on bool) error {
	deadline := time.Now().Add(haReadyTimeout)
	for {
		var out map[string]any
		err := p.do(ctx, http.MethodPatch, "/config", map[string]any{"synchronous_mode": on}, &out)
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("ha: set synchronous_mode: %w", err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// healthy reports whether members are a running leader and want-1 running replicas, one of
// them a synchronous standby when sync is on (and none when it is off).
func healthy(members []clusterMember, want int, sync bool) bool {
	leaders, running, syncs := 0, 0, 0
	for _, m := range members {
		if m.State != "running" && m.State != "streaming" {
			continue
		}
		running++
		switch m.Role {
		case "leader":
			leaders++
		case "sync_standby":
			syncs++
		}
	}
	return leaders == 1 && running == want && (syncs > 0) == sync
}

// waitHealthy polls GET /cluster until the cluster is healthy with want members.
func (p patroniAPI) waitHealthy(ctx context.Context, want int, sync bool, timeout time.Duration) ([]clusterMember, error) {
	deadline := time.Now().Add(timeout)
	for {
		m, err := p.members(ctx)
		if err == nil && healthy(m, want, sync) {
			return m, nil
		}
		if time.Now().After(deadline) {
			return m, fmt.Errorf("ha: cluster not healthy after %s: members %+v (%v)", timeout, m, err)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(500 * time.Millisecond):
		}
	}
}
