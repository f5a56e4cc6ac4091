// Package cluster runs a private PostgreSQL cluster from the system's server binaries, for
// `make run` (kept under ./.data between runs) and for tests (a throwaway folder). PostgreSQL
// refuses to run as root, so when the caller is root the server runs as the `postgres` user.
// The cluster listens on 127.0.0.1 only, with its socket inside its own folder, and trusts local
// connections: it is for development and tests, never for production.
package cluster

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Cluster is one private PostgreSQL data folder and the server that runs it.
type Cluster struct {
	Dir  string // data folder root; the cluster lives in Dir/pgdata
	Port int    // TCP port on 127.0.0.1

	bin    string // folder holding initdb, pg_ctl, postgres
	asUser string // non-empty: run the server binaries as this user (we are root)
}

// New finds the server binaries and prepares a cluster rooted at dir. It does not start it.
func New(dir string, port int) (*Cluster, error) {
	bin, err := findBinaries()
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("cluster: %w", err)
	}
	c := &Cluster{Dir: abs, Port: port, bin: bin}
	if os.Geteuid() == 0 {
		c.asUser = "postgres"
	}
	return c, nil
}

// URL is the connection string of database name on this cluster.
func (c *Cluster) URL(name string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", c.Port, name)
}

func (c *Cluster) dataDir() string   { return filepath.Join(c.Dir, "pgdata") }
func (c *Cluster) socketDir() string { return filepath.Join(c.Dir, "socket") }
func (c *Cluster) logFile() string   { return filepath.Join(c.Dir, "postgres.log") }

// Start initialises the cluster if its folder is empty and starts the server, waiting until it
// accepts connections. A server already running on this folder is left as it is.
func (c *Cluster) Start(ctx context.Context) error {
	if err := c.prepareDirs(); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(c.dataDir(), "PG_VERSION")); errors.Is(err, os.ErrNotExist) {
		if err := c.initdb(ctx); err != nil {
			return err
		}
	}
	if c.running(ctx) {
		return nil
	}
	if portInUse(c.Port) {
		return fmt.Errorf("cluster: port %d on 127.0.0.1 is already in use; set another port or stop what uses it", c.Port)
	}
	opts := strings.Join([]string{
		"-c listen_addresses=127.0.0.1",
		"-p " + strconv.Itoa(c.Port),
		"-c unix_socket_directories=" + c.socketDir(),
		"-c max_connections=200",
	}, " ")
	_, err := c.run(ctx, "pg_ctl", "-D", c.dataDir(), "-l", c.logFile(), "-o", opts, "-w", "-t", "60", "start")
	if err != nil {
		return fmt.Errorf("cluster: start (log: %s): %w", c.logFile(), err)
	}
	return nil
}

// Stop shuts the server down (fast mode: open sessions are ended, data is kept).
func (c *Cluster) Stop(ctx context.Context) error {
	if !c.running(ctx) {
		return nil
	}
	if _, err := c.run(ctx, "pg_ctl", "-D", c.dataDir(), "-m", "fast", "-w", "stop"); err != nil {
		return fmt.Errorf("cluster: stop: %w", err)
	}
	return nil
}

// CreateDatabase creates database name unless it exists.
func (c *Cluster) CreateDatabase(ctx context.Context, name string) error {
	out, err := c.run(ctx, "psql", "-h", "127.0.0.1", "-p", strconv.Itoa(c.Port), "-U", "postgres", "-d", "postgres",
		"-tAc", "SELECT 1 FROM pg_database WHERE datname = '"+strings.ReplaceAll(name, "'", "''")+"'")
	if err != nil {
		return fmt.Errorf("cluster: look up database %s: %w", name, err)
	}
	if strings.TrimSpace(out) == "1" {
		return nil
	}
	if _, err := c.run(ctx, "createdb", "-h", "127.0.0.1", "-p", strconv.Itoa(c.Port), "-U", "postgres", name); err != nil {
		return fmt.Errorf("cluster: create database %s: %w", name, err)
	}
	return nil
}

func (c *Cluster) prepareDirs() error {
	// The folders above the cluster must stay searchable by the postgres user.
	if err := os.MkdirAll(filepath.Dir(c.Dir), 0o755); err != nil { //nolint:gosec // G301: the postgres user must traverse this folder to reach the cluster, which is itself 0700
		return fmt.Errorf("cluster: %w", err)
	}
	for _, d := range []string{c.Dir, c.socketDir()} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return fmt.Errorf("cluster: %w", err)
		}
	}
	if c.asUser == "" {
		return nil
	}
	u, err := user.Lookup(c.asUser)
	if err != nil {
		return fmt.Errorf("cluster: running as root needs the %q user (install the postgresql package): %w", c.asUser, err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := chownTree(c.Dir, uid, gid); err != nil {
		return fmt.Errorf("cluster: hand %s to %s: %w", c.Dir, c.asUser, err)
	}
	probe := exec.Command("runuser", "-u", c.asUser, "--", "test", "-w", c.Dir)
	if probe.Run() != nil {
		return fmt.Errorf("cluster: the %s user cannot reach %s: every parent folder must be searchable by others (chmod o+x), or set DATABASE_URL to an existing server", c.asUser, c.Dir)
	}
	return nil
}

// chownTree gives everything under dir to uid:gid. It walks inside an os.Root, so a symlink in
// the tree cannot lead the chown outside it.
func chownTree(dir string, uid, gid int) (err error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, root.Close()) }()
	return fs.WalkDir(root.FS(), ".", func(path string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return root.Lchown(path, uid, gid)
	})
}

func (c *Cluster) initdb(ctx context.Context) error {
	// Data checksums: a page damaged on disk is reported when read, not served as data.
	_, err := c.run(ctx, "initdb", "-D", c.dataDir(), "-U", "postgres", "--auth=trust",
		"--encoding=UTF8", "--locale=C.UTF-8", "--data-checksums", "--no-instructions")
	if err != nil {
		return fmt.Errorf("cluster: initdb: %w", err)
	}
	return nil
}

func (c *Cluster) running(ctx context.Context) bool {
	_, err := c.run(ctx, "pg_ctl", "-D", c.dataDir(), "status")
	return err == nil
}

// run executes one of the PostgreSQL programs, as the postgres user when we are root.
func (c *Cluster) run(ctx context.Context, program string, args ...string) (string, error) {
	path := filepath.Join(c.bin, program)
	if _, err := os.Stat(path); err != nil {
		if p, lookErr := exec.LookPath(program); lookErr == nil {
			path = p
		}
	}
	var cmd *exec.Cmd
	if c.asUser != "" {
		cmd = exec.CommandContext(ctx, "runuser", append([]string{"-u", c.asUser, "--", path}, args...)...)
	} else {
		cmd = exec.CommandContext(ctx, path, args...)
	}
	cmd.Dir = c.Dir
	// pg_ctl start leaves the server running: it must not hold our stdout/stderr open.
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8")
	if err := cmd.Run(); err != nil {
		return out.String(), fmt.Errorf("%s: %w: %s", program, err, strings.TrimSpace(errOut.String()))
	}
	return out.String(), nil
}

// ErrNoServer is returned when the PostgreSQL server binaries are not installed.
var ErrNoServer = errors.New("cluster: PostgreSQL server binaries (initdb, pg_ctl) not found; install them with: sudo apt-get install -y postgresql")

func findBinaries() (string, error) {
	candidates, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Sort(sort.Reverse(sort.StringSlice(candidates)))
	for _, dir := range candidates {
		if _, err := os.Stat(filepath.Join(dir, "pg_ctl")); err == nil {
			return dir, nil
		}
	}
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		if _, err := exec.LookPath("initdb"); err == nil {
			return filepath.Dir(p), nil
		}
	}
	return "", ErrNoServer
}

func portInUse(port int) bool {
	conn, err := net.DialTimeout("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), 300*time.Millisecond)
	if err != nil {
		return false
	}
	_ = conn.Close() // only a probe: something answered, which is all we wanted to know
	return true
}
