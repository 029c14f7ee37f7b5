#!/usr/bin/env bash
# Makes sure what the test suite talks to is there: PostgreSQL and Redis on loopback, and Debian's Chromium.
# Starts or installs what is missing (as root); says loudly what it could not do.
set -u
fail=0

if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    echo "ensure-test-services: starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
    for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null && break; sleep 1; done
  fi
  pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null || { echo "ensure-test-services: PostgreSQL is not reachable on 127.0.0.1:5432" >&2; fail=1; }
fi

if ! (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; then
  if command -v redis-server >/dev/null 2>&1; then
    echo "ensure-test-services: starting Redis"
    mkdir -p /var/lib/redis /var/log/redis 2>/dev/null
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
    sleep 1
  fi
  (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null || { echo "ensure-test-services: Redis is not reachable on 127.0.0.1:6379" >&2; fail=1; }
fi

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure-test-services: installing Debian's chromium"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || true
  fi
  [ -x /usr/bin/chromium ] || { echo "ensure-test-services: /usr/bin/chromium is missing: run 'apt-get update && apt-get install -y chromium'" >&2; fail=1; }
fi

exit $fail
