#!/usr/bin/env bash
# Benchmarks of the platform foundation (issue: scoped enterprise list under load).
# For each database (SQLite, PostgreSQL): load the city-scale demo data, start the release server,
# and drive 64 concurrent clients with wrk against /healthz (the baseline) and the authenticated,
# county-scoped enterprise list, in the same run. Prints requests/s, p99 and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-./target/release/ranjian}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
DURATION=${DURATION:-15s}
CONNS=${CONNS:-64}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
out=bench/out; mkdir -p "$out"
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

# wrk --latency prints e.g. "     99%   12.34ms"; normalise to milliseconds.
p99() { awk '$1=="99%" { v=$2; if (v ~ /us$/) { sub(/us$/,"",v); v=v/1000 } else if (v ~ /ms$/) { sub(/ms$/,"",v) } else if (v ~ /s$/) { sub(/s$/,"",v); v=v*1000 } printf "%.2f", v }' "$1"; }
rps() { awk '/^Requests\/sec/ { printf "%.0f", $2 }' "$1"; }

run_one() {
  local name=$1 url=$2 port=$3
  export RANJIAN_DATABASE_URL=$url RANJIAN_LISTEN=127.0.0.1:$port RANJIAN_CONFIG=/nonexistent RANJIAN_LOG=warn
  "$BIN" migrate >/dev/null
  "$BIN" demo --scale city >/dev/null
  "$BIN" serve >"$work/$name.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  local token
  token=$(curl -fsS -XPOST "http://127.0.0.1:$port/api/v1/auth/login" -H 'content-type: application/json' \
    -d '{"username":"county-361102","password":"Ranjian@2026"}' | python3 -c 'import sys,json; print(json.load(sys.stdin)["token"])')
  local list="http://127.0.0.1:$port/api/v1/industry/enterprises?page=1&page_size=20"
  local total
  total=$(curl -fsS -H "Authorization: Bearer $token" "$list" | python3 -c 'import sys,json; print(json.load(sys.stdin)["total"])')
  # Warm up, then measure both in the same run.
  wrk -t2 -c"$CONNS" -d3s "http://127.0.0.1:$port/healthz" >/dev/null
  wrk -t2 -c"$CONNS" -d"$DURATION" --latency "http://127.0.0.1:$port/healthz" >"$out/$name-healthz.txt"
  wrk -t2 -c"$CONNS" -d"$DURATION" --latency -H "Authorization: Bearer $token" "$list" >"$out/$name-list.txt"
  kill $pid; wait $pid 2>/dev/null || true
  # The same list with the list cache off: every request reads the database.
  RANJIAN_LIST_CACHE_TTL_MS=0 "$BIN" serve >"$work/$name-nocache.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  token=$(curl -fsS -XPOST "http://127.0.0.1:$port/api/v1/auth/login" -H 'content-type: application/json' \
    -d '{"username":"county-361102","password":"Ranjian@2026"}' | python3 -c 'import sys,json; print(json.load(sys.stdin)["token"])')
  wrk -t2 -c"$CONNS" -d"$DURATION" --latency -H "Authorization: Bearer $token" "$list" >"$out/$name-list-nocache.txt"
  kill $pid; wait $pid 2>/dev/null || true
  local hr lr hp lp nr np
  hr=$(rps "$out/$name-healthz.txt"); lr=$(rps "$out/$name-list.txt"); nr=$(rps "$out/$name-list-nocache.txt")
  hp=$(p99 "$out/$name-healthz.txt"); lp=$(p99 "$out/$name-list.txt"); np=$(p99 "$out/$name-list-nocache.txt")
  {
    printf '%-9s /healthz                         %8s req/s  p99 %7s ms\n' "$name" "$hr" "$hp"
    printf '%-9s scoped list (信州区, %s rows)     %8s req/s  p99 %7s ms  ratio %.2f\n' "$name" "$total" "$lr" "$lp" "$(python3 -c "print($lr/$hr)")"
    printf '%-9s scoped list, list cache off       %8s req/s  p99 %7s ms  ratio %.2f\n' "$name" "$nr" "$np" "$(python3 -c "print($nr/$hr)")"
  } | tee -a "$out/summary.txt"
}

: >"$out/summary.txt"
echo "$(date -u +%FT%TZ) $CONNS connections, $DURATION each, $(nproc) cores" | tee -a "$out/summary.txt"
run_one sqlite "sqlite://$work/bench.db" 18181
db="ranjian_bench_$$"
psql "$PG_URL/postgres" -qc "CREATE DATABASE $db"
trap 'kill $(jobs -p) 2>/dev/null || true; psql "$PG_URL/postgres" -qc "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1; rm -rf "$work"' EXIT
run_one postgres "$PG_URL/$db" 18182
