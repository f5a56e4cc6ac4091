// Package s3test starts a real S3 server for tests: SeaweedFS (`weed server -s3`), built once
// into bin/weed by `make bin/weed` (make test builds it first). A test that needs S3 fails, with
// the command to run, when the binary is missing: it never skips.
package s3test

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// EnvBin names the variable that points at the weed binary when it is not the module's bin/weed.
const EnvBin = "SEAWEEDFS_BIN"

// Server is a running S3 server with one identity allowed everything.
type Server struct {
	Endpoint  string // host:port of the S3 API
	AccessKey string
	SecretKey string
}

// Start runs a throwaway SeaweedFS (master, volume, filer and S3 gateway in one process) with its
// data in a temporary folder, waits until its S3 API answers, and stops it when the test ends.
func Start(t testing.TB) Server {
	t.Helper()
	bin, err := binary()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	s := Server{AccessKey: "motlan-test", SecretKey: "motlan-test-secret-key"} // #nosec G101 -- a throwaway server's
	cfg, err := json.Marshal(map[string]any{"identities": []map[string]any{{
		"name":        "portal",
		"credentials": []map[string]string{{"accessKey": s.AccessKey, "secretKey": s.SecretKey}},
		"actions":     []string{"Admin", "Read", "Write", "List", "Tagging"},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	cfgPath := filepath.Join(dir, "s3.json")
	if err := os.WriteFile(cfgPath, cfg, 0o600); err != nil {
		t.Fatal(err)
	}
	ports := freePorts(t, 8)
	s.Endpoint = "127.0.0.1:" + strconv.Itoa(ports[0])
	data := filepath.Join(dir, "data")
	if err := os.Mkdir(data, 0o700); err != nil {
		t.Fatal(err)
	}
	args := serverArgs(data, cfgPath, ports)
	cmd := exec.Command(bin, args...) // #nosec G204 -- the test's own binary and arguments
	cmd.Dir = dir
	log, err := os.Create(filepath.Join(dir, "weed.log")) // #nosec G304 -- in the test's own folder
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = log, log
	// The key SeaweedFS derives its SSE-S3 key-encryption key from: without one it refuses SSE-S3.
	cmd.Env = append(os.Environ(), "WEED_S3_SSE_KEY="+rand.Text())
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatalf("s3test: start %s: %v", bin, err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		t.Logf("s3test: weed stopped: %v", <-exited)
		_ = log.Close()
	})
	if err := s.wait(exited, 90*time.Second); err != nil {
		out, _ := os.ReadFile(filepath.Join(dir, "weed.log")) // #nosec G304 -- the test's own log
		t.Fatalf("s3test: %v\nweed log:\n%s", err, out)
	}
	return s
}

// wait polls the S3 API until it lists buckets, the process exits, or the deadline passes.
func (s Server) wait(exited <-chan error, limit time.Duration) error {
	client, err := minio.New(s.Endpoint, &minio.Options{Creds: credentials.NewStaticV4(s.AccessKey, s.SecretKey, "")})
	if err != nil {
		return err
	}
	deadline := time.Now().Add(limit)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		_, err = client.ListBuckets(ctx)
		cancel()
		if err == nil {
			return nil
		}
		select {
		case e := <-exited:
			return fmt.Errorf("weed exited before its S3 API answered: %v", e)
		case <-time.After(200 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the S3 API did not answer within %s: %v", limit, err)
		}
	}
}

// serverArgs runs master, volume server, filer and S3 gateway on loopback, each port chosen,
// with no telemetry and the optional Iceberg and Lance catalogues off.
func serverArgs(data, s3Config string, ports []int) []string {
	p := func(i int) string { return strconv.Itoa(ports[i]) }
	return []string{"server", "-ip=127.0.0.1", "-ip.bind=127.0.0.1", "-dir=" + data,
		"-filer", "-s3", "-s3.config=" + s3Config, "-s3.port=" + p(0), "-s3.port.grpc=" + p(1),
		"-s3.port.iceberg=0", "-s3.port.lance=0",
		"-master.port=" + p(2), "-master.port.grpc=" + p(3), "-master.volumeSizeLimitMB=64", "-master.telemetry=false",
		"-volume.port=" + p(4), "-volume.port.grpc=" + p(5), "-volume.max=100",
		"-filer.port=" + p(6), "-filer.port.grpc=" + p(7)}
}

// binary finds weed: SEAWEEDFS_BIN, else bin/weed at the module's root.
func binary() (string, error) {
	if p := os.Getenv(EnvBin); p != "" {
		return p, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("s3test: no go.mod above the test's folder")
		}
		dir = parent
	}
	p := filepath.Join(dir, "bin", "weed")
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("s3test: the S3 tests need SeaweedFS at %s: run `make bin/weed` (make test builds it), or set %s", p, EnvBin)
	}
	return p, nil
}

// freePorts asks the kernel for n distinct free loopback ports.
func freePorts(t testing.TB, n int) []int {
	t.Helper()
	var ports []int
	var ls []net.Listener
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	for _, l := range ls {
		_ = l.Close()
	}
	return ports
}
