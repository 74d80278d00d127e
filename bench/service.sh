# Shared by bench/run, bench/ab and bench/profile (sourced, not run): the service built, loaded, started, seeded and
# measured the same way in all three. The caller sets ROOT (the repository), OUT (the results folder), LOG, BASE and
# PORT, BENCH_PGHOST, BENCH_DB, ADMIN_PASSWORD, DEDUP_WINDOW and RUN, and defines log and phase; start_service sets
# SERVICE_PID.

# autovacuum_on: a production PostgreSQL vacuums and analyses as tables grow (autovacuum is on by default). A server
# configured without it (as on the CI machines) keeps stale statistics and no visibility map while the flood inserts
# thousands of rows, so the entity-history and sealing statements get slower with every minute of the run: measured
# that way, the figures would describe the server's configuration more than Arbiter. The benchmark turns autovacuum on
# for its duration (ALTER SYSTEM; the setting cannot be made per database) and autovacuum_reset puts it back on exit.
# make_corpus <folder>: the alerts, inventory and feeds every load uses (bench/corpus.py); its summary beside it, in
# <folder>.json. One size for every tool, so that their figures compare
make_corpus() {
  python3 "$ROOT/bench/corpus.py" --out "$1" --count 5000 > "$1.json"
}

# package_service <source folder>: the service packaged into <source folder>/target/quarkus-app, for PostgreSQL, which
# is a build-time choice of Quarkus (README, Configuration)
package_service() {
  mvn -B -q -f "$1/pom.xml" -DskipTests package -Dquarkus.datasource.db-kind=postgresql >> "$LOG" 2>&1
}

AUTOVACUUM_TURNED_ON=false
autovacuum_on() {
  AUTOVACUUM=$(psql -h "$BENCH_PGHOST" -U postgres -d postgres -At -c "SHOW autovacuum")
  if [ "$AUTOVACUUM" != on ] && [ "${BENCH_KEEP_AUTOVACUUM_OFF:-false}" != true ]; then
    psql -q -h "$BENCH_PGHOST" -U postgres -d postgres -c "ALTER SYSTEM SET autovacuum = on" -c "SELECT pg_reload_conf()" >> "$LOG" 2>&1
    AUTOVACUUM_TURNED_ON=true
    log "PostgreSQL had autovacuum off; on for this run, reset at the end"
  fi
}
autovacuum_reset() {
  if $AUTOVACUUM_TURNED_ON; then
    psql -q -h "$BENCH_PGHOST" -U postgres -d postgres -c "ALTER SYSTEM RESET autovacuum" -c "SELECT pg_reload_conf()" > /dev/null 2>&1 || true
    AUTOVACUUM_TURNED_ON=false
  fi
}

fresh_database() {
  psql -q -h "$BENCH_PGHOST" -U postgres -d postgres -c "DROP DATABASE IF EXISTS $BENCH_DB" -c "CREATE DATABASE $BENCH_DB" >> "$LOG" 2>&1
}

# start_service <quarkus-app folder> [JVM options…]: the packaged service on $BENCH_DB with the floor endpoint on;
# returns once /q/health/ready answers. Extra environment for the service: BENCH_SERVICE_ENV ("NAME=value …").
start_service() {
  local app=$1; shift
  # on two cores the serial collector keeps ~45 MB less bookkeeping than G1 and did no worse; a young generation of
  # 64 MB instead of the default third of the heap keeps ~70 MB fewer pages resident; a small initial heap lets the
  # collector give memory back after a full collection, and trimming returns what the JIT's compilers freed to the
  # system every 5 s (bench/README.md)
  # shellcheck disable=SC2086 # BENCH_SERVICE_ENV and BENCH_JAVA_OPTS are lists of words
  env QUARKUS_HTTP_PORT="$PORT" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$BENCH_PGHOST:5432/$BENCH_DB" \
    QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD= \
    ARBITER_BENCH_FLOOR_ENABLED=true \
    ARBITER_DEDUP_WINDOW="$DEDUP_WINDOW" \
    ARBITER_SECURITY_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" \
    ${BENCH_SERVICE_ENV:-} \
    java ${BENCH_JAVA_OPTS:--Xms96m -Xmx384m -Xmn64m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=5000} "$@" \
      -jar "$app/quarkus-run.jar" > "$OUT/service.log" 2>&1 &
  SERVICE_PID=$!
  until curl -sf -o /dev/null "$BASE/q/health/ready"; do
    kill -0 "$SERVICE_PID" 2>/dev/null || { log "service died; see $OUT/service.log"; exit 1; }
    sleep 0.05
  done
}

stop_service() {
  if [ -n "${SERVICE_PID:-}" ] && kill -0 "$SERVICE_PID" 2>/dev/null; then kill "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true; fi
  SERVICE_PID=
}

# seed_service <key name>: the corpus's inventory and the vulnerability feeds, as an administrator; prints an ingest
# API key for the load
seed_service() {
  local admin=(curl -sf -u "admin:$ADMIN_PASSWORD")
  "${admin[@]}" -H 'Content-Type: text/csv' --data-binary @"$OUT/corpus/assets.csv" "$BASE/api/v1/assets/import" > /dev/null
  "${admin[@]}" -H 'Content-Type: text/csv' --data-binary @"$OUT/corpus/identities.csv" "$BASE/api/v1/identities/import" > /dev/null
  "${admin[@]}" -H 'Content-Type: text/csv' --data-binary @"$OUT/corpus/indicators.csv" "$BASE/api/v1/indicators/import" > /dev/null
  "${admin[@]}" -H 'Content-Type: application/json' --data-binary @src/test/resources/vulnerabilities/kev-catalog.json "$BASE/api/v1/vulnerabilities/kev" > /dev/null
  "${admin[@]}" -H 'Content-Type: text/csv' --data-binary @src/test/resources/vulnerabilities/epss-scores.csv "$BASE/api/v1/vulnerabilities/epss" > /dev/null
  "${admin[@]}" -H 'Content-Type: application/json' --data-binary @src/test/resources/vulnerabilities/ssvc-options.json "$BASE/api/v1/vulnerabilities/ssvc" > /dev/null
  "${admin[@]}" -H 'Content-Type: application/json' -d '{"name": "'"$1"'", "roles": ["ingest"]}' "$BASE/api/v1/api-keys" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])'
}

# user + system CPU ticks of the given processes (those still alive)
cpu_ticks() { local total=0 pid; for pid in "$@"; do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0))); done; echo "$total"; }

# user + system CPU ticks of the PostgreSQL server: every live process's, plus what the postmaster's exited children
# spent (cutime + cstime, added as it reaps them). Live processes alone undercount: a backend or an autovacuum worker
# that exits within a phase would take its ticks with it, and the sum could even fall.
postgres_ticks() {
  local postmaster; postmaster=$(pgrep -o -x postgres) || { echo 0; return; }
  echo $(( $(cpu_ticks $(pgrep -d' ' -x postgres)) + $(awk '{print $16 + $17}' "/proc/$postmaster/stat" 2>/dev/null || echo 0) ))
}

# cpu_now: user + system CPU ticks of the service's JVM and of the PostgreSQL server, as "<java> <postgres>"
cpu_now() { echo "$(cpu_ticks "$SERVICE_PID") $(postgres_ticks)"; }

# database_counters: the service database's committed transactions and the server's WAL position in bytes ("" when
# PostgreSQL does not answer). Every statement outside a transaction is a transaction of its own to PostgreSQL, so the
# commits count reads made outside the storing transaction too.
database_counters() {
  psql -h "$BENCH_PGHOST" -U postgres -d "$BENCH_DB" -At -F' ' -c "select xact_commit,
      pg_current_wal_lsn() - '0/0'::pg_lsn from pg_stat_database where datname = current_database()" 2>/dev/null || true
}

# group_commit: the service's group-commit counters from /q/metrics, as "<transactions> <writes>" ("" when the build
# has no such metrics); with dedup off, as here by default, a write is one alert
group_commit() {
  curl -s --max-time 5 "$BASE/q/metrics" 2>/dev/null | awk '/^arbiter_group_commit_transactions_total /{t = $2}
      /^arbiter_group_commit_writes_total /{a = $2} END {if (t != "" && a != "") printf "%d %d\n", t, a}' || true
}

# trace_start <name> / trace_stop: with BENCH_TRACE=1, what else happens during a load phase, sampled once a second
# into $OUT/trace-<name>.tsv, to be read beside the phase's timeline of slow answers (wrk-<name>.json, "timeline"):
# the JVM's collections (count and seconds paused, /q/metrics), the sealer's backlog, the group commit's transactions
# and writes, requests waiting for a connection; PostgreSQL's checkpoints (timed + requested), the buffers they wrote
# and what the checkpointer waits on (CheckpointWriteDelay while it spreads one), client backends waiting on a lock and
# on a light-weight lock or I/O, and the tables autovacuum is working on. A sample costs one scrape (three
# count(*)) and one psql; bench/trace-report prints the slow seconds with what they overlapped.
TRACE_PID=
trace_start() {
  [ "${BENCH_TRACE:-0}" = 1 ] || return 0
  local file=$OUT/trace-$1.tsv
  printf 'second\tgcPauses\tgcSeconds\tunsealed\tgroupTransactions\tgroupWrites\tawaitingConnection\tcheckpoints\tcheckpointBuffers\tcheckpointer\tlockWaits\tioWaits\tautovacuum\n' > "$file"
  (
    while :; do
      local second metrics database
      second=$(date +%s)
      # label values have spaces ("end of minor GC"): the value is the last field
      metrics=$(curl -s --max-time 0.9 "$BASE/q/metrics" | awk '
          /^jvm_gc_pause_seconds_count/ {pauses += $NF} /^jvm_gc_pause_seconds_sum/ {paused += $NF}
          /^arbiter_audit_unsealed / {unsealed = $NF} /^arbiter_group_commit_transactions_total / {tx = $NF}
          /^arbiter_group_commit_writes_total / {writes = $NF} /^agroal_awaiting_count/ {awaiting += $NF}
          END {printf "%d\t%.3f\t%s\t%d\t%d\t%d", pauses, paused, unsealed == "" ? "-" : unsealed, tx, writes, awaiting}')
      database=$(psql -h "$BENCH_PGHOST" -U postgres -d "$BENCH_DB" -At -F $'\t' -c "select
          (select checkpoints_timed + checkpoints_req from pg_stat_bgwriter),
          (select buffers_checkpoint from pg_stat_bgwriter),
          (select coalesce(max(wait_event), '-') from pg_stat_activity where backend_type = 'checkpointer'),
          count(*) filter (where backend_type = 'client backend' and wait_event_type = 'Lock'),
          count(*) filter (where backend_type = 'client backend' and wait_event_type in ('LWLock', 'IO')),
          coalesce(string_agg(regexp_replace(query, '^autovacuum: ', ''), ', ')
                   filter (where backend_type = 'autovacuum worker' and query <> ''), '-')
          from pg_stat_activity" 2>/dev/null)
      [ -n "$database" ] || database=$'-\t-\t-\t-\t-\t-'
      printf '%s\t%s\t%s\n' "$second" "$metrics" "$database" >> "$file"
      sleep "$(date +%N | awk '{printf "%.3f", 1 - $1 / 1e9}')" # to the start of the next second
    done
  ) &
  TRACE_PID=$!
}
trace_stop() {
  if [ -n "$TRACE_PID" ]; then kill "$TRACE_PID" 2>/dev/null; wait "$TRACE_PID" 2>/dev/null || true; fi
  TRACE_PID=
}

# load <name> <path> <rate, 0 = max> <seconds> [api key]
load() {
  local name=$1 path=$2 rate=$3 seconds=$4 key=${5:-} threads connections
  if [ "$rate" -gt 0 ]; then threads=64; connections=64; else threads=32; connections=32; fi
  echo "$name" > "$OUT/.phase"
  phase "service: $name"
  local java0 pg0 java1 pg1 db0 db1 gc0 gc1
  gc0=$(group_commit); db0=$(database_counters); read -r java0 pg0 <<< "$(cpu_now)"
  trace_start "$name"
  wrk -t$threads -c$connections -d${seconds}s --timeout 10s -s bench/wrk/arbiter.lua "$BASE$path" -- \
    "$OUT/corpus/corpus.tsv" "$rate" "$OUT/wrk-$name.json" "$key" "$threads" "$name-$RUN" >> "$LOG" 2>&1
  trace_stop
  read -r java1 pg1 <<< "$(cpu_now)"; db1=$(database_counters); gc1=$(group_commit)
  python3 - "$OUT/wrk-$name.json" "$(cut -d' ' -f1-3 /proc/loadavg)" $((java1 - java0)) $((pg1 - pg0)) "$(getconf CLK_TCK)" \
    "$db0" "$db1" "$gc0" "$gc1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); r["loadAfter"] = sys.argv[2]
# CPU the service's JVM and PostgreSQL (all its processes) spent during the phase, per completed request
tick_ms = 1000 / int(sys.argv[5])
r["cpuJavaMs"], r["cpuPostgresMs"] = int(sys.argv[3]) * tick_ms, int(sys.argv[4]) * tick_ms
if r["completed"]:
    r["cpuMsPerRequest"] = {"java": r["cpuJavaMs"] / r["completed"], "postgres": r["cpuPostgresMs"] / r["completed"]}
# the database's committed transactions and the WAL written during the phase (the whole server's WAL), per request;
# the WAL positions too, for reading that WAL (bench/profile)
if r["completed"] and sys.argv[6] and sys.argv[7]:
    (commits0, wal0), (commits1, wal1) = (map(int, sys.argv[i].split()) for i in (6, 7))
    r["walFrom"], r["walTo"] = wal0, wal1
    r["commitsPerRequest"] = (commits1 - commits0) / r["completed"]
    r["walBytesPerRequest"] = (wal1 - wal0) / r["completed"]
# the group commit's transactions during the phase and what they wrote (/q/metrics): the average batch, in alerts
# with dedup off
if sys.argv[8] and sys.argv[9]:
    (tx0, writes0), (tx1, writes1) = (map(int, sys.argv[i].split()) for i in (8, 9))
    if tx1 > tx0:
        r["writesPerGroupCommit"] = (writes1 - writes0) / (tx1 - tx0)
json.dump(r, open(sys.argv[1], "w"))
PY
}

