#!/usr/bin/env bash
# Starts a throwaway PostgreSQL primary and two hot standbys fed by streaming
# replication (asynchronous, physical) on 127.0.0.1, in a new temporary
# directory DIR, for the replica tests, and prints three lines: the primary's
# database URL, the standbys' URLs separated by spaces, then the command that
# stops the three servers. That command is DIR/ctl, which also stops and
# starts one server ("DIR/ctl standby1 stop", "DIR/ctl standby1 start"; the
# servers are primary, standby1, standby2, or all), for the test that kills a
# standby mid-read. Ports: ACTORGRAPH_PG_REPLICA_PORT (default 54350) for the
# primary, the next two for the standbys. Installs Debian's postgresql package
# first if no server binaries are present. Listens on loopback only, with
# trust authentication: never use it for anything but tests.
# Adapted from a working setup (shared/scripts/postgres-streaming.sh).
set -euo pipefail

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
	apt-get update -qq >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
dir=$(mktemp -d /tmp/actorgraph-pgrepl.XXXXXX)
port=${ACTORGRAPH_PG_REPLICA_PORT:-54350}

as_owner=()
if [ "$(id -u)" = 0 ]; then
	# initdb refuses to run as root: the clusters belong to the postgres user.
	chown postgres: "$dir"
	as_owner=(runuser -u postgres --)
fi

cat >"$dir/ctl" <<EOF
#!/usr/bin/env bash
# ctl SERVER stop|start: SERVER is primary, standby1, standby2 or all.
set -euo pipefail
servers=("\$1")
[ "\$1" = all ] && servers=(standby2 standby1 primary)
for s in "\${servers[@]}"; do
	case "\${2:-}" in
	stop) [ ! -f "$dir/\$s/postmaster.pid" ] || ${as_owner[*]} "$bin/pg_ctl" -D "$dir/\$s" -m fast -w stop >/dev/null ;;
	start) ${as_owner[*]} "$bin/pg_ctl" -D "$dir/\$s" -l "$dir/\$s.log" -w -t 120 start >/dev/null ;;
	*) echo "usage: ctl SERVER stop|start" >&2; exit 2 ;;
	esac
done
EOF
chmod +x "$dir/ctl"

"${as_owner[@]}" "$bin/initdb" -D "$dir/primary" -A trust -U postgres -E UTF8 >"$dir/primary.initdb.log"
cat >>"$dir/primary/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = off
max_connections = 200
wal_level = replica
max_wal_senders = 10
hot_standby = on
hot_standby_feedback = on
# Replay waits at most this long for a standby's conflicting query (the tests
# drop tables between cases) before cancelling the query.
max_standby_streaming_delay = 1s
logging_collector = off
EOF
echo "host all,replication postgres 127.0.0.1/32 trust" >>"$dir/primary/pg_hba.conf"
"$dir/ctl" primary start
"${as_owner[@]}" "$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -c "CREATE DATABASE actorgraph" >/dev/null

standbys=()
for i in 1 2; do
	d="$dir/standby$i"
	sp=$((port + i))
	# -R writes standby.signal and primary_conninfo; -C -S: a physical slot per standby
	"${as_owner[@]}" "$bin/pg_basebackup" -h 127.0.0.1 -p "$port" -U postgres -D "$d" -R -X stream -c fast -C -S "standby$i" >"$d.basebackup.log" 2>&1
	sed -i "s/^port = .*/port = $sp/" "$d/postgresql.conf"
	"$dir/ctl" "standby$i" start
	standbys+=("postgres://postgres@127.0.0.1:$sp/actorgraph?sslmode=disable")
done

echo "postgres://postgres@127.0.0.1:$port/actorgraph?sslmode=disable"
echo "${standbys[*]}"
echo "$dir/ctl all stop"
