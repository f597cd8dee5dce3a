# shellcheck shell=bash disable=SC2034
# MariaDB (Slurm accounting, both clusters), PostgreSQL and Redis (the gateway) of the stack.
# All on loopback, data under .stack, each started detached by start_daemon.

MARIADB_DIR=$STACK/mariadb
MARIADB_SOCK=$MARIADB_DIR/run/mysqld.sock
PG_DIR=$STACK/postgres
PG_BIN=/usr/lib/postgresql/15/bin
REDIS_DIR=$STACK/redis

mariadb_start() {
  alive mariadb && return 0
  mkdir -p "$MARIADB_DIR/run"
  if [ ! -d "$MARIADB_DIR/data/mysql" ]; then
    rm -rf "$MARIADB_DIR/data"
    mariadb-install-db --no-defaults --datadir="$MARIADB_DIR/data" --user=mysql \
      --auth-root-authentication-method=socket --skip-test-db >"$LOGS/mariadb-install.log" 2>&1 ||
      die "mariadb-install-db failed, see $LOGS/mariadb-install.log"
  fi
  chown -R mysql:mysql "$MARIADB_DIR"
  rm -f "$MARIADB_SOCK" "$MARIADB_SOCK.lock"
  start_daemon mariadb "$LOGS/mariadb.log" /usr/sbin/mariadbd --no-defaults \
    --datadir="$MARIADB_DIR/data" --socket="$MARIADB_SOCK" --port=3307 --bind-address=127.0.0.1 \
    --pid-file="$MARIADB_DIR/run/mariadbd.pid" --user=mysql --skip-name-resolve \
    --innodb-buffer-pool-size=256M --innodb-log-file-size=64M --innodb-lock-wait-timeout=900 \
    --max-connections=300
}

mariadb_ready() { mariadb-admin --no-defaults --socket="$MARIADB_SOCK" -u root ping; }

# One database per cluster; slurmdbd connects over TCP (the chroot's too).
mariadb_setup() {
  wait_for MariaDB 90 mariadb_ready || fail_with_logs "$LOGS/mariadb.log"
  mariadb --no-defaults --socket="$MARIADB_SOCK" -u root <<'SQL'
CREATE DATABASE IF NOT EXISTS slurm_acct_legacy;
CREATE DATABASE IF NOT EXISTS slurm_acct_main;
CREATE USER IF NOT EXISTS 'slurm'@'127.0.0.1' IDENTIFIED BY 'slurm';
GRANT ALL ON slurm_acct_legacy.* TO 'slurm'@'127.0.0.1';
GRANT ALL ON slurm_acct_main.* TO 'slurm'@'127.0.0.1';
SQL
}

pg_as_postgres() { as_user postgres "$@"; }

postgres_start() {
  alive postgres && return 0
  mkdir -p "$PG_DIR/run"
  chown postgres:postgres "$PG_DIR" "$PG_DIR/run"
  if [ ! -f "$PG_DIR/data/PG_VERSION" ]; then
    rm -rf "$PG_DIR/data"
    (cd / && pg_as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -E UTF8 --no-locale \
      --auth-local=peer --auth-host=scram-sha-256) >"$LOGS/postgres-initdb.log" 2>&1 ||
      die "initdb failed, see $LOGS/postgres-initdb.log"
  fi
  # Throwaway test data: durability off for speed.
  start_daemon postgres "$LOGS/postgres.log" setpriv --reuid=postgres --regid=postgres \
    --init-groups "$PG_BIN/postgres" -D "$PG_DIR/data" -p 5433 -c listen_addresses=127.0.0.1 \
    -c unix_socket_directories="$PG_DIR/run" -c fsync=off -c synchronous_commit=off \
    -c full_page_writes=off -c max_connections=200
}

postgres_ready() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p 5433; }

postgres_sql() {
  (cd / && pg_as_postgres "$PG_BIN/psql" -h "$PG_DIR/run" -p 5433 -U postgres -d postgres \
    -v ON_ERROR_STOP=1 -Atq "$@")
}

# Role s9s/s9s owning the databases s9s and s9s_test.
postgres_setup() {
  wait_for PostgreSQL 90 postgres_ready || fail_with_logs "$LOGS/postgres.log"
  postgres_sql -c "DO \$\$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 's9s') THEN
      CREATE ROLE s9s LOGIN CREATEDB PASSWORD 's9s';
    END IF; END \$\$;"
  local db
  for db in s9s s9s_test; do
    if [ -z "$(postgres_sql -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
      postgres_sql -c "CREATE DATABASE $db OWNER s9s"
    fi
  done
}

redis_start() {
  alive redis && return 0
  mkdir -p "$REDIS_DIR"
  chown redis:redis "$REDIS_DIR"
  start_daemon redis "$LOGS/redis.log" setpriv --reuid=redis --regid=redis --init-groups \
    /usr/bin/redis-server --port 6380 --bind 127.0.0.1 --dir "$REDIS_DIR" --daemonize no \
    --save '' --appendonly no
}

redis_ready() { [ "$(redis-cli -h 127.0.0.1 -p 6380 ping 2>/dev/null)" = PONG ]; }

# fail_with_logs FILE... : show the end of the logs that explain a failure, then stop.
fail_with_logs() {
  local f
  for f in "$@"; do
    [ -f "$f" ] || continue
    echo "---- last lines of $f" >&2
    tail -n 25 "$f" >&2
  done
  die "the stack did not come up"
}
