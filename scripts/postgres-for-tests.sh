#!/usr/bin/env bash
# A local PostgreSQL for the server tests: installs Debian's package when missing, starts it,
# makes a throwaway role and database, and prints the DATABASE_URL (nothing else on stdout).
set -euo pipefail
sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  echo "Installing Debian postgresql for the server tests…" >&2
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
fi
$sudo service postgresql start >&2
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -c "$1"; else sudo -u postgres sh -c "$1"; fi; }
db="${PG_TEST_DB:-soft_token_test}"  # a name per checkout lets two suites share the server
as_pg "psql -q -c \"DROP DATABASE IF EXISTS $db\"" >&2
as_pg "psql -q -c \"DROP ROLE IF EXISTS $db\"" >&2
as_pg "psql -q -c \"CREATE ROLE $db LOGIN PASSWORD '$db'\"" >&2
as_pg "psql -q -c \"CREATE DATABASE $db OWNER $db\"" >&2
echo "postgres://$db:$db@127.0.0.1:5432/$db"
