# shellcheck shell=bash
# What bench/run-http.sh and bench/run-ws.sh share, sourced by both after they set $repo (the
# repository root). Sourcing it sets the settings both take from the environment; the functions
# below are the steps both go through. What differs between the two is passed in: the ceiling
# figure to compare with (http= or ws=), the labels and the modes, the generator options every run
# gets ($gen_opts) and which lines of a run's log are echoed ($show).

BASE=${BASE:-http://localhost:9080}
SERVER_DIR=${SERVER_DIR:-$repo/target/liberty/wlp/usr/servers/asp}
SHARED=${ASP_SHARED_DIR:-$repo/../shared}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-10}
REPS=${REPS:-3}
CONCS=${CONCS:-"8 32 128"}
EXPECT=${EXPECT:-3000}
SENDERS=${SENDERS:-2}
PAD=${PAD:-200}
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx3g -XX:+UseParallelGC}
# Seconds of load before the first measured run. Measured on this 2-core machine: after a start the
# server's CPU per message falls from about 2.5 to 0.7 ms over roughly 5 minutes of load while the JIT
# compiles Liberty's stack, far longer than WARMUP covers. 0 on a server that is warm already.
PREWARM=${PREWARM:-300}

# Options every generator run gets besides --base/--server-dir/--warmup/--expect/--label (the
# scripts set it: run-http.sh adds --duration and --client, run-ws.sh passes --duration per run
# since ws-idle holds for IDLE_HOLD instead).
gen_opts=()
# The lines of a run's log echoed under it (an extended regex of line starts).
show='accepted|latency|errors|cpu|WARNING|verify'

# $OUT (set by the script: the two default to different directories) with an empty results.txt.
init_results() {
  mkdir -p "$OUT"
  results=$OUT/results.txt
  runs=0
  : >"$results"
}

build_generator() {
  echo "== building the load generator"
  mvn -q -B -f "$repo/bench/load/pom.xml" package
  jar=$repo/bench/load/target/asp-load.jar
}

# Exits unless the application answers at $BASE and an operator token is available: failing
# here is cheaper than after the build and the ceiling probe.
check_server() {
  echo "== checking the server at $BASE"
  local code
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
}

# Sets verify= db= http= ws= from CEILING (a preset line) or else from ceiling.sh, prints them and
# keeps them in $OUT/ceiling.txt. load_ceiling say-source also prints which of the two it used
# (run-ws.sh); load_ceiling quiet does not (run-http.sh names ceiling.sh in its heading instead).
load_ceiling() {
  local say=$1
  if [ -z "${CEILING:-}" ]; then
    if [ "$say" = say-source ]; then echo "   ($SHARED/perf/ceiling.sh)"; fi
    CEILING=$(bash "$SHARED/perf/ceiling.sh" 2>/dev/null | tail -1 || true)
  elif [ "$say" = say-source ]; then
    echo "   (preset CEILING)"
  fi
  case "$CEILING" in
    verify=*) eval "$CEILING" ;;
    *) echo "ceiling probes failed ($CEILING); ratios will be n/a"; verify=; db=; http=; ws= ;;
  esac
  echo "ceiling: verify=${verify:-?}/s per thread  db=${db:-?} rows/s  http=${http:-?} msg/s  ws=${ws:-?} msg/s"
  echo "ceiling verify=${verify:-} db=${db:-} http=${http:-} ws=${ws:-}" >"$OUT/ceiling.txt"
}

# The generator's untimed self-test ($1: what it checks, for the heading). Afterwards the server's
# log is marked, so that the scan at the end leaves out the self-test's deliberate refusals.
selftest() {
  echo "== generator self-test (untimed): $1"
  java -jar "$jar" selftest --base "$BASE" --server-dir "$SERVER_DIR" | sed 's/^/   /'
  log=$SERVER_DIR/logs/messages.log
  log_start=0
  [ -f "$log" ] && log_start=$(stat -c %s "$log")
  return 0
}

# PREWARM seconds of load, in runs of at most 60 s, none of it counted: prewarm MODE [OPTION...]
# (the caller's options, without --duration). Their logs are kept as $OUT/prewarm-N.log.
prewarm() {
  local left=$PREWARM n=0 chunk
  [ "$left" -gt 0 ] || return 0
  echo "== warming the server up: ${PREWARM}s of mode $1, not counted (PREWARM=0 skips it)"
  while [ "$left" -gt 0 ]; do
    n=$((n + 1))
    chunk=$((left < 60 ? left : 60))
    # shellcheck disable=SC2086 # JAVA_OPTS is a list of words
    java $JAVA_OPTS -jar "$jar" "$@" --base "$BASE" --server-dir "$SERVER_DIR" --duration "$chunk" --warmup 0 \
      --expect "$EXPECT" --label prewarm >"$OUT/prewarm-$n.log" 2>&1 || { echo "warm-up run failed:"; tail -20 "$OUT/prewarm-$n.log"; return 1; }
    grep '^RESULT' "$OUT/prewarm-$n.log" | sed -E 's/.* rate=([0-9.]+).* server_ms_per_op=([0-9.]+).*/   warm-up run '"$n"': \1 msg\/s, server \2 ms CPU per msg/'
    left=$((left - chunk))
  done
}

# The integer part of the rate= field of a log's RESULT line.
result_rate() {
  grep '^RESULT' "$1" | sed -E 's/.* rate=([0-9.]+).*/\1/' | cut -d. -f1
}

# One generator run: run LABEL EXPECT MODE [OPTION...]; appends its RESULT line to $results and
# sets last_rate. Reruns (at most twice) with a larger pre-signed supply if the supply ran out
# (the generator cuts the window there and says ran_out=1, or stops if it ran out in the warm-up).
run() {
  local label=$1 expect=$2
  shift 2
  runs=$((runs + 1))
  local logf
  logf=$OUT/$(printf %02d "$runs")-$label.log
  local attempt
  for attempt in 1 2 3; do
    # shellcheck disable=SC2086 # JAVA_OPTS is a list of words
    if ! java $JAVA_OPTS -jar "$jar" "$@" --base "$BASE" --server-dir "$SERVER_DIR" "${gen_opts[@]}" --warmup "$WARMUP" \
      --expect "$expect" --label "$label" >"$logf" 2>&1; then
      # a floor run answers several times faster than the run before it that sized its supply
      if grep -q 'ran out during the warm-up' "$logf" && [ $attempt -lt 3 ]; then
        expect=$((expect * 3))
        echo "   ($label: pre-signed supply ran out in the warm-up; again with --expect $expect)"
        continue
      fi
      echo "run $label failed:"; tail -20 "$logf"; return 1
    fi
    if grep -q '^RESULT .* ran_out=1' "$logf" && [ $attempt -lt 3 ]; then
      local reached
      reached=$(result_rate "$logf")
      expect=$((expect * 3 / 2 > reached * 3 / 2 ? expect * 3 / 2 : reached * 3 / 2))
      echo "   ($label: pre-signed supply ran out; again with --expect $expect)"
      continue
    fi
    break
  done
  grep '^RESULT' "$logf" >>"$results"
  grep -E "^($show)" "$logf" | sed 's/^/   /'
  # the next run of this kind pre-signs for 1.5x what this one reached (ws-idle has no rate)
  last_rate=$(result_rate "$logf")
  [[ "$last_rate" =~ ^[0-9]+$ ]] && [ "$last_rate" -gt 0 ] || last_rate=$expect
}

# REPS closed-loop runs of one kind: closed_reps LABEL MODE [OPTION...]. The first pre-signs for
# EXPECT, each later one for 1.5x (+100) what the previous one reached.
closed_reps() {
  local label=$1 exp=$EXPECT rep
  shift
  for rep in $(seq 1 "$REPS"); do
    echo " - rep $rep"
    run "$label" "$exp" "$@"
    exp=$((last_rate * 3 / 2 + 100))
  done
}

# REPS open-loop runs: open_reps LABEL RATE MODE [OPTION...]; each pre-signs for RATE.
open_reps() {
  local label=$1 rate=$2 rep
  shift 2
  for rep in $(seq 1 "$REPS"); do
    echo " - rep $rep"
    run "$label" "$rate" "$@"
  done
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

# The open loop runs at half the best closed-loop median: note_best LABEL CONC after each
# concurrency's runs keeps the best in best/best_c.
best=0
best_c=
note_best() {
  local m
  m=$(median "$1" rate)
  if python3 -c "import sys; sys.exit(0 if float('$m') > float('$best') else 1)"; then best=$m; best_c=$2; fi
}

# Sets half (the open loop's rate) and max_c (the largest of CONCS: its sessions) and prints the
# open loop's heading for mode $1.
plan_open_loop() {
  half=$(python3 -c "print(max(1, round(float('$best') / 2)))")
  max_c=$(echo "$CONCS" | tr ' ' '\n' | sort -n | tail -1)
  echo "== mode $1: open loop at $half msg/s (half of the best closed-loop median, $best at concurrency $best_c), $max_c sessions, $REPS x ${DURATION}s"
}

# The medians table's rows: medians_table CEILING ROW LABEL... prints one row per label that has
# results. ROW is a Python format string over the RESULT fields (each the median over the runs)
# plus label, ratio (the median rate / CEILING, or n/a without a ceiling) and errors (summed).
medians_table() {
  local ceiling=$1 row=$2
  shift 2
  python3 - "$results" "$ceiling" "$row" "$@" <<'PY'
import string, sys, statistics
path, ceiling, row, labels = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
fields = {f for _, f, _, _ in string.Formatter().parse(row) if f} - {'label', 'ratio', 'errors'}
results = [dict(p.split('=', 1) for p in line.split()[1:] if '=' in p) for line in open(path)]
for label in labels:
    rows = [kv for kv in results if kv.get('label') == label]
    def med(f):
        v = [float(r[f]) for r in rows if r.get(f) not in (None, 'n/a', '-')]
        return statistics.median(v) if v else float('nan')
    if rows:
        vals = {f: med(f) for f in fields | {'rate'}}
        vals['ratio'] = f"{vals['rate'] / float(ceiling):.3f}" if ceiling else "n/a"
        vals['errors'] = sum(int(r['errors']) for r in rows)
        print(row.format(label=label, **vals))
PY
}

# What the stack alone allows: a run of mode ws-floor / http-floor (frames or requests the server answers
# without a key, a signature or a row) measures the transport's own cost on this machine, F per second with
# the generator beside it. A message needs that and the ceiling's work (verifies and a durable row) on the
# same cores, so no server on this stack can go past 1 / (1/F + 1/ceiling). The same in CPU per message:
# the ceiling's own work is cores/ceiling; running at 0.8 x ceiling leaves a quarter of that on top for
# everything else, and the floor's CPU (server + generator) has to fit in it - which is F >= 4 x ceiling.
floor_bound() { # ceiling floor_label best_label...
  python3 - "$results" "$(nproc)" "$@" <<'PY'
import sys, statistics
path, cores, ceiling, floor_label, labels = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5:]
results = [dict(p.split('=', 1) for p in line.split()[1:] if '=' in p) for line in open(path)]
def med(label, f='rate'):
    v = [float(r[f]) for r in results if r.get('label') == label and r.get(f) not in (None, 'n/a', '-')]
    return statistics.median(v) if v else None
floor = med(floor_label)
if floor is None or not ceiling:
    sys.exit(0)
c = float(ceiling)
bound = 1 / (1 / floor + 1 / c)
best_label = max((l for l in labels if med(l)), key=med, default=None)
best = med(best_label) if best_label else None
print(f"stack floor: {floor_label} {floor:.0f}/s (server {med(floor_label, 'server_ms_per_op'):.3f} ms CPU each); with the ceiling's work on top "
      f"at most {bound:.0f} msg/s = {bound / c:.3f} x ceiling" + (f"; best measured {best:.0f} = {best / bound:.2f} of that bound" if best else ""))
own = cores * 1000 / c
floor_cpu = med(floor_label, 'server_ms_per_op') + med(floor_label, 'gen_ms_per_op')
print(f"CPU per message on {cores} cores: the ceiling's own work {own:.3f} ms; at 0.8 x ceiling {own / 0.8:.3f} ms in all, "
      f"{own / 0.8 - own:.3f} ms on top of it; the floor alone takes {floor_cpu:.3f} ms (server + generator)")
if best:
    server, pg, gen = med(best_label, 'server_ms_per_op'), med(best_label, 'pg_cores') * 1000 / best, med(best_label, 'gen_ms_per_op')
    print(f"  medians of {best_label}: server {server:.3f} + postgres {pg:.3f} + generator {gen:.3f} = {server + pg + gen:.3f} ms per message")
PY
}

# Echoes (and keeps in $OUT) what the server logged as errors, warnings or FFDC incidents since
# the self-test, then where the logs are.
finish() {
  if [ -f "$log" ]; then
    local new
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
}
