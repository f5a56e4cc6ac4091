package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// The S3 store that DEV_S3=1 starts for the portal's files (BLOB_STORE=s3): SeaweedFS from
// bin/weed (make bin/weed), its data kept in .data/seaweedfs, its S3 API on 127.0.0.1:8333.
const (
	devS3Dir    = ".data/seaweedfs"
	devS3Addr   = "127.0.0.1:8333"
	devS3Access = "motlan-dev"
	devS3Secret = "motlan-dev-secret-key" // #nosec G101 -- the development store's, on loopback
)

// s3Plan is how devstack runs the development S3 store: weed's arguments and the portal's
// variables that point at it.
type s3Plan struct {
	args []string // after "weed"
	env  []string // BLOB_STORE, S3_*, and the key SeaweedFS derives its SSE-S3 keys from
}

// planS3 writes the store's identity file under dir and returns how to run it: master, volume
// server, filer and S3 gateway in one process, on loopback ports next to 8333.
func planS3(dir string) (s3Plan, error) {
	data := filepath.Join(dir, "data")
	if err := os.MkdirAll(data, 0o700); err != nil {
		return s3Plan{}, err
	}
	ids, err := json.Marshal(map[string]any{"identities": []map[string]any{{
		"name":        "portal",
		"credentials": []map[string]string{{"accessKey": devS3Access, "secretKey": devS3Secret}},
		"actions":     []string{"Admin", "Read", "Write", "List", "Tagging"},
	}}})
	if err != nil {
		return s3Plan{}, err
	}
	cfg := filepath.Join(dir, "s3.json")
	if err := os.WriteFile(cfg, ids, 0o600); err != nil {
		return s3Plan{}, err
	}
	return s3Plan{
		args: []string{"server", "-ip=127.0.0.1", "-ip.bind=127.0.0.1", "-dir=" + data, "-filer", "-s3",
			"-s3.config=" + cfg, "-s3.port=8333", "-s3.port.grpc=18333", "-s3.port.iceberg=0", "-s3.port.lance=0",
			"-master.port=9333", "-master.port.grpc=19333", "-master.volumeSizeLimitMB=256", "-master.telemetry=false",
			"-volume.port=8334", "-volume.port.grpc=18334", "-volume.max=100", "-filer.port=8888", "-filer.port.grpc=18888"},
		env: []string{"BLOB_STORE=s3", "S3_ENDPOINT=" + devS3Addr, "S3_BUCKET=motlan-files", "S3_ACCESS_KEY=" + devS3Access,
			"S3_SECRET_KEY=" + devS3Secret, "S3_USE_SSL=false", "WEED_S3_SSE_KEY=motlan-dev-sse-key"},
	}, nil
}

// weedBinary is bin/weed beside devstack, or an error that says how to build it.
func weedBinary(bin string) error {
	if _, err := os.Stat(filepath.Join(bin, "weed")); err != nil {
		return fmt.Errorf("DEV_S3=1 runs SeaweedFS from %s: build it with make bin/weed", filepath.Join(bin, "weed"))
	}
	return nil
}
