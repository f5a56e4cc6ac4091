package web_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/web"
)

func TestReplicaConfig(t *testing.T) {
	t.Parallel()
	t.Run("NoReplicaByDefault", func(t *testing.T) {
		cfg, err := web.LoadConfig(env(nil))
		require.NoError(t, err)
		require.Empty(t, cfg.DatabaseReplicaURL)
		require.Equal(t, 2*time.Second, cfg.DatabaseReplicaMaxLag)
	})
	t.Run("OK", func(t *testing.T) {
		cfg, err := web.LoadConfig(env(map[string]string{"DATABASE_REPLICA_URL": "postgres://replica.internal/motlan",
			"DATABASE_REPLICA_MAX_LAG": "500ms"}))
		require.NoError(t, err)
		require.Equal(t, "postgres://replica.internal/motlan", cfg.DatabaseReplicaURL)
		require.Equal(t, 500*time.Millisecond, cfg.DatabaseReplicaMaxLag)
	})
	t.Run("ErrMaxLagNotPositive", func(t *testing.T) {
		_, err := web.LoadConfig(env(map[string]string{"DATABASE_REPLICA_MAX_LAG": "0s"}))
		require.ErrorContains(t, err, "DATABASE_REPLICA_MAX_LAG")
	})
}
