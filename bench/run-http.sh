#!/usr/bin/env bash
# The HTTP benchmark of the ASP service, against a server that is ALREADY RUNNING (see
# bench/README.md for how to start one on PostgreSQL). Steps:
#   1. builds the load generator (bench/load, a separate Maven project and process);
#   2. runs ../shared/perf/ceiling.sh: the machine's limit for one signed, durably stored message;
#   3. mode dpop: DPoP-protected GETs, closed loop, REPS repetitions;
#   4. mode messages: closed loop at each concurrency in CONCS, REPS repetitions each;
#   5. mode messages, open loop at half the best closed-loop throughput (p99 at half load), REPS times;
#   6. mode http-floor: the same requests refused at authentication (the HTTP stack's own cost), REPS times;
#   7. prints the medians, each throughput's ratio to the ceiling's http= figure, and the bound the floor sets.
# Every figure is also in $OUT (one log per run, results.txt holds the RESULT lines).
#
# Settings (environment): BASE, SERVER_DIR, ASP_OPERATOR_TOKEN, PREWARM, DURATION, WARMUP, REPS, CONCS,
# DPOP_CONC, DPOP_AGENTS, EXPECT, SENDERS, PAD, CLIENT (raw|jdk), CEILING (preset "verify=… db=… http=… ws=…"
# to skip the probe), JAVA_OPTS, OUT.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$repo/bench/lib.sh"   # the settings and steps shared with run-ws.sh
DPOP_CONC=${DPOP_CONC:-32}
DPOP_AGENTS=${DPOP_AGENTS:-8}
# raw: the generator's own minimal keep-alive HTTP/1.1 client (about 0.2 ms client CPU per request);
# jdk: java.net.http.HttpClient (about 1-2 ms per request here, which a 2-core machine takes from the server).
CLIENT=${CLIENT:-raw}
OUT=${OUT:-$repo/bench/results/$(date -u +%Y%m%dT%H%M%SZ)}
gen_opts=(--duration "$DURATION" --client "$CLIENT")
init_results

build_generator
check_server

echo "== machine ceiling ($SHARED/perf/ceiling.sh)"
load_ceiling quiet

selftest "both transports see 201, 200, 422, 401 as the server sends them"
first_c=${CONCS%% *}
prewarm messages --client "$CLIENT" --concurrency "$first_c" --sessions "$first_c" --senders "$SENDERS" --pad "$PAD"

echo "== mode dpop: $DPOP_AGENTS agents, closed loop, concurrency $DPOP_CONC, $REPS x ${DURATION}s"
closed_reps dpop dpop --concurrency "$DPOP_CONC" --agents "$DPOP_AGENTS"

for c in $CONCS; do
  echo "== mode messages: closed loop, concurrency $c ($c sessions), $REPS x ${DURATION}s"
  closed_reps "messages-c$c" messages --concurrency "$c" --sessions "$c" --senders "$SENDERS" --pad "$PAD"
  note_best "messages-c$c" "$c"
done

plan_open_loop messages
open_reps messages-open "$half" messages --rate "$half" --concurrency "$max_c" --sessions "$max_c" --senders "$SENDERS" --pad "$PAD"

echo "== mode http-floor: the same requests refused at authentication (the stack alone), concurrency $max_c, $REPS x ${DURATION}s"
closed_reps http-floor http-floor --concurrency "$max_c" --sessions "$max_c" --senders "$SENDERS" --pad "$PAD"

echo
echo "== summary: medians of $REPS runs (window ${DURATION}s after ${WARMUP}s warm-up each); ceiling http=${http:-?} msg/s"
echo "client: $CLIENT"
printf '%-16s %10s %8s %8s %8s %8s %8s %9s %9s %8s %9s %7s\n' run "ok/s" "x http" p50_ms p90_ms p99_ms max_ms srv_cores "srv_ms/op" pg_cores gen_cores errors
labels="dpop"
for c in $CONCS; do labels="$labels messages-c$c"; done
# shellcheck disable=SC2086 # one argument per label
medians_table "${http:-}" '{label:<16} {rate:10.1f} {ratio:>8} {p50_ms:8.2f} {p90_ms:8.2f} {p99_ms:8.2f} {max_ms:8.1f} {server_cores:9.2f} {server_ms_per_op:9.3f} {pg_cores:8.2f} {gen_cores:9.2f} {errors:7d}' \
  $labels messages-open http-floor
echo "(x http: median ok/s divided by the ceiling's http= figure; the dpop row compares a GET with a message's ceiling;"
echo " http-floor: the messages' requests with a token and proof that do not parse, answered 401 before any key or row.)"
labels=""
for c in $CONCS; do labels="$labels messages-c$c"; done
# shellcheck disable=SC2086 # one argument per label
floor_bound "${http:-}" http-floor $labels

finish
