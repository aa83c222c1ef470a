#!/usr/bin/env bash
# Makes sure a PgBouncer in transaction pooling mode listens on 127.0.0.1:$PGBOUNCER_PORT (6432)
# in front of the test PostgreSQL on 127.0.0.1:5432, for the test suites that run through one
# (make test). It is a plain process started from a generated configuration under a temporary
# directory, never a system service. A PgBouncer already answering on the port in transaction
# mode is reused; one this script started with another configuration is replaced.
set -euo pipefail
port=${PGBOUNCER_PORT:-6432}
dir=${PGBOUNCER_DIR:-${TMPDIR:-/tmp}/rebound-pgbouncer-$port}
mkdir -p "$dir"

# The configuration. Small server pools (default_pool_size) so that transactions of one client
# pool really do land on different server connections; many clients. No
# ignore_startup_parameters: in transaction pool mode Rebound sends none, and the tests prove it.
cat >"$dir/pgbouncer.ini.new" <<INI
[databases]
* = host=127.0.0.1 port=5432
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = trust
auth_file = $dir/userlist.txt
admin_users = postgres
pool_mode = transaction
default_pool_size = 4
max_client_conn = 2000
server_idle_timeout = 30
log_connections = 0
log_disconnections = 0
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
INI
echo '"postgres" ""' >"$dir/userlist.txt"

admin() { psql -X -q -A -t -h 127.0.0.1 -p "$port" -U postgres -d pgbouncer -c "$1" 2>/dev/null; }
ours() { [ -f "$dir/pgbouncer.pid" ] && kill -0 "$(cat "$dir/pgbouncer.pid")" 2>/dev/null; }

if pg_isready -q -h 127.0.0.1 -p "$port"; then
  if ours && ! cmp -s "$dir/pgbouncer.ini" "$dir/pgbouncer.ini.new"; then
    echo "pgbouncer on $port runs an older configuration; replacing it"
    pid=$(cat "$dir/pgbouncer.pid")
    kill "$pid"
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  elif admin 'SHOW CONFIG' | grep -qx 'pool_mode|transaction|.*'; then
    echo "pgbouncer (transaction pooling) already on 127.0.0.1:$port"
    rm -f "$dir/pgbouncer.ini.new"
    exit 0
  else
    echo "127.0.0.1:$port answers but is not a PgBouncer in transaction mode; set PGBOUNCER_PORT" >&2
    exit 1
  fi
fi

mv "$dir/pgbouncer.ini.new" "$dir/pgbouncer.ini"
rm -f "$dir/pgbouncer.pid"
# PgBouncer refuses to run as root; the local PostgreSQL's account is there on any machine that
# runs the server.
as=()
if [ "$(id -u)" = 0 ]; then
  chown -R postgres "$dir"
  as=(-u postgres)
fi
bin=$(command -v pgbouncer || echo /usr/sbin/pgbouncer)
"$bin" -d "${as[@]}" "$dir/pgbouncer.ini"
for _ in $(seq 50); do pg_isready -q -h 127.0.0.1 -p "$port" && break; sleep 0.1; done
pg_isready -q -h 127.0.0.1 -p "$port" || { echo "pgbouncer did not start; see $dir/pgbouncer.log" >&2; exit 1; }
echo "pgbouncer (transaction pooling) started on 127.0.0.1:$port (configuration and log in $dir)"
