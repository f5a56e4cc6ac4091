package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

// The high-availability stack (`devstack ha`): etcd and three Patroni nodes on loopback. Node i
// (1–3) serves PostgreSQL on haPGPort+i and Patroni's REST API on haRESTPort+i.
const (
	haDataDir      = ".data/ha"
	haEtcdPort     = 54350 // client; the peer port is the next one
	haPGPort       = 54330
	haRESTPort     = 54340
	haNodes        = 3
	haPGBinaries   = "/usr/lib/postgresql/15/bin"
	haReadyTimeout = 90 * time.Second
)

// haCluster is a running etcd and Patroni cluster under dir.
type haCluster struct {
	dir      string // absolute
	sync     bool   // synchronous_mode
	asUser   *user.User
	children []*child
	etcd     *child
	nodes    []*child
}

// pgURL is the portal's multi-host connection string: pgx tries the hosts in turn and keeps the
// one that accepts writes, whichever node Patroni made the leader.
func (h *haCluster) pgURL(db string) string {
	hosts := make([]string, haNodes)
	for i := range hosts {
		hosts[i] = fmt.Sprintf("127.0.0.1:%d", haPGPort+i+1)
	}
	return "postgres://postgres@" + strings.Join(hosts, ",") + "/" + db + "?sslmode=disable&target_session_attrs=read-write"
}

// restURLs are the nodes' Patroni REST APIs.
func (h *haCluster) restURLs() []string {
	out := make([]string, haNodes)
	for i := range out {
		out[i] = fmt.Sprintf("http://127.0.0.1:%d", haRESTPort+i+1)
	}
	return out
}

// runHA starts the cluster and keeps it up until interrupted or, with a command, runs it on a
// throwaway cluster with HA_DATABASE_URL (the multi-host URL), HA_PATRONI_URLS (the REST APIs),
// HA_PATRONI_PIDS (node=pid of each Patroni, for a test to kill one) and HA_SYNC set, and
// returns its exit code. HA_SYNC=off turns synchronous_mode off.
func runHA(ctx context.Context, args []string) (int, error) {
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if err := ensureHAPackages(ctx); err != nil {
		return 1, err
	}
	sync := os.Getenv("HA_SYNC") != "off"
	dir := haDataDir
	if len(args) > 0 { // a test: a fresh cluster, removed afterwards
		tmp, err := os.MkdirTemp("", "motlan-ha-")
		if err != nil {
			return 1, err
		}
		defer func() { _ = os.RemoveAll(tmp) }()
		dir = tmp
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return 1, err
	}
	h := &haCluster{dir: abs, sync: sync}
	// The folders above the cluster must stay searchable by the postgres user.
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil { //nolint:gosec // G301: as cluster.prepareDirs; the cluster's own folder is 0700
		return 1, err
	}
	release, err := lockStack(filepath.Join(abs, "devstack"))
	if err != nil {
		return 1, err
	}
	defer release()
	if err := cleanStaleHA(filepath.Join(abs, "devstack"), abs); err != nil {
		return 1, err
	}
	h.stopPostmasters() // what a killed run left: Patroni would adopt them with their old settings
	defer h.stop()
	if err := h.start(ctx); err != nil {
		return 1, err
	}
	url := h.pgURL(devDBName)
	mode := "on"
	if !sync {
		mode = "off"
	}
	fmt.Printf("\ndevstack: Patroni cluster %q up (synchronous_mode %s), data in %s\n", "motlan", mode, abs)
	fmt.Printf("  etcd          http://127.0.0.1:%d\n", haEtcdPort)
	fmt.Printf("  Patroni REST  %s  (GET /cluster, /leader, /replica)\n", strings.Join(h.restURLs(), " "))
	fmt.Printf("  DATABASE_URL=%s\n\n", url)

	if len(args) == 0 {
		fmt.Println("Press Ctrl-C to stop.")
		<-ctx.Done()
		fmt.Println("\ndevstack: stopping the cluster")
		return 0, nil
	}
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	pids := make([]string, len(h.nodes))
	for i, n := range h.nodes {
		pids[i] = fmt.Sprintf("%s=%d", n.name, n.cmd.Process.Pid)
	}
	cmd.Env = append(os.Environ(), "HA_DATABASE_URL="+url, "HA_PATRONI_URLS="+strings.Join(h.restURLs(), ","),
		"HA_PATRONI_PIDS="+strings.Join(pids, ","), "HA_SYNC="+mode)
	err = cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode(), fmt.Errorf("ha: %s exited with %d", args[0], exit.ExitCode())
	}
	if err != nil {
		return 1, err
	}
	return 0, nil
}

// ensureHAPackages installs Patroni and etcd when missing and we may (root on Debian).
func ensureHAPackages(ctx context.Context) error {
	_, errP := exec.LookPath("patroni")
	_, errE := exec.LookPath("etcd")
	if errP == nil && errE == nil {
		return nil
	}
	if os.Geteuid() != 0 {
		return errors.New("ha: Patroni and etcd are missing; install them: sudo apt-get install -y patroni etcd-server")
	}
	fmt.Println("devstack: installing patroni and etcd-server with apt-get")
	return aptInstall(ctx, "patroni", "etcd-server")
}

// start writes the configuration, starts etcd and the three nodes, and waits until the cluster
// has a leader, two streaming replicas and (in synchronous mode) a synchronous standby.
func (h *haCluster) start(ctx context.Context) error {
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			return fmt.Errorf("ha: running as root needs the postgres user (install the postgresql package): %w", err)
		}
		h.asUser = u
	}
	if err := h.writeConfig(); err != nil {
		return err
	}
	for i := range haNodes + 1 {
		port := haRESTPort + i
		if i == 0 {
			port = haEtcdPort
		}
		if err := portFree(fmt.Sprintf("127.0.0.1:%d", port), "nothing (stop the other cluster)"); err != nil {
			return fmt.Errorf("ha: %w", err)
		}
	}
	etcd, err := h.startChild("etcd", "etcd", "--config-file", filepath.Join(h.dir, "etcd.yml"))
	if err != nil {
		return err
	}
	h.etcd = etcd
	if err := defaultWaiter.ready(ctx, fmt.Sprintf("http://127.0.0.1:%d/health", haEtcdPort), etcd); err != nil {
		return fmt.Errorf("ha: etcd: %w", err)
	}
	for i := 1; i <= haNodes; i++ {
		n, err := h.startChild(fmt.Sprintf("node%d", i), "patroni", filepath.Join(h.dir, fmt.Sprintf("node%d", i), "patroni.yml"))
		if err != nil {
			return err
		}
		h.nodes = append(h.nodes, n)
	}
	api := patroniAPI{base: h.restURLs()}
	if err := api.setSynchronous(ctx, h.sync); err != nil {
		return err
	}
	if _, err := api.waitHealthy(ctx, haNodes, h.sync, haReadyTimeout); err != nil {
		return err
	}
	return h.createDatabase(ctx, devDBName)
}

// startChild runs program as the postgres user when we are root (PostgreSQL refuses root, and
// Patroni runs it), in its own process group recorded under dir/devstack.
func (h *haCluster) startChild(name, program string, args ...string) (*child, error) {
	path, err := exec.LookPath(program)
	if err != nil {
		return nil, fmt.Errorf("ha: %w", err)
	}
	if h.asUser != nil {
		// setpriv execs the program, so its pid is the child's; the kernel forgets the parent-death
		// signal when the user changes, so setpriv sets it again.
		args = append([]string{"--reuid=" + h.asUser.Uid, "--regid=" + h.asUser.Gid, "--init-groups", "--pdeathsig=TERM", "--", path}, args...)
		if path, err = exec.LookPath("setpriv"); err != nil {
			return nil, fmt.Errorf("ha: %w", err)
		}
	}
	env := append(os.Environ(), "HOME="+h.dir, "LC_ALL=C.UTF-8")
	c, err := startChild(filepath.Join(h.dir, "devstack"), name, env, os.Stdout, path, args...)
	if err != nil {
		return nil, err
	}
	h.children = append(h.children, c)
	return c, nil
}

// stop ends the nodes (Patroni stops its PostgreSQL), then etcd, then any PostgreSQL whose
// Patroni was killed (ha-test kills the leader's), so nothing outlives devstack.
func (h *haCluster) stop() {
	for _, c := range h.nodes {
		c.stop()
	}
	for _, c := range h.nodes {
		waitChild(c, 30*time.Second)
	}
	h.stopPostmasters()
	if h.etcd != nil {
		h.etcd.stop()
		waitChild(h.etcd, 10*time.Second)
	}
}

// waitChild waits for c to exit, and kills its process group after grace.
func waitChild(c *child, grace time.Duration) {
	select {
	case <-c.done:
	case <-time.After(grace):
		_ = syscall.Kill(-c.cmd.Process.Pid, syscall.SIGKILL)
		<-c.done
	}
}

// stopPostmasters ends the PostgreSQL servers still running on the nodes' data folders
// (SIGQUIT: an immediate shutdown; Patroni runs crash recovery on the next start).
func (h *haCluster) stopPostmasters() {
	for i := 1; i <= haNodes; i++ {
		pidFile := filepath.Join(h.dir, fmt.Sprintf("node%d", i), "pgdata", "postmaster.pid")
		b, err := os.ReadFile(pidFile)
		if err != nil {
			continue
		}
		pid, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0]))
		if err != nil || !alive(pid) {
			continue
		}
		args, _ := cmdline(pid)
		if len(args) == 0 || !strings.HasSuffix(args[0], "postgres") {
			continue // a reused pid
		}
		fmt.Printf("devstack: stopping the PostgreSQL of node%d (pid %d), whose Patroni is gone\n", i, pid)
		_ = syscall.Kill(pid, syscall.SIGQUIT)
		for deadline := time.Now().Add(10 * time.Second); alive(pid) && time.Now().Before(deadline); {
			time.Sleep(100 * time.Millisecond)
		}
		_ = syscall.Kill(pid, syscall.SIGKILL)
	}
}

// createDatabase creates the portal's database on the leader unless it exists.
func (h *haCluster) createDatabase(ctx context.Context, name string) error {
	url := strings.Replace(h.pgURL("postgres"), "/postgres?", "/postgres?connect_timeout=5&", 1)
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return fmt.Errorf("ha: connect to the leader: %w", err)
	}
	defer func() { _ = conn.Close(context.WithoutCancel(ctx)) }()
	var exists bool
	if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
		return fmt.Errorf("ha: %w", err)
	}
	if exists {
		return nil
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		return fmt.Errorf("ha: create database %s: %w", name, err)
	}
	return nil
}

// writeConfig writes etcd's and each node's Patroni configuration, and hands the folder to the
// postgres user when we are root.
func (h *haCluster) writeConfig() error {
	if err := os.MkdirAll(h.dir, 0o700); err != nil {
		return err
	}
	files := map[string]string{"etcd.yml": etcdConfig(h.dir)}
	for i := 1; i <= haNodes; i++ {
		if err := os.MkdirAll(filepath.Join(h.dir, fmt.Sprintf("node%d", i)), 0o700); err != nil {
			return err
		}
		files[fmt.Sprintf("node%d/patroni.yml", i)] = patroniConfig(h.dir, i, h.sync)
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(h.dir, name), []byte(text), 0o600); err != nil {
			return err
		}
	}
	if h.asUser == nil {
		return nil
	}
	uid, _ := strconv.Atoi(h.asUser.Uid)
	gid, _ := strconv.Atoi(h.asUser.Gid)
	// Inside an os.Root, so a symlink in the tree cannot lead the chown outside it.
	root, err := os.OpenRoot(h.dir)
	if err != nil {
		return err
	}
	defer func() { _ = root.Close() }()
	err = fs.WalkDir(root.FS(), ".", func(path string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return root.Lchown(path, uid, gid)
	})
	if err != nil {
		return fmt.Errorf("ha: hand %s to postgres: %w", h.dir, err)
	}
	return nil
}

// cleanStaleHA ends what a devstack killed before it could stop the cluster left running: the
// process group of each pid file whose process still leads its group and runs with a
// configuration under dir. (cleanStale compares the arguments exactly, but setpriv and Python
// change them: the process runs "python3 /usr/bin/patroni …" after exec.)
func cleanStaleHA(pidDir, dir string) error {
	files, err := filepath.Glob(filepath.Join(pidDir, "*.pid"))
	if err != nil {
		return err
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		var r pidRecord
		if json.Unmarshal(b, &r) == nil && alive(r.Pid) {
			args, err := cmdline(r.Pid)
			pgid, perr := getpgid(r.Pid)
			if err == nil && perr == nil && pgid == r.Pid && strings.Contains(strings.Join(args, " "), dir+"/") {
				fmt.Printf("devstack: ending %s (pid %d), left running by an earlier run\n", strings.TrimSuffix(filepath.Base(f), ".pid"), r.Pid)
				endGroup(r.Pid, 30*time.Second)
			}
		}
		if err := os.Remove(f); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}
