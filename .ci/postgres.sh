#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on 127.0.0.1 for the backend tests, in a
# new temporary directory, and prints two lines: the database URL, then the
# command that stops the server. Installs Debian's postgresql package first if
# no server binaries are present. Listens on loopback only, with trust
# authentication: never use it for anything but tests.
set -euo pipefail

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
	apt-get update -qq >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
dir=$(mktemp -d /tmp/actorgraph-pg.XXXXXX)
port=${ACTORGRAPH_PG_PORT:-54329}

as_owner=()
if [ "$(id -u)" = 0 ]; then
	# initdb refuses to run as root: the cluster belongs to the postgres user.
	chown postgres: "$dir"
	as_owner=(runuser -u postgres --)
fi
"${as_owner[@]}" "$bin/initdb" -D "$dir/data" -A trust -U postgres >"$dir/initdb.log"
"${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
	-o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off" start >/dev/null
"${as_owner[@]}" "$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -c "CREATE DATABASE actorgraph" >/dev/null
echo "postgres://postgres@127.0.0.1:$port/actorgraph?sslmode=disable"
echo "${as_owner[*]} $bin/pg_ctl -D $dir/data -m fast stop"
