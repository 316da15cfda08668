#!/usr/bin/env bash
# The HTTP benchmark of the ASP service, against a server that is ALREADY RUNNING (see
# bench/README.md for how to start one on PostgreSQL). Steps:
#   1. builds the load generator (bench/load, a separate Maven project and process);
#   2. runs ../shared/perf/ceiling.sh: the machine's limit for one signed, durably stored message;
#   3. mode dpop: DPoP-protected GETs, closed loop, REPS repetitions;
#   4. mode messages: closed loop at each concurrency in CONCS, REPS repetitions each;
#   5. mode messages, open loop at half the best closed-loop throughput (p99 at half load), REPS times;
#   6. prints the medians and each throughput's ratio to the ceiling's http= figure.
# Every figure is also in $OUT (one log per run, results.txt holds the RESULT lines).
#
# Settings (environment): BASE, SERVER_DIR, ASP_OPERATOR_TOKEN, DURATION, WARMUP, REPS, CONCS,
# DPOP_CONC, DPOP_AGENTS, EXPECT, SENDERS, PAD, CLIENT (raw|jdk), CEILING (preset "verify=… db=… http=… ws=…"
# to skip the probe), JAVA_OPTS, OUT.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
BASE=${BASE:-http://localhost:9080}
SERVER_DIR=${SERVER_DIR:-$repo/target/liberty/wlp/usr/servers/asp}
SHARED=${ASP_SHARED_DIR:-$repo/../shared}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-10}
REPS=${REPS:-3}
CONCS=${CONCS:-"8 32 128"}
DPOP_CONC=${DPOP_CONC:-32}
DPOP_AGENTS=${DPOP_AGENTS:-8}
EXPECT=${EXPECT:-3000}
SENDERS=${SENDERS:-2}
PAD=${PAD:-200}
# raw: the generator's own minimal keep-alive HTTP/1.1 client (about 0.2 ms client CPU per request);
# jdk: java.net.http.HttpClient (about 1-2 ms per request here, which a 2-core machine takes from the server).
CLIENT=${CLIENT:-raw}
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx3g -XX:+UseParallelGC}
OUT=${OUT:-$repo/bench/results/$(date -u +%Y%m%dT%H%M%SZ)}
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

echo "== machine ceiling ($SHARED/perf/ceiling.sh)"
if [ -z "${CEILING:-}" ]; then
  CEILING=$(bash "$SHARED/perf/ceiling.sh" 2>/dev/null | tail -1 || true)
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
    java $JAVA_OPTS -jar "$jar" "$@" --base "$BASE" --server-dir "$SERVER_DIR" --duration "$DURATION" --warmup "$WARMUP" \
      --expect "$expect" --client "$CLIENT" --label "$label" >"$logf" 2>&1 || { echo "run $label failed:"; tail -20 "$logf"; return 1; }
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
  grep -E '^(accepted|latency|errors|cpu|WARNING|verify)' "$logf" | sed 's/^/   /'
  # the next run of this kind pre-signs for 1.5x what this one reached
  last_rate=$(grep '^RESULT' "$logf" | sed -E 's/.* rate=([0-9.]+).*/\1/' | cut -d. -f1)
  [ -n "$last_rate" ] && [ "$last_rate" -gt 0 ] || last_rate=$expect
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

echo "== generator self-test (untimed): both transports see 201, 200, 422, 401 as the server sends them"
java -jar "$jar" selftest --base "$BASE" --server-dir "$SERVER_DIR" | sed 's/^/   /'
# The server's log from here on is scanned at the end (the self-test's tampered envelopes are before).
log=$SERVER_DIR/logs/messages.log
log_start=0
[ -f "$log" ] && log_start=$(stat -c %s "$log")

echo "== mode dpop: $DPOP_AGENTS agents, closed loop, concurrency $DPOP_CONC, $REPS x ${DURATION}s"
exp=$EXPECT
for rep in $(seq 1 "$REPS"); do
  echo " - rep $rep"
  run dpop "$exp" dpop --concurrency "$DPOP_CONC" --agents "$DPOP_AGENTS"
  exp=$(( last_rate * 3 / 2 + 100 ))
done

best=0
best_c=
for c in $CONCS; do
  echo "== mode messages: closed loop, concurrency $c ($c sessions), $REPS x ${DURATION}s"
  exp=$EXPECT
  for rep in $(seq 1 "$REPS"); do
    echo " - rep $rep"
    run "messages-c$c" "$exp" messages --concurrency "$c" --sessions "$c" --senders "$SENDERS" --pad "$PAD"
    exp=$(( last_rate * 3 / 2 + 100 ))
  done
  m=$(median "messages-c$c" rate)
  if python3 -c "import sys; sys.exit(0 if float('$m') > float('$best') else 1)"; then best=$m; best_c=$c; fi
done

half=$(python3 -c "print(max(1, round(float('$best') / 2)))")
max_c=$(echo "$CONCS" | tr ' ' '\n' | sort -n | tail -1)
echo "== mode messages: open loop at $half msg/s (half of the best closed-loop median, $best at concurrency $best_c), $max_c sessions, $REPS x ${DURATION}s"
for rep in $(seq 1 "$REPS"); do
  echo " - rep $rep"
  run messages-open "$half" messages --rate "$half" --concurrency "$max_c" --sessions "$max_c" --senders "$SENDERS" --pad "$PAD"
done

echo
echo "== summary: medians of $REPS runs (window ${DURATION}s after ${WARMUP}s warm-up each); ceiling http=${http:-?} msg/s"
echo "client: $CLIENT"
printf '%-16s %10s %8s %8s %8s %8s %8s %9s %9s %8s %9s %7s\n' run "ok/s" "x http" p50_ms p90_ms p99_ms max_ms srv_cores "srv_ms/op" pg_cores gen_cores errors
labels="dpop"
for c in $CONCS; do labels="$labels messages-c$c"; done
labels="$labels messages-open"
for l in $labels; do
  python3 - "$results" "$l" "${http:-}" <<'PY'
import sys, statistics
path, label, http = sys.argv[1:]
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
    ratio = f"{rate / float(http):.3f}" if http else "n/a"
    errs = sum(int(r['errors']) for r in rows)
    print(f"{label:<16} {rate:10.1f} {ratio:>8} {med('p50_ms'):8.2f} {med('p90_ms'):8.2f} {med('p99_ms'):8.2f} {med('max_ms'):8.1f} "
          f"{med('server_cores'):9.2f} {med('server_ms_per_op'):9.3f} {med('pg_cores'):8.2f} {med('gen_cores'):9.2f} {errs:7d}")
PY
done
echo "(x http: median ok/s divided by the ceiling's http= figure; the dpop row compares a GET with a message's ceiling.)"

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
