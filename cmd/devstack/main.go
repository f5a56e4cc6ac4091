// Command devstack runs the development stack that `make run` and `make test` need.
//
//	devstack run                 private PostgreSQL under ./.data (unless DATABASE_URL is set),
//	                             migrations, the VNeID (:8081; unless OIDC_ISSUER names another
//	                             provider) and NDXP (:8082) simulators and the portal (:8080);
//	                             Ctrl-C stops everything and keeps the data; what a killed run
//	                             left running is ended first (pid files under ./.data/devstack)
//	devstack test-db -- CMD...   runs CMD with TEST_DATABASE_URL pointing at a throwaway cluster
//	                             (unless TEST_DATABASE_URL is already set), then removes it
//	devstack ha                  etcd and a three-node Patroni cluster on loopback (data under
//	                             ./.data/ha), printing the portal's multi-host DATABASE_URL;
//	                             HA_SYNC=off turns synchronous_mode off (ha.go)
//	devstack ha -- CMD...        the same on a throwaway cluster, running CMD with HA_DATABASE_URL,
//	                             HA_PATRONI_URLS, HA_PATRONI_PIDS and HA_SYNC set (make ha-test)
//
// It expects the portal and vneid-sim binaries next to its own (make build puts them in ./bin).
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var err error
	code := 0
	switch {
	case len(os.Args) >= 2 && os.Args[1] == "run":
		err = runStack(ctx)
	case len(os.Args) >= 2 && os.Args[1] == "test-db":
		args := os.Args[2:]
		if len(args) > 0 && args[0] == "--" {
			args = args[1:]
		}
		code, err = withTestDB(ctx, args)
	case len(os.Args) >= 2 && os.Args[1] == "ha":
		code, err = runHA(ctx, os.Args[2:])
	default:
		err = fmt.Errorf("usage: devstack run | devstack test-db -- command [args...] | devstack ha [-- command [args...]]")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "devstack:", err)
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}
