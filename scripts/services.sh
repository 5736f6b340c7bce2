#!/usr/bin/env bash
# Starts PostgreSQL, Redis and Mosquitto when they are not running, and prints the environment the
# tests need (`eval "$(scripts/services.sh)"`). Under CI=true a service that cannot be started is
# an error; otherwise it is reported and the tests that need it skip.
set -uo pipefail

log() { echo "services: $*" >&2; }
ci() { [ "${CI:-}" = "true" ] || [ "${CI:-}" = "1" ]; }
failed=0
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# PostgreSQL
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  if ls /etc/postgresql >/dev/null 2>&1; then
    log "starting PostgreSQL"
    as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start || true
  fi
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && break; sleep 1; done
fi
if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  socket=/var/run/postgresql
  url="postgres://postgres@localhost/postgres?host=$socket"
  if ! psql "$url" -Atqc 'select 1' >/dev/null 2>&1; then
    # A fresh Debian server trusts only the operating-system user of the same name: give the
    # current user a superuser role and connect as it.
    me=$(id -un)
    as_root runuser -u postgres -- psql -qc "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$me') THEN CREATE ROLE \"$me\" SUPERUSER LOGIN; END IF; END\$\$;" >/dev/null 2>&1 || true
    url="postgres://$me@localhost/postgres?host=$socket"
  fi
  if psql "$url" -Atqc 'select 1' >/dev/null 2>&1; then
    echo "export POWERSAVE_TEST_POSTGRES_URL='$url'"
  else
    log "PostgreSQL is running but refuses connections"; failed=1
  fi
else
  log "PostgreSQL is not running"; failed=1
fi

# Redis
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  if command -v redis-server >/dev/null 2>&1; then
    log "starting Redis"
    mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log >/dev/null 2>&1 || true
    for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.5; done
  fi
fi
if redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "export POWERSAVE_TEST_REDIS_URL='redis://127.0.0.1:6379'"
else
  log "Redis is not running"; failed=1
fi

# Mosquitto
mqtt_up() { (exec 3<>/dev/tcp/127.0.0.1/1883) >/dev/null 2>&1; }
if ! mqtt_up; then
  if command -v mosquitto >/dev/null 2>&1; then
    log "starting Mosquitto"
    mosquitto -d -c /etc/mosquitto/mosquitto.conf >/dev/null 2>&1 || true
    for _ in $(seq 1 20); do mqtt_up && break; sleep 0.5; done
  fi
fi
if mqtt_up; then
  echo "export POWERSAVE_TEST_MQTT_URL='mqtt://127.0.0.1:1883'"
else
  log "Mosquitto is not running"; failed=1
fi

if [ "$failed" -ne 0 ]; then
  if ci; then log "CI=true: every service is required"; exit 1; fi
  log "some services are missing; the tests that need them will be skipped"
fi
exit 0
