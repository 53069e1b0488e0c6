#!/usr/bin/env bash
# A private PostgreSQL 15 for the benchmarks, configured as a production node of this machine would
# be (the machine's own service runs the packaged defaults: shared_buffers 128 MB on 24 GB of RAM):
#   bench/pg-tuned.sh start   → prints the PG_URL to hand to bench/run.sh
#   bench/pg-tuned.sh stop
# Settings: shared_buffers a quarter of RAM (PostgreSQL's own guidance), max_wal_size 8 GB so a
# minute of uploads does not force checkpoints; durability is untouched (fsync, synchronous_commit
# and full_page_writes stay on).
set -euo pipefail
dir=${PG_TUNED_DIR:-/tmp/ranjian-pg-tuned}
port=${PG_TUNED_PORT:-5433}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case ${1:-start} in
  start)
    if [[ ! -d $dir/data ]]; then
      mkdir -p "$dir"
      [[ $(id -u) == 0 ]] && chown postgres "$dir"
      as_pg "$bin/initdb" -D "$dir/data" -A trust -U postgres >/dev/null
    fi
    mem_mb=$(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo)
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w start -o \
      "-p $port -k $dir -c listen_addresses=127.0.0.1 -c shared_buffers=$((mem_mb / 4))MB -c max_wal_size=8GB" >/dev/null
    echo "postgres://postgres@127.0.0.1:$port"
    ;;
  stop)
    as_pg "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null
    ;;
esac
