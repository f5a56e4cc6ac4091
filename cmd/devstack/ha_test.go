package main

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// The cluster counts as up only with one running leader, every replica running, and a
// synchronous standby exactly when synchronous_mode is on.
func TestHealthy(t *testing.T) {
	t.Parallel()
	leader := clusterMember{Name: "node1", Role: "leader", State: "running"}
	syncStandby := clusterMember{Name: "node2", Role: "sync_standby", State: "running"}
	replica := clusterMember{Name: "node3", Role: "replica", State: "running"}
	starting := clusterMember{Name: "node3", Role: "replica", State: "starting"}
	t.Run("OK", func(t *testing.T) {
		require.True(t, healthy([]clusterMember{leader, syncStandby, replica}, 3, true))
		require.True(t, healthy([]clusterMember{leader, {Name: "node2", Role: "replica", State: "streaming"}, replica}, 3, false))
	})
	t.Run("ErrReplicaStarting", func(t *testing.T) {
		require.False(t, healthy([]clusterMember{leader, syncStandby, starting}, 3, true))
	})
	t.Run("ErrNoLeader", func(t *testing.T) {
		require.False(t, healthy([]clusterMember{syncStandby, replica}, 2, true))
	})
	t.Run("ErrNoSyncStandby", func(t *testing.T) {
		require.False(t, healthy([]clusterMember{leader, replica, {Name: "node2", Role: "replica", State: "running"}}, 3, true))
	})
	t.Run("ErrSyncStandbyWhenAsync", func(t *testing.T) {
		require.False(t, healthy([]clusterMember{leader, syncStandby, replica}, 3, false))
	})
}

// Each node's configuration names its own ports and folders and the one etcd.
func TestPatroniConfig(t *testing.T) {
	t.Parallel()
	c := patroniConfig("/x/ha", 2, true)
	for _, want := range []string{"name: node2", "listen: 127.0.0.1:54342", "listen: 127.0.0.1:54332",
		"data_dir: /x/ha/node2/pgdata", "host: 127.0.0.1:54350", "synchronous_mode: true", "bin_dir: /usr/lib/postgresql/15/bin"} {
		require.Contains(t, c, want)
	}
	require.Contains(t, patroniConfig("/x/ha", 1, false), "synchronous_mode: false")
}
