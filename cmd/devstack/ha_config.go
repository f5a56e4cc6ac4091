package main

import (
	"fmt"
	"path/filepath"
)

// etcdConfig is the one-member etcd that Patroni keeps its leader key in. Patroni 3.0's etcd
// client speaks etcd's v2 API, which etcd 3.4 serves when asked.
func etcdConfig(dir string) string {
	return fmt.Sprintf(`name: motlan-ha
data-dir: %s
listen-client-urls: http://127.0.0.1:%d
advertise-client-urls: http://127.0.0.1:%d
listen-peer-urls: http://127.0.0.1:%d
initial-advertise-peer-urls: http://127.0.0.1:%d
initial-cluster: motlan-ha=http://127.0.0.1:%d
enable-v2: true
logger: zap
log-level: warn
`, filepath.Join(dir, "etcd"), haEtcdPort, haEtcdPort, haEtcdPort+1, haEtcdPort+1, haEtcdPort+1)
}

// patroniConfig is node i's Patroni configuration. The timings fail over within about ttl
// seconds of a leader's death: the leader key lives ttl = 10 s unless renewed every loop_wait =
// 2 s. A replica more than maximum_lag_on_failover bytes behind is never promoted.
// synchronous_mode here only bootstraps the cluster's configuration; start sets it through the
// REST API on every run (HA_SYNC). PostgreSQL logs to node<i>/postgresql.log. Trust
// authentication on loopback: development only.
func patroniConfig(dir string, i int, sync bool) string {
	node := filepath.Join(dir, fmt.Sprintf("node%d", i))
	return fmt.Sprintf(`scope: motlan
name: node%[1]d
log:
  level: WARNING
restapi:
  listen: 127.0.0.1:%[2]d
  connect_address: 127.0.0.1:%[2]d
etcd:
  host: 127.0.0.1:%[3]d
bootstrap:
  dcs:
    ttl: 10
    loop_wait: 2
    retry_timeout: 3
    maximum_lag_on_failover: 1048576
    synchronous_mode: %[4]t
    postgresql:
      use_pg_rewind: true
      parameters:
        wal_log_hints: "on"
        max_connections: 200
  initdb:
  - encoding: UTF8
  - locale: C.UTF-8
  - data-checksums
  pg_hba:
  - local all all trust
  - host replication replicator 127.0.0.1/32 trust
  - host all all 127.0.0.1/32 trust
postgresql:
  listen: 127.0.0.1:%[5]d
  connect_address: 127.0.0.1:%[5]d
  data_dir: %[6]s
  bin_dir: %[7]s
  pgpass: %[8]s
  authentication:
    superuser:
      username: postgres
    replication:
      username: replicator
    rewind:
      username: postgres
  parameters:
    unix_socket_directories: %[9]s
    logging_collector: "on"
    log_directory: %[9]s
    log_filename: postgresql.log
`, i, haRESTPort+i, haEtcdPort, sync, haPGPort+i, filepath.Join(node, "pgdata"), haPGBinaries,
		filepath.Join(node, "pgpass"), node)
}
