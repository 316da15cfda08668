#!/usr/bin/env bash
# The WebSocket benchmark of the ASP service (spec 4.8, docs/live-delivery.md), against a server
# that is ALREADY RUNNING (see bench/README.md for how to start one on PostgreSQL). Steps:
#   1. builds the load generator (bench/load, a separate Maven project and process);
#   2. takes CEILING or runs ../shared/perf/ceiling.sh: the machine's limit for one signed, durably
#      stored message (ws=: one Ed25519 verify per message, the connection being authenticated once);
#   3. the generator's self-test (HTTP transports and the WebSocket path), untimed;
#   4. mode ws: closed loop at each concurrency in CONCS, REPS repetitions each (send -> ack latency,
#      delivery latency on subscriber connections);
#   5. mode ws, open loop at half the best closed-loop median, REPS times (delivery p50/p99 at half load);
#   6. mode ws-idle: IDLE_CONNS authenticated idle connections held IDLE_HOLD s, server memory per connection;
#   7. prints the medians and each throughput's ratio to the ceiling's ws= figure.
# Every figure is also in $OUT (one log per run, results.txt holds the RESULT lines).
#
# Settings (environment): BASE, SERVER_DIR, ASP_OPERATOR_TOKEN, DURATION, WARMUP, REPS, CONCS,
# CONNECTIONS, SUBSCRIBE, EXPECT, SENDERS, PAD, IDLE_CONNS, IDLE_HOLD, IDLE_AGENTS, CEILING
# (preset "verify=… db=… http=… ws=…" to skip the probe), JAVA_OPTS, OUT.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
BASE=${BASE:-http://localhost:9080}
SERVER_DIR=${SERVER_DIR:-$repo/target/liberty/wlp/usr/servers/asp}
SHARED=${ASP_SHARED_DIR:-$repo/../shared}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-10}
REPS=${REPS:-3}
CONCS=${CONCS:-"8 32 128"}
CONNECTIONS=${CONNECTIONS:-32}   # sender connections (one per agent, 2 per pair); at most 2 x sessions
SUBSCRIBE=${SUBSCRIBE:-100}      # sessions followed by subscriber connections (at most the run's sessions)
EXPECT=${EXPECT:-3000}
SENDERS=${SENDERS:-2}
PAD=${PAD:-200}
IDLE_CONNS=${IDLE_CONNS:-10000}
IDLE_HOLD=${IDLE_HOLD:-60}
IDLE_AGENTS=${IDLE_AGENTS:-16}
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx3g -XX:+UseParallelGC}
OUT=${OUT:-$repo/bench/results/$(date -u +%Y%m%dT%H%M%SZ)-ws}
mkdir -p "$OUT"
results=$OUT/results.txt
runs=0
: >"$results"

echo "== building the load generator"
mvn -q -B -f "$repo/bench/load/pom.xml" package
jar=$repo/bench/load/target/asp-load.jar

echo "== checking the server at $BASE"
code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/.well-known/asp-configuration" || true)
if [ "$code" != 200 ]; then
  echo "no ASP application answers at $BASE (/.well-known/asp-configuration: $code)." >&2
  echo "Start one first; see bench/README.md (note: liberty:start alone does not deploy the EAR)." >&2
  exit 1
fi
if [ -z "${ASP_OPERATOR_TOKEN:-}" ] && [ ! -f "$SERVER_DIR/operator-token" ]; then
  echo "no operator token: set ASP_OPERATOR_TOKEN or SERVER_DIR (a dir holding operator-token)" >&2
  exit 1
fi
soft=$(ulimit -n)
if [ "$soft" != unlimited ] && [ "$soft" -lt $((IDLE_CONNS + 1000)) ]; then
  echo "note: ulimit -n is $soft here; ws-idle with $IDLE_CONNS connections needs more (the server's own limit too)"
fi

echo "== machine ceiling"
if [ -z "${CEILING:-}" ]; then
  echo "   ($SHARED/perf/ceiling.sh)"
  CEILING=$(bash "$SHARED/perf/ceiling.sh" 2>/dev/null | tail -1 || true)
else
  echo "   (preset CEILING)"
fi
case "$CEILING" in
  verify=*) eval "$CEILING" ;;
  *) echo "ceiling probes failed ($CEILING); ratios will be n/a"; verify=; db=; http=; ws= ;;
esac
echo "ceiling: verify=${verify:-?}/s per thread  db=${db:-?} rows/s  http=${http:-?} msg/s  ws=${ws:-?} msg/s"
echo "ceiling verify=${verify:-} db=${db:-} http=${http:-} ws=${ws:-}" >"$OUT/ceiling.txt"

# One generator run; appends its RESULT line to $results. Reruns (at most twice) with a larger
# pre-signed supply if the supply ran out (the generator cuts the window there and says ran_out=1).
run() {
  local label=$1 expect=$2
  shift 2
  runs=$((runs + 1))
  local logf
  logf=$OUT/$(printf %02d "$runs")-$label.log
  local attempt
  for attempt in 1 2 3; do
    # shellcheck disable=SC2086
    java $JAVA_OPTS -jar "$jar" "$@" --base "$BASE" --server-dir "$SERVER_DIR" --warmup "$WARMUP" \
      --expect "$expect" --label "$label" >"$logf" 2>&1 || { echo "run $label failed:"; tail -20 "$logf"; return 1; }
    if grep -q '^RESULT .* ran_out=1' "$logf" && [ $attempt -lt 3 ]; then
      local reached
      reached=$(grep '^RESULT' "$logf" | sed -E 's/.* rate=([0-9.]+).*/\1/' | cut -d. -f1)
      expect=$((expect * 3 / 2 > reached * 3 / 2 ? expect * 3 / 2 : reached * 3 / 2))
      echo "   ($label: pre-signed supply ran out; again with --expect $expect)"
      continue
    fi
    break
  done
  grep '^RESULT' "$logf" >>"$results"
  grep -E '^(accepted|latency|errors|cpu|delivery|sockets|opened|check|memory|server memory|WARNING|verify)' "$logf" | sed 's/^/   /'
  last_rate=$(grep '^RESULT' "$logf" | sed -E 's/.* rate=([0-9.]+).*/\1/' | cut -d. -f1)
  [[ "$last_rate" =~ ^[0-9]+$ ]] && [ "$last_rate" -gt 0 ] || last_rate=$expect
}

median() { # label field
  python3 - "$results" "$1" "$2" <<'PY'
import sys, statistics
path, label, field = sys.argv[1:]
vals = []
for line in open(path):
    kv = dict(p.split('=', 1) for p in line.split()[1:] if '=' in p)
    if kv.get('label') == label and kv.get(field) not in (None, 'n/a', '-'):
        vals.append(float(kv[field]))
print(statistics.median(vals) if vals else 'nan')
PY
}

min() { [ "$1" -lt "$2" ] && echo "$1" || echo "$2"; }

echo "== generator self-test (untimed): HTTP transports and the WebSocket path"
java -jar "$jar" selftest --base "$BASE" --server-dir "$SERVER_DIR" | sed 's/^/   /'
log=$SERVER_DIR/logs/messages.log
log_start=0
[ -f "$log" ] && log_start=$(stat -c %s "$log")

best=0
best_c=
for c in $CONCS; do
  conns=$(min "$CONNECTIONS" $((2 * c)))
  conns=$((conns / 2 * 2))
  subs=$(min "$SUBSCRIBE" "$c")
  echo "== mode ws: closed loop, concurrency $c ($c sessions, $conns sender connections, $subs followed), $REPS x ${DURATION}s"
  exp=$EXPECT
  for rep in $(seq 1 "$REPS"); do
    echo " - rep $rep"
    run "ws-c$c" "$exp" ws --duration "$DURATION" --concurrency "$c" --sessions "$c" --connections "$conns" --subscribe "$subs" \
      --senders "$SENDERS" --pad "$PAD"
    exp=$((last_rate * 3 / 2 + 100))
  done
  m=$(median "ws-c$c" rate)
  if python3 -c "import sys; sys.exit(0 if float('$m') > float('$best') else 1)"; then best=$m; best_c=$c; fi
done

half=$(python3 -c "print(max(1, round(float('$best') / 2)))")
max_c=$(echo "$CONCS" | tr ' ' '\n' | sort -n | tail -1)
conns=$(min "$CONNECTIONS" $((2 * max_c)))
conns=$((conns / 2 * 2))
subs=$(min "$SUBSCRIBE" "$max_c")
echo "== mode ws: open loop at $half msg/s (half of the best closed-loop median, $best at concurrency $best_c), $max_c sessions, $REPS x ${DURATION}s"
for rep in $(seq 1 "$REPS"); do
  echo " - rep $rep"
  run ws-open "$half" ws --duration "$DURATION" --rate "$half" --concurrency "$max_c" --sessions "$max_c" --connections "$conns" \
    --subscribe "$subs" --senders "$SENDERS" --pad "$PAD"
done

echo "== mode ws-idle: $IDLE_CONNS authenticated idle connections held ${IDLE_HOLD}s"
run ws-idle 0 ws-idle --connections "$IDLE_CONNS" --agents "$IDLE_AGENTS" --duration "$IDLE_HOLD"

echo
echo "== summary: medians of $REPS runs (window ${DURATION}s after ${WARMUP}s warm-up each); ceiling ws=${ws:-?} msg/s"
printf '%-12s %9s %7s %7s %7s %7s %8s %8s %8s %9s %9s %8s %10s %6s\n' run "ok/s" "x ws" p50_ms p90_ms p99_ms max_ms dlv_p50 dlv_p99 srv_cores \
  "srv_ms/op" pg_cores "gen_ms/op" errors
labels=""
for c in $CONCS; do labels="$labels ws-c$c"; done
labels="$labels ws-open"
for l in $labels; do
  python3 - "$results" "$l" "${ws:-}" <<'PY'
import sys, statistics
path, label, ws = sys.argv[1:]
rows = []
for line in open(path):
    kv = dict(p.split('=', 1) for p in line.split()[1:] if '=' in p)
    if kv.get('label') == label:
        rows.append(kv)
def med(f):
    v = [float(r[f]) for r in rows if r.get(f) not in (None, 'n/a', '-')]
    return statistics.median(v) if v else float('nan')
if rows:
    rate = med('rate')
    ratio = f"{rate / float(ws):.3f}" if ws else "n/a"
    errs = sum(int(r['errors']) for r in rows)
    print(f"{label:<12} {rate:9.1f} {ratio:>7} {med('p50_ms'):7.2f} {med('p90_ms'):7.2f} {med('p99_ms'):7.2f} {med('max_ms'):8.1f} "
          f"{med('del_p50_ms'):8.2f} {med('del_p99_ms'):8.2f} {med('server_cores'):9.2f} {med('server_ms_per_op'):9.3f} {med('pg_cores'):8.2f} "
          f"{med('gen_ms_per_op'):10.3f} {errs:6d}")
PY
done
echo "(x ws: median ok/s divided by the ceiling's ws= figure; dlv: send write -> message push on a subscriber connection.)"
python3 - "$results" <<'PY'
import sys
for line in open(sys.argv[1]):
    kv = dict(p.split('=', 1) for p in line.split()[1:] if '=' in p)
    if kv.get('mode') == 'ws-idle':
        print(f"ws-idle: {kv['opened']}/{kv['connections']} opened ({kv['open_rate']}/s, upgrade p99 {kv['upgrade_p99_ms']} ms), "
              f"{kv['alive']} answered after {kv['hold_s']} s, {kv['closed']} closed; server heap after GC {kv['heap_before_mb']} -> "
              f"{kv['heap_after_mb']} MB ({kv['heap_bytes_per_conn']} B/conn), RSS {kv['rss_before_mb']} -> {kv['rss_after_mb']} MB "
              f"({kv['rss_bytes_per_conn']} B/conn); idle server {kv['server_cores_idle']} cores")
PY

if [ -f "$log" ]; then
  new=$(tail -c +"$((log_start + 1))" "$log" | grep -E '^\[[^]]*\] [0-9a-f]+ .* ([EW] |I FFDC1015I)' || true)
  if [ -n "$new" ]; then
    echo
    echo "== server log errors, warnings and FFDC incidents during the benchmark ($log), first 20:"
    printf '%s\n' "$new" | head -20
    printf '%s\n' "$new" >"$OUT/server-log-errors.txt"
  fi
fi
echo
echo "all logs: $OUT"
