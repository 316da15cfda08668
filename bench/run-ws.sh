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
#   6. mode ws-floor: frames the server answers without a key or a row (the transport's own cost), REPS times;
#   7. mode ws-idle: IDLE_CONNS authenticated idle connections held IDLE_HOLD s, server memory per connection;
#   8. prints the medians, each throughput's ratio to the ceiling's ws= figure, and the bound the floor sets.
# Every figure is also in $OUT (one log per run, results.txt holds the RESULT lines).
#
# Settings (environment): BASE, SERVER_DIR, ASP_OPERATOR_TOKEN, PREWARM, DURATION, WARMUP, REPS, CONCS,
# CONNECTIONS, SUBSCRIBE, EXPECT, SENDERS, PAD, IDLE_CONNS, IDLE_HOLD, IDLE_AGENTS, CEILING
# (preset "verify=… db=… http=… ws=…" to skip the probe), JAVA_OPTS, OUT.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$repo/bench/lib.sh"   # the settings and steps shared with run-http.sh
CONNECTIONS=${CONNECTIONS:-32}   # sender connections (one per agent, 2 per pair); at most 2 x sessions
SUBSCRIBE=${SUBSCRIBE:-100}      # sessions followed by subscriber connections (at most the run's sessions)
IDLE_CONNS=${IDLE_CONNS:-10000}
IDLE_HOLD=${IDLE_HOLD:-60}
IDLE_AGENTS=${IDLE_AGENTS:-16}
OUT=${OUT:-$repo/bench/results/$(date -u +%Y%m%dT%H%M%SZ)-ws}
# no --duration here: ws-idle holds for IDLE_HOLD, so each run passes its own
gen_opts=()
show="$show|delivery|sockets|opened|check|memory|server memory"
init_results

build_generator
check_server
soft=$(ulimit -n)
if [ "$soft" != unlimited ] && [ "$soft" -lt $((IDLE_CONNS + 1000)) ]; then
  echo "note: ulimit -n is $soft here; ws-idle with $IDLE_CONNS connections needs more (the server's own limit too)"
fi

echo "== machine ceiling"
load_ceiling say-source

min() { [ "$1" -lt "$2" ] && echo "$1" || echo "$2"; }

selftest "HTTP transports and the WebSocket path"
first_c=${CONCS%% *}
warm_conns=$(min "$CONNECTIONS" $((2 * first_c)))
prewarm ws --concurrency "$first_c" --sessions "$first_c" --connections $((warm_conns / 2 * 2)) --subscribe "$(min "$SUBSCRIBE" "$first_c")" \
  --senders "$SENDERS" --pad "$PAD"

for c in $CONCS; do
  conns=$(min "$CONNECTIONS" $((2 * c)))
  conns=$((conns / 2 * 2))
  subs=$(min "$SUBSCRIBE" "$c")
  echo "== mode ws: closed loop, concurrency $c ($c sessions, $conns sender connections, $subs followed), $REPS x ${DURATION}s"
  closed_reps "ws-c$c" ws --duration "$DURATION" --concurrency "$c" --sessions "$c" --connections "$conns" --subscribe "$subs" \
    --senders "$SENDERS" --pad "$PAD"
  note_best "ws-c$c" "$c"
done

plan_open_loop ws
conns=$(min "$CONNECTIONS" $((2 * max_c)))
conns=$((conns / 2 * 2))
subs=$(min "$SUBSCRIBE" "$max_c")
open_reps ws-open "$half" ws --duration "$DURATION" --rate "$half" --concurrency "$max_c" --sessions "$max_c" --connections "$conns" \
  --subscribe "$subs" --senders "$SENDERS" --pad "$PAD"

echo "== mode ws-floor: the transport alone, $max_c frames in flight over $CONNECTIONS connections, $REPS x ${DURATION}s"
closed_reps ws-floor ws-floor --duration "$DURATION" --concurrency "$max_c" --connections "$CONNECTIONS"

echo "== mode ws-idle: $IDLE_CONNS authenticated idle connections held ${IDLE_HOLD}s"
run ws-idle 0 ws-idle --connections "$IDLE_CONNS" --agents "$IDLE_AGENTS" --duration "$IDLE_HOLD"

echo
echo "== summary: medians of $REPS runs (window ${DURATION}s after ${WARMUP}s warm-up each); ceiling ws=${ws:-?} msg/s"
printf '%-12s %9s %7s %7s %7s %7s %8s %8s %8s %9s %9s %8s %10s %6s\n' run "ok/s" "x ws" p50_ms p90_ms p99_ms max_ms dlv_p50 dlv_p99 srv_cores \
  "srv_ms/op" pg_cores "gen_ms/op" errors
labels=""
for c in $CONCS; do labels="$labels ws-c$c"; done
# shellcheck disable=SC2086 # one argument per label
medians_table "${ws:-}" '{label:<12} {rate:9.1f} {ratio:>7} {p50_ms:7.2f} {p90_ms:7.2f} {p99_ms:7.2f} {max_ms:8.1f} {del_p50_ms:8.2f} {del_p99_ms:8.2f} {server_cores:9.2f} {server_ms_per_op:9.3f} {pg_cores:8.2f} {gen_ms_per_op:10.3f} {errors:6d}' \
  $labels ws-open ws-floor
echo "(x ws: median ok/s divided by the ceiling's ws= figure; dlv: send write -> message push on a subscriber connection;"
echo " ws-floor: frames answered without a key or a row, through the same stack and client.)"
# shellcheck disable=SC2086 # one argument per label
floor_bound "${ws:-}" ws-floor $labels
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

finish
