#!/usr/bin/env bash
# The one test command (README and CI): starts a throw-away PostgreSQL on a loopback port,
# points the tests at it through HOTLINE_TEST_POSTGRES, runs `dotnet test`, and always removes
# the server again. Extra arguments go to `dotnet test`, e.g. ./test.sh --filter Postgres
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

log() { printf 'test.sh: %s\n' "$*" >&2 || true; }
die() { log "error: $*"; exit 1; }

as_root() {
    if [[ $EUID -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root (or sudo) to run: $*"
    fi
}

# --- find or install the PostgreSQL server binaries --------------------------------------------

find_pg_bin() {
    local dir
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        # Resolved, so that a symlink on PATH leads to the directory that also holds psql.
        dirname "$(readlink -f "$(command -v initdb)")"
        return 0
    fi
    # Debian keeps the server binaries off PATH, one directory per major version; take the newest.
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
        if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

if ! pg_bin="$(find_pg_bin)"; then
    log "PostgreSQL server binaries not found; installing the Debian 'postgresql' package"
    # The package would otherwise create and start a 'main' cluster on port 5432 that nobody uses.
    if [[ ! -e /etc/postgresql-common/createcluster.conf ]]; then
        as_root mkdir -p /etc/postgresql-common
        echo 'create_main_cluster = false' | as_root tee /etc/postgresql-common/createcluster.conf >/dev/null
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    pg_bin="$(find_pg_bin)" || die "installed 'postgresql' but still cannot find initdb and pg_ctl"
fi

# --- Debian's chromium for the console's browser tests (Playwright drives it; it never downloads one) ----

if [[ ! -x /usr/bin/chromium ]]; then
    log "chromium not found; installing Debian's 'chromium' (and CJK fonts, so screenshots show Chinese)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
    [[ -x /usr/bin/chromium ]] || die "installed 'chromium' but /usr/bin/chromium is still missing"
fi

psql_bin="$pg_bin/psql"
[[ -x "$psql_bin" ]] || psql_bin="$(command -v psql)" || die "psql not found next to $pg_bin/initdb nor on PATH"
log "using PostgreSQL from $pg_bin ($("$pg_bin/postgres" --version))"

# --- the server runs as an unprivileged user: postgres refuses to run as root ------------------

if [[ $EUID -eq 0 ]]; then
    pg_user=postgres
    if ! id -u "$pg_user" >/dev/null 2>&1; then
        useradd --system --user-group --home-dir /var/lib/postgresql --shell /usr/sbin/nologin "$pg_user"
    fi
    # Under /tmp explicitly: a TMPDIR below /root would not be reachable for that user.
    work_dir="$(mktemp -d /tmp/hotline-pg.XXXXXX)"
    chown "$pg_user:" "$work_dir"
    if command -v runuser >/dev/null 2>&1; then
        as_pg() { runuser -u "$pg_user" -- "$@"; }
    else
        as_pg() { su -s /bin/sh "$pg_user" -c "$(printf '%q ' "$@")"; }
    fi
else
    work_dir="$(mktemp -d "${TMPDIR:-/tmp}/hotline-pg.XXXXXX")"
    as_pg() { "$@"; }
fi
data_dir="$work_dir/data"
server_log="$work_dir/server.log"
server_started=false
test_pid=

cleanup() {
    local status=$?
    # Output may go to a pipe that is already closed (| head); that must not stop the cleanup.
    trap '' PIPE
    if [[ -n $test_pid ]] && kill -0 "$test_pid" 2>/dev/null; then
        log "stopping dotnet test (pid $test_pid)"
        kill -TERM "$test_pid" 2>/dev/null || true
        wait "$test_pid" 2>/dev/null || true
    fi
    if [[ $server_started == true ]]; then
        as_pg "$pg_bin/pg_ctl" -D "$data_dir" -m immediate -w -t 30 stop >/dev/null 2>&1 || {
            # pg_ctl failed: take the postmaster down by the pid it recorded, never by name.
            local pid
            pid="$(head -n 1 "$data_dir/postmaster.pid" 2>/dev/null || true)"
            [[ -n $pid ]] && kill -KILL "$pid" 2>/dev/null || true
        }
    fi
    rm -rf "$work_dir"
    [[ $server_started == true ]] && log "PostgreSQL stopped, $work_dir removed"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log "creating a throw-away cluster in $work_dir"
# Trust authentication is acceptable only because the server listens on 127.0.0.1 and dies with
# this script; the bootstrap role 'postgres' is a superuser, so tests can CREATE DATABASE.
as_pg "$pg_bin/initdb" -D "$data_dir" -U postgres --auth=trust --encoding=UTF8 --no-locale --no-sync \
    >"$work_dir/initdb.log" 2>&1 || { cat "$work_dir/initdb.log" >&2; die "initdb failed"; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Durability is pointless for a throw-away server, and speed is not. Each test database gets its own
# connection pool, so allow far more connections than the default 100.
server_options="-c listen_addresses=127.0.0.1 -c unix_socket_directories=$work_dir \
 -c max_connections=500 -c shared_buffers=32MB \
 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"

port=55432
for _ in 1 2 3 4 5 6 7 8 9 10; do
    while port_in_use "$port"; do port=$((port + 1)); done
    if as_pg "$pg_bin/pg_ctl" -D "$data_dir" -l "$server_log" -w -t 60 -o "$server_options -p $port" start >/dev/null; then
        server_started=true
        break
    fi
    # Most likely another process took the port between the check and the bind; a postmaster that
    # merely came up too slowly is stopped before the next try. The log tells after the last attempt.
    as_pg "$pg_bin/pg_ctl" -D "$data_dir" -m immediate -w stop >/dev/null 2>&1 || true
    port=$((port + 1))
done
if [[ $server_started != true ]]; then
    tail -n 30 "$server_log" >&2 || true
    die "could not start PostgreSQL"
fi

# pg_ctl -w already waited for the postmaster; this only covers a slow first connection.
for _ in $(seq 1 60); do
    "$psql_bin" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c 'SELECT 1' >/dev/null 2>&1 && break
    sleep 0.5
done
"$psql_bin" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c 'CREATE DATABASE hotline_test' || { tail -n 30 "$server_log" >&2; die "could not create database hotline_test"; }
log "PostgreSQL listening on 127.0.0.1:$port"

export HOTLINE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=hotline_test"

# --- the tests ---------------------------------------------------------------------------------

cd "$repo_root"
log "dotnet test HotlineDispatch.sln -c Release $*"
# In the background and waited for, so that a TERM or INT sent to this script runs the cleanup at
# once (bash defers traps while a foreground child runs) and the cleanup can stop the tests first.
test_output="$work_dir/dotnet-test.log"
# tee gets its own descriptor so that it can be waited for: otherwise the summary below may read
# the log before tee has written the last lines.
exec {tee_fd}> >(tee "$test_output")
tee_pid=$!
dotnet test HotlineDispatch.sln -c Release "$@" >&"$tee_fd" 2>&1 &
test_pid=$!
set +e
wait "$test_pid"
test_status=$?
set -e
test_pid=
exec {tee_fd}>&-
wait "$tee_pid" 2>/dev/null || true
log "dotnet test exited with $test_status"

# One plain closing line that any CI reader understands, summed over the test assemblies.
awk '/(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+/ {
        for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) }
     } END { if (p + f > 0) printf "%d passed, %d failed\n", p, f }' "$test_output"
exit "$test_status"
