#!/usr/bin/env bash
# Starts the local services the integration tests use when they are installed but not running.
# On a machine without them the tests that need them are skipped and say which variable to set.
set -uo pipefail

up() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_if_down() {
  local port=$1 name=$2; shift 2
  if up "$port"; then return 0; fi
  if ! command -v "$1" >/dev/null 2>&1; then echo "services: $name not installed; its tests will be skipped"; return 0; fi
  echo "services: starting $name"
  "$@" >/dev/null 2>&1 || echo "services: could not start $name"
  for _ in $(seq 1 50); do up "$port" && return 0; sleep 0.2; done
  echo "services: $name did not come up on port $port"
}

start_if_down 5432 PostgreSQL pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql 2>/dev/null | head -1)" main start
start_if_down 3306 MariaDB start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
start_if_down 6379 Redis redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
start_if_down 5672 RabbitMQ rabbitmq-server -detached
exit 0
