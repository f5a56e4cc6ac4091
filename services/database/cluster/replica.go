package cluster

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// Replicate makes a streaming replica of c rooted at dir, listening on port, and starts it as a
// hot standby: a base backup taken with pg_basebackup -R, which writes the primary's address
// (primary_conninfo) and standby.signal into the copy. c must be running; the pg_hba.conf that
// initdb writes already trusts replication connections from 127.0.0.1. A replica already in dir
// is only started.
func (c *Cluster) Replicate(ctx context.Context, dir string, port int) (*Cluster, error) {
	r, err := New(dir, port)
	if err != nil {
		return nil, err
	}
	if err := r.prepareDirs(); err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(r.dataDir(), "PG_VERSION")); errors.Is(err, os.ErrNotExist) {
		// -c fast: a checkpoint at once rather than spread over minutes; -X stream: the WAL
		// written during the copy comes with it, so the replica starts consistent.
		_, err := r.run(ctx, "pg_basebackup", "-h", "127.0.0.1", "-p", strconv.Itoa(c.Port), "-U", "postgres",
			"-D", r.dataDir(), "-R", "-X", "stream", "-c", "fast",
			"--no-sync") // a throwaway copy for tests and development: a crash means taking it again
		if err != nil {
			return nil, fmt.Errorf("cluster: base backup of 127.0.0.1:%d: %w", c.Port, err)
		}
	}
	if err := r.Start(ctx); err != nil {
		return nil, err
	}
	return r, nil
}
