#!/usr/bin/env bash
# Benchmarks of the platform foundation (issue 2: scoped enterprise list under load), of the
# industry ledgers at city scale (issue 3: 1 M gas users from CSV against the database's own bulk
# load, vector tiles at zoom 10-16, the user list filtered by community) and of safety management
# (issue 4: the rates and overdue lists a regulator opens, per county and for the city; the
# third-party construction proximity check of every site against every pipeline) and of service
# supervision (issue 5: the statistics page's queries over 200,000 cases; the overdue scan over all
# open cases) and of operation monitoring (issue 6: sustained uploads of readings from 20,000 points
# against the database's own bulk load of the same readings; alarm latency to a browser's live feed;
# MQTT ingest; server memory).
# SECTIONS="foundation ledgers safety complaints monitoring" (the default) chooses what runs after
# the demo load; SECTIONS=monitoring alone loads the small demo (telemetry does not depend on it).
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
command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3 >/dev/null; }
USERS=${USERS:-1000000}
SECTIONS=${SECTIONS:-foundation ledgers safety complaints monitoring}
LOAD=${LOAD:-./target/release/examples/telemetry_load}
[[ " $SECTIONS " != *" monitoring "* ]] || [[ -x $LOAD ]] || cargo build --release --example telemetry_load -p ranjian-server
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
  if [[ $SECTIONS == monitoring ]]; then
    "$BIN" demo --scale small >/dev/null
    monitoring_one "$name" "$url" "$port"
    return
  fi
  "$BIN" demo --scale city >/dev/null
  if [[ " $SECTIONS " == *" monitoring "* ]]; then monitoring_one "$name" "$url" "$port"; fi
  if [[ " $SECTIONS " == *" complaints "* ]]; then complaints_one "$name" "$url" "$port"; fi
  if [[ " $SECTIONS " == *" safety "* ]]; then safety_one "$name" "$url" "$port"; fi
  if [[ " $SECTIONS " != *" foundation "* ]]; then
    if [[ " $SECTIONS " == *" ledgers "* ]]; then ledgers_one "$name" "$url" "$port"; fi
    return
  fi
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
  if [[ " $SECTIONS " == *" ledgers "* ]]; then ledgers_one "$name" "$url" "$port"; fi
  local hr lr hp lp nr np
  hr=$(rps "$out/$name-healthz.txt"); lr=$(rps "$out/$name-list.txt"); nr=$(rps "$out/$name-list-nocache.txt")
  hp=$(p99 "$out/$name-healthz.txt"); lp=$(p99 "$out/$name-list.txt"); np=$(p99 "$out/$name-list-nocache.txt")
  {
    printf '%-9s /healthz                         %8s req/s  p99 %7s ms\n' "$name" "$hr" "$hp"
    printf '%-9s scoped list (信州区, %s rows)     %8s req/s  p99 %7s ms  ratio %.2f\n' "$name" "$total" "$lr" "$lp" "$(python3 -c "print($lr/$hr)")"
    printf '%-9s scoped list, list cache off       %8s req/s  p99 %7s ms  ratio %.2f\n' "$name" "$nr" "$np" "$(python3 -c "print($nr/$hr)")"
  } | tee -a "$out/summary.txt"
}

# Wall time and peak resident memory of a command: "seconds max_rss_mb".
measure() {
  python3 - "$@" <<'PY'
import resource, subprocess, sys, time
t = time.monotonic()
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.monotonic() - t
if r.returncode not in (0, 1):
    sys.exit(r.stderr.decode())
print(f"{wall:.2f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f}")
PY
}

login() {
  curl -fsS -XPOST "http://127.0.0.1:$1/api/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"username\":\"$2\",\"password\":\"Ranjian@2026\"}" | python3 -c 'import sys,json; print(json.load(sys.stdin)["token"])'
}

sql() { # url, query → rows
  if [[ $1 == sqlite://* ]]; then sqlite3 "${1#sqlite://}" "$2"; else psql "$1" -Atc "$2"; fi
}

# Issue 4 on a database holding the city-scale demo: every rate and overdue list of the safety
# pages, for 信州区 and for the whole city, in turn by 16 clients with the list cache off (p95); and
# the flagged construction-site list, which measures every site against the pipelines within 50 m
# (one request at a time, after a write has dropped the in-memory layers and once they are loaded).
safety_one() {
  local name=$1 url=$2 port=$3
  RANJIAN_LIST_CACHE_TTL_MS=0 "$BIN" serve >"$work/$name-safety.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  # Proximity first, on a fresh server: the first request loads the pipeline layer (80,000
  # segments) and measures every site; the next ones measure every site against the loaded layer.
  local sites cold warm token
  sites=$(sql "$url" "SELECT count(*) FROM third_party_construction")
  token=$(login "$port" city-admin)
  proximity() {
    curl -fsS -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" \
      "http://127.0.0.1:$port/api/v1/safety/third-party-constructions?flagged=true&page=1&page_size=20"
  }
  cold=$(proximity)
  warm=$(python3 -c "print(min($(proximity), $(proximity), $(proximity)))")
  # The first request of each rate page loads its tally (every active user with its last inspection,
  # the patrol days per target, every hazard) once; later ones count in memory. Measured once each.
  local firsts="" p
  for p in home-inspections/completion patrols/completion hazards/rectification; do
    firsts+="$p $(curl -fsS -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" \
      "http://127.0.0.1:$port/api/v1/safety/$p?group=region" | python3 -c 'import sys; print(f"{float(sys.stdin.read())*1000:.0f}")') ms; "
  done
  local g
  : >"$work/safety.txt"
  for g in region township community enterprise category; do echo "/api/v1/safety/home-inspections/completion?group=$g"; done >>"$work/safety.txt"
  for g in region enterprise level source; do echo "/api/v1/safety/hazards/rectification?group=$g"; done >>"$work/safety.txt"
  for g in enterprise region class; do echo "/api/v1/safety/patrols/completion?group=$g"; done >>"$work/safety.txt"
  for g in region enterprise level; do echo "/api/v1/safety/major-hazard-sources/stats?group=$g"; done >>"$work/safety.txt"
  for g in region enterprise; do echo "/api/v1/safety/third-party-constructions/stats?group=$g"; done >>"$work/safety.txt"
  cat >>"$work/safety.txt" <<'PATHS'
/api/v1/safety/home-inspections/due-users?page=1&page_size=20
/api/v1/safety/home-inspections/due-users?state=never&page=1&page_size=20
/api/v1/safety/hazards?overdue=true&page=1&page_size=20
/api/v1/safety/hazards?state=open&page=1&page_size=20
/api/v1/safety/patrols/behind?page=1&page_size=20
/api/v1/safety/major-hazard-sources?overdue=any&page=1&page_size=20
/api/v1/safety/third-party-constructions?flagged=true&page=1&page_size=20
PATHS
  local who rates=() single=()
  for who in county-361102 city-admin; do
    TOKEN=$(login "$port" "$who") PATHS_FILE="$work/safety.txt" wrk -t2 -c16 -d3s -s bench/paths.lua "http://127.0.0.1:$port" >/dev/null
    rates+=("$(TOKEN=$(login "$port" "$who") PATHS_FILE="$work/safety.txt" \
      wrk -t2 -c16 -d"$DURATION" -s bench/paths.lua "http://127.0.0.1:$port" | tee "$out/$name-safety-$who.txt" | grep PERCENTILES)")
    # One regulator at a time: the same paths in turn by a single client.
    single+=("$(TOKEN=$(login "$port" "$who") PATHS_FILE="$work/safety.txt" \
      wrk -t1 -c1 -d"$DURATION" -s bench/paths.lua "http://127.0.0.1:$port" | grep PERCENTILES)")
  done
  # The slowest single path for the city, one client.
  local slowest
  slowest=$(TOKEN=$(login "$port" city-admin) python3 - "$port" "$work/safety.txt" <<'PY'
import os, sys, time, urllib.request
port, paths = sys.argv[1], open(sys.argv[2]).read().split()
worst = (0, "")
for p in paths:
    ts = []
    for _ in range(7):
        req = urllib.request.Request(f"http://127.0.0.1:{port}{p}", headers={"Authorization": "Bearer " + os.environ["TOKEN"]})
        t = time.monotonic(); urllib.request.urlopen(req).read(); ts.append(time.monotonic() - t)
    ts.sort(); worst = max(worst, (ts[3] * 1000, p))
print(f"median {worst[0]:.1f} ms {worst[1]}")
PY
)
  kill $pid; wait $pid 2>/dev/null || true
  {
    printf '%-9s safety rates and lists, 信州区     %s\n' "$name" "${rates[0]#PERCENTILES }"
    printf '%-9s safety rates and lists, city       %s\n' "$name" "${rates[1]#PERCENTILES }"
    printf '%-9s the same, one client, 信州区       %s\n' "$name" "${single[0]#PERCENTILES }"
    printf '%-9s the same, one client, city         %s\n' "$name" "${single[1]#PERCENTILES }"
    printf '%-9s slowest safety path (city, 1 client) %s\n' "$name" "$slowest"
    printf '%-9s proximity, %s sites x every segment: first request %.0f ms (layer load included), then %.0f ms\n' \
      "$name" "$sites" "$(python3 -c "print($cold*1000)")" "$(python3 -c "print($warm*1000)")"
    printf '%-9s first request of a rate page (tally load included): %s\n' "$name" "$firsts"
  } | tee -a "$out/summary.txt"
}

# Issue 5 on a database holding the city-scale demo (200,000 cases over a year): the overdue scan
# (the scheduler's job, run by hand: first with the stalled demo cases to supervise, then over every
# open case with nothing new), and the statistics page's queries for 信州区 and the city, by 16
# clients and by one, with the list cache off (p95).
complaints_one() {
  local name=$1 url=$2 port=$3
  local cases open first again
  cases=$(sql "$url" "SELECT count(*) FROM complaint_case")
  open=$(sql "$url" "SELECT count(*) FROM complaint_case_stage WHERE open")
  first=$("$BIN" jobs | sed -n 's/.*用时 \([0-9]*\) ms）：\(.*\)$/\1 ms (\2)/p')
  again=$("$BIN" jobs | sed -n 's/.*用时 \([0-9]*\) ms.*/\1 ms/p')
  RANJIAN_LIST_CACHE_TTL_MS=0 RANJIAN_SCHEDULER=false "$BIN" serve >"$work/$name-complaints.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  local token load g
  token=$(login "$port" city-admin)
  # The first request loads every case with its stages into memory; later ones count there.
  load=$(curl -fsS -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" \
    "http://127.0.0.1:$port/api/v1/complaints/cases/stats" | python3 -c 'import sys; print(f"{float(sys.stdin.read())*1000:.0f}")')
  : >"$work/complaints.txt"
  for g in case_type gas_category region enterprise channel; do echo "/api/v1/complaints/cases/stats?group=$g"; done >>"$work/complaints.txt"
  cat >>"$work/complaints.txt" <<'PATHS'
/api/v1/complaints/cases/stats?group=region&from=2026-07-01&to=2026-09-30
/api/v1/complaints/cases/stats?group=enterprise&case_type=complaint
PATHS
  local who stats=() single=()
  for who in county-361102 city-admin; do
    TOKEN=$(login "$port" "$who") PATHS_FILE="$work/complaints.txt" wrk -t2 -c16 -d3s -s bench/paths.lua "http://127.0.0.1:$port" >/dev/null
    stats+=("$(TOKEN=$(login "$port" "$who") PATHS_FILE="$work/complaints.txt" \
      wrk -t2 -c16 -d"$DURATION" -s bench/paths.lua "http://127.0.0.1:$port" | tee "$out/$name-complaints-$who.txt" | grep PERCENTILES)")
    single+=("$(TOKEN=$(login "$port" "$who") PATHS_FILE="$work/complaints.txt" \
      wrk -t1 -c1 -d"$DURATION" -s bench/paths.lua "http://127.0.0.1:$port" | grep PERCENTILES)")
  done
  kill $pid; wait $pid 2>/dev/null || true
  {
    printf '%-9s overdue scan, %s cases, %s open stages: first run %s; again (nothing new) %s\n' "$name" "$cases" "$open" "$first" "$again"
    printf '%-9s case statistics, first request (load included) %s ms\n' "$name" "$load"
    printf '%-9s case statistics, 信州区, 16 clients    %s\n' "$name" "${stats[0]#PERCENTILES }"
    printf '%-9s case statistics, city, 16 clients      %s\n' "$name" "${stats[1]#PERCENTILES }"
    printf '%-9s case statistics, 信州区, one client    %s\n' "$name" "${single[0]#PERCENTILES }"
    printf '%-9s case statistics, city, one client      %s\n' "$name" "${single[1]#PERCENTILES }"
  } | tee -a "$out/summary.txt"
}

# Issue 6: 60 s of uploads in batches of 1,000 readings from 20,000 points by 8 clients (the alarm
# latency measured meanwhile: a reading over its limit → the alarm on the enterprise's live feed),
# then the same readings loaded by the database's own bulk path into a table of the same shape
# (PostgreSQL \copy; SQLite .import, one transaction of prepared inserts), then a million MQTT
# messages through a broker set as docs/monitoring.md recommends. Peak server memory after each.
monitoring_one() {
  local name=$1 url=$2 port=$3
  local mport=$((port + 100)) base="http://127.0.0.1:$port" secs=${MON_SECONDS:-60} msgs=${MQTT_MESSAGES:-1000000}
  printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\nmax_inflight_messages 2000\nmax_queued_messages 2000000\n' "$mport" >"$work/mosquitto.conf"
  mosquitto -c "$work/mosquitto.conf" >/dev/null 2>&1 &
  local mpid=$!
  RANJIAN_SCHEDULER=false RANJIAN_MONITORING__MQTT_URL="mqtt://127.0.0.1:$mport" RANJIAN_MONITORING__MQTT_CLIENT_ID="bench-$name" \
    "$BIN" serve >"$work/$name-monitoring.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 100); do curl -fsS "$base/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  local token ent start rss0 http lat mem1 mqtt mem2
  token=$(login "$port" enterprise-demo)
  ent=$(curl -fsS -H "Authorization: Bearer $token" "$base/api/v1/auth/me" | python3 -c 'import sys,json; print(json.load(sys.stdin)["user"]["enterprise_id"])')
  ent=$(curl -fsS -H "Authorization: Bearer $token" "$base/api/v1/industry/enterprises/$ent" | python3 -c 'import sys,json; print(json.load(sys.stdin)["code"])')
  "$LOAD" setup "$base" "$token" "$ent" 20000 >/dev/null
  sql "$url" "SELECT code || ',' || id FROM monitoring_point WHERE code LIKE 'B-%'" >"$work/map.csv"
  rss0=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' /proc/$pid/status)
  start=$(( $(date +%s) * 1000 - 8 * 3600 * 1000 ))
  "$LOAD" latency "$base" "$token" $((secs - 5)) >"$out/$name-alarm-latency.txt" &
  local lpid=$!
  http=$("$LOAD" http "$base" "$token" 20000 "$secs" 8 "$start" "$work/map.csv" "$work/readings.csv" | tee "$out/$name-http-readings.txt")
  wait $lpid
  lat=$(cat "$out/$name-alarm-latency.txt")
  mem1=$(awk '/VmHWM/ {printf "%.0f", $2/1024}' /proc/$pid/status)
  mqtt=$("$LOAD" mqtt "$base" "$token" "127.0.0.1:$mport" ranjian/v1/readings "$ent" 20000 "$msgs" 4 $((start + 4 * 3600 * 1000)) | tee "$out/$name-mqtt.txt")
  mem2=$(awk '/VmHWM/ {printf "%.0f", $2/1024}' /proc/$pid/status)
  kill $pid; wait $pid 2>/dev/null || true
  kill $mpid; wait $mpid 2>/dev/null || true
  # The limit: the same readings by the database's own bulk load, into a table of the same shape.
  local n t0 t1 limit_s
  n=$(wc -l <"$work/readings.csv")
  if [[ $url == sqlite://* ]]; then
    sqlite3 "${url#sqlite://}" "DROP TABLE IF EXISTS reading_limit; CREATE TABLE reading_limit (point_id INTEGER NOT NULL, ts INTEGER NOT NULL, value REAL NOT NULL, PRIMARY KEY (point_id, ts)) WITHOUT ROWID;"
    t0=$(date +%s.%N)
    sqlite3 "${url#sqlite://}" ".import --csv $work/readings.csv reading_limit"
    t1=$(date +%s.%N)
  else
    psql "$url" -qc "DROP TABLE IF EXISTS reading_limit; CREATE TABLE reading_limit (LIKE reading INCLUDING ALL)"
    t0=$(date +%s.%N)
    psql "$url" -qc "\\copy reading_limit FROM '$work/readings.csv' CSV"
    t1=$(date +%s.%N)
  fi
  limit_s=$(python3 -c "print($t1 - $t0)")
  local rate limit_rate
  rate=$(sed -n 's/.*readings_per_s=\([0-9]*\).*/\1/p' <<<"$http")
  limit_rate=$(python3 -c "print(round($n / $limit_s))")
  {
    printf '%-9s readings over HTTP, 8 clients, batches of 1,000, 20,000 points: %s readings/s  (%s)\n' "$name" "$rate" "$http"
    printf '%-9s the same %s readings by the database bulk load:             %s readings/s  ratio %.2f\n' "$name" "$n" "$limit_rate" "$(python3 -c "print($rate/$limit_rate)")"
    printf '%-9s alarm latency, upload → live feed, during the upload:  %s\n' "$name" "$lat"
    printf '%-9s MQTT: %s\n' "$name" "$mqtt"
    printf '%-9s server memory: %s MB after start, peak %s MB after the HTTP upload, %s MB after MQTT\n' "$name" "$rss0" "$mem1" "$mem2"
  } | tee -a "$out/summary.txt"
  sql "$url" "DROP TABLE reading_limit" >/dev/null
}

# Issue 3 on a database already holding the city-scale demo.
ledgers_one() {
  local name=$1 url=$2 port=$3 csv="$work/users.csv"
  python3 bench/gen_users.py "$url" "$csv" "$USERS"
  # Baseline: the database's own bulk load of the same file into a table of text columns.
  local base
  if [[ $url == sqlite://* ]]; then
    base=$(measure sqlite3 "${url#sqlite://}" ".mode csv" ".import $csv bench_baseline")
    sqlite3 "${url#sqlite://}" "DROP TABLE bench_baseline"
  else
    psql "$url" -qc "CREATE TABLE bench_baseline ($(seq -s, -f 'c%g text' 1 14))"
    base=$(measure psql "$url" -qc "\\copy bench_baseline FROM '$csv' CSV HEADER")
    psql "$url" -qc "DROP TABLE bench_baseline"
  fi
  local imp
  imp=$(measure "$BIN" import gas-users "$csv")
  local loaded
  loaded=$(sql "$url" "SELECT count(*) FROM gas_user WHERE account_no LIKE 'BENCH%'")

  # Every request reads the database: list cache and tile cache off.
  RANJIAN_LIST_CACHE_TTL_MS=0 RANJIAN_TILE_CACHE_TTL_MS=0 "$BIN" serve >"$work/$name-ledgers.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  # Vector tiles over the whole city (city-admin), 150 random tiles per zoom 10-16 and layer.
  python3 - "$work/tiles.txt" <<'PY'
import math, random, sys
west, south, east, north = 116.22, 27.79, 118.50, 29.71
rng = random.Random(3)
def tile(lng, lat, z):
    n = 2 ** z
    x = int((lng + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return x, y
paths = []
for z in range(10, 17):
    for layer in ("pipelines", "stations", "communities", "lpg"):
        for _ in range(150):
            x, y = tile(rng.uniform(west, east), rng.uniform(south, north), z)
            paths.append(f"/api/v1/map/tiles/{layer}/{z}/{x}/{y}.mvt")
rng.shuffle(paths)
open(sys.argv[1], "w").write("\n".join(paths) + "\n")
PY
  local tiles tiles_cached users
  # Warm up (the map layers load on first use; pages come into the cache), then measure.
  TOKEN=$(login "$port" city-admin) PATHS_FILE="$work/tiles.txt" wrk -t2 -c16 -d3s -s bench/paths.lua "http://127.0.0.1:$port" >/dev/null
  tiles=$(TOKEN=$(login "$port" city-admin) PATHS_FILE="$work/tiles.txt" \
    wrk -t2 -c16 -d"$DURATION" -s bench/paths.lua "http://127.0.0.1:$port" | tee "$out/$name-tiles.txt" | grep PERCENTILES)
  # The user list of one community at a time, as 信州区 sees it (16 clients).
  sql "$url" "SELECT id FROM community WHERE region_code LIKE '361102%'" \
    | awk '{ print "/api/v1/industry/gas-users?community_id=" $1 "&page=1&page_size=20" }' >"$work/users.txt"
  TOKEN=$(login "$port" county-361102) PATHS_FILE="$work/users.txt" wrk -t2 -c16 -d3s -s bench/paths.lua "http://127.0.0.1:$port" >/dev/null
  users=$(TOKEN=$(login "$port" county-361102) PATHS_FILE="$work/users.txt" \
    wrk -t2 -c16 -d"$DURATION" -s bench/paths.lua "http://127.0.0.1:$port" | tee "$out/$name-users.txt" | grep PERCENTILES)
  kill $pid; wait $pid 2>/dev/null || true
  # The same tiles as served: the tile cache on (tiles change only when their ledger does).
  "$BIN" serve >"$work/$name-ledgers2.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  TOKEN=$(login "$port" city-admin) PATHS_FILE="$work/tiles.txt" wrk -t2 -c16 -d3s -s bench/paths.lua "http://127.0.0.1:$port" >/dev/null
  tiles_cached=$(TOKEN=$(login "$port" city-admin) PATHS_FILE="$work/tiles.txt" \
    wrk -t2 -c16 -d"$DURATION" -s bench/paths.lua "http://127.0.0.1:$port" | tee "$out/$name-tiles-cached.txt" | grep PERCENTILES)
  kill $pid; wait $pid 2>/dev/null || true
  local bw bm iw im
  read -r bw bm <<<"$base"; read -r iw im <<<"$imp"
  {
    printf '%-9s baseline bulk load of %s users   %9.0f rows/s  (%s s, peak %s MB)\n' "$name" "$USERS" "$(python3 -c "print($USERS/$bw)")" "$bw" "$bm"
    printf '%-9s ranjian import gas-users          %9.0f rows/s  (%s s, peak %s MB, %s rows loaded)  ratio %.2f\n' "$name" "$(python3 -c "print($USERS/$iw)")" "$iw" "$im" "$loaded" "$(python3 -c "print($bw/$iw)")"
    printf '%-9s vector tiles z10-16, cache off     %s\n' "$name" "${tiles#PERCENTILES }"
    printf '%-9s vector tiles z10-16, tile cache on %s\n' "$name" "${tiles_cached#PERCENTILES }"
    printf '%-9s user list by community, cache off %s\n' "$name" "${users#PERCENTILES }"
  } | tee -a "$out/summary.txt"
}

: >"$out/summary.txt"
echo "$(date -u +%FT%TZ) $CONNS connections, $DURATION each, $(nproc) cores" | tee -a "$out/summary.txt"
# DBS="postgres" (or "sqlite") measures one database only.
if [[ " ${DBS:-sqlite postgres} " == *" sqlite "* ]]; then
  run_one sqlite "sqlite://$work/bench.db" 18181
fi
if [[ " ${DBS:-sqlite postgres} " == *" postgres "* ]]; then
  db="ranjian_bench_$$"
  psql "$PG_URL/postgres" -qc "CREATE DATABASE $db"
  trap 'kill $(jobs -p) 2>/dev/null || true; psql "$PG_URL/postgres" -qc "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1; rm -rf "$work"' EXIT
  run_one postgres "$PG_URL/$db" 18182
fi
