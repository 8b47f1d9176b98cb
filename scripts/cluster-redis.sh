#!/usr/bin/env bash
# Redis for the cluster's persistent mode (Orleans membership table + job records), from Debian's redis-server.
#   scripts/cluster-redis.sh start [PORT]    installs redis-server if missing, starts it in the background (default port 6379)
#   scripts/cluster-redis.sh stop [PORT]
#   scripts/cluster-redis.sh status [PORT]
# Data (append-only file, so records survive a Redis restart too) and log go to runs/cluster-redis-PORT/.
# REDIS_BIND (default 127.0.0.1) sets the listening address; for silos on several machines use the machine's LAN
# address and set REDIS_PASSWORD (then pass "host:port,password=..." as the Redis connection of silos and clients).
set -euo pipefail
cd "$(dirname "$0")/.."

command=${1:-start}
port=${2:-6379}
bind=${REDIS_BIND:-127.0.0.1}
data="runs/cluster-redis-$port"
pidfile="$PWD/$data/redis.pid"

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile" 2>/dev/null)" 2>/dev/null; }

case "$command" in
  start)
    if ! command -v redis-server >/dev/null; then
      sudo_cmd=""
      [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
      echo "Installing: redis-server"
      $sudo_cmd apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends redis-server
    fi
    if running; then
      echo "redis-server already running on $bind:$port (pid $(cat "$pidfile"))"
      exit 0
    fi
    mkdir -p "$data"
    args=(--port "$port" --bind "$bind" --dir "$PWD/$data" --appendonly yes --daemonize yes
          --pidfile "$pidfile" --logfile "$PWD/$data/redis.log")
    [ -n "${REDIS_PASSWORD:-}" ] && args+=(--requirepass "$REDIS_PASSWORD")
    redis-server "${args[@]}"
    for _ in $(seq 50); do running && break; sleep 0.1; done
    running || { echo "redis-server did not start; see $data/redis.log" >&2; exit 1; }
    echo "redis-server on $bind:$port (pid $(cat "$pidfile")), data in $data/"
    ;;
  stop)
    if running; then
      kill "$(cat "$pidfile")"
      for _ in $(seq 50); do running || break; sleep 0.1; done
      echo "stopped redis-server on port $port"
    else
      echo "no redis-server of ours on port $port"
    fi
    ;;
  status)
    if running; then echo "running on port $port (pid $(cat "$pidfile"))"; else echo "not running on port $port"; exit 1; fi
    ;;
  *)
    echo "usage: scripts/cluster-redis.sh start|stop|status [PORT]" >&2
    exit 2
    ;;
esac
