#!/usr/bin/env bash
# Registry ranking by trust (spec 3, 6): 10,000 agents with stored scores, paged best-first with the
# keyset the service uses (agents_trust_rank: trust_score DESC, id), on PostgreSQL. Prints the
# database's execution time per page (EXPLAIN ANALYZE) and the plan of one page.
#
# Needs a database the service has migrated (any server that started on it once, e.g. the one the
# integration tests ran on). Its agents are inserted under an organization of their own and removed
# at the end.   bench/trust-ranking.sh [database] [agents] [page size] [pages] [deep page]
set -euo pipefail
DB=${1:-asp_bench}
AGENTS=${2:-10000}
LIMIT=${3:-20}
PAGES=${4:-10}
DEEP=${5:-400}
PSQL=(psql -h "${PGHOST:-127.0.0.1}" -U "${PGUSER:-postgres}" -d "$DB" -v ON_ERROR_STOP=1 -qAt)
ORG="org_trustbench$$"

cleanup() {
  "${PSQL[@]}" -c "delete from agent_capabilities where agent_id like 'agt_tb${ORG}%';
                   delete from agents where org_id = '$ORG'; delete from organizations where id = '$ORG';" >/dev/null
}
trap cleanup EXIT

"${PSQL[@]}" <<SQL
insert into organizations (id, name, region, verified, created_at) values ('$ORG', '$ORG', 'eu-west', true, now());
insert into agents (id, org_id, name, status, provisioned_by, endpoints, version, created_at, updated_at, trust_score)
  select 'agt_tb${ORG}' || lpad(g::text, 6, '0'), '$ORG', 'bench-' || g, 'active', 'registry', '[]', 1, now(), now(),
         round((random() * 99.99)::numeric, 4)
  from generate_series(1, $AGENTS) g;
insert into agent_capabilities (agent_id, capability)
  select id, 'bench.trust.ranking' from agents where org_id = '$ORG';
analyze agents; analyze agent_capabilities;
SQL

# What AgentSearch asks (JPQL → SQL): active, the capability (itself or below it), at or above
# minTrustScore, after the cursor's (score, id), best first, one row more than the page.
page_sql() {
  local after="$1"
  echo "select a.id, a.trust_score from agents a where a.status = 'active'
        and exists (select 1 from agent_capabilities c where c.agent_id = a.id
                    and (c.capability = 'bench.trust.ranking' or c.capability like 'bench.trust.ranking.%'))
        and a.trust_score >= 0 $after
        order by a.trust_score desc, a.id limit $((LIMIT + 1))"
}

echo "ranking $AGENTS agents, $LIMIT per page, $PAGES pages (database $DB)"
after=""
for p in $(seq 1 "$PAGES"); do
  ms=$("${PSQL[@]}" -c "explain (analyze, format json) $(page_sql "$after")" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["Execution Time"])')
  last=$("${PSQL[@]}" -F ' ' -c "$(page_sql "$after") offset $((LIMIT - 1))" | head -1)
  score=${last#* }; id=${last% *}
  printf 'page %2d  %8.3f ms  (last: %s %s)\n' "$p" "$ms" "$score" "$id"
  after="and a.trust_score <= $score and (a.trust_score < $score or (a.trust_score = $score and a.id > '$id'))"
done
# a deep page: the keyset bounds the index scan, so page 400 costs what page 1 does
for p in $(seq $((PAGES + 1)) "$DEEP"); do
  last=$("${PSQL[@]}" -F ' ' -c "$(page_sql "$after") offset $((LIMIT - 1))" | head -1)
  [ -z "$last" ] && break
  score=${last#* }; id=${last% *}
  after="and a.trust_score <= $score and (a.trust_score < $score or (a.trust_score = $score and a.id > '$id'))"
done
ms=$("${PSQL[@]}" -c "explain (analyze, format json) $(page_sql "$after")" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["Execution Time"])')
printf 'page %d  %8.3f ms\n' "$((p + 1))" "$ms"
echo "plan of that page:"
"${PSQL[@]}" -c "explain analyze $(page_sql "$after")"
