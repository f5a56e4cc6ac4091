package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/motlan/portal/web"
)

// TestPlanS3: DEV_S3=1 gives SeaweedFS an identity file with the credentials the portal is
// given, and the portal's configuration accepts the variables it sets.
func TestPlanS3(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	plan, err := planS3(dir)
	require.NoError(t, err)
	require.Contains(t, plan.args, "-s3.config="+filepath.Join(dir, "s3.json"))
	require.Contains(t, plan.args, "-s3.port=8333")

	raw, err := os.ReadFile(filepath.Join(dir, "s3.json")) // #nosec G304 -- the test's own folder
	require.NoError(t, err)
	var ids struct {
		Identities []struct {
			Credentials []struct{ AccessKey, SecretKey string }
		}
	}
	require.NoError(t, json.Unmarshal(raw, &ids))

	env := map[string]string{}
	for _, kv := range plan.env {
		k, v, _ := strings.Cut(kv, "=")
		env[k] = v
	}
	cfg, err := web.LoadConfig(func(k string) string { return env[k] })
	require.NoError(t, err)
	require.Equal(t, web.BlobStoreS3, cfg.BlobStore)
	require.Equal(t, devS3Addr, cfg.S3.Endpoint)
	require.False(t, cfg.S3.UseSSL)
	require.Equal(t, ids.Identities[0].Credentials[0].AccessKey, cfg.S3.AccessKey)
	require.Equal(t, ids.Identities[0].Credentials[0].SecretKey, cfg.S3.SecretKey)
	require.NotEmpty(t, env["WEED_S3_SSE_KEY"], "without it SeaweedFS refuses SSE-S3")
}
