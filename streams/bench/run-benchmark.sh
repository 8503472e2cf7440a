#!/usr/bin/env bash
# The Streams benchmark end to end on a fresh stack: starts Kafka, the registry and Elasticsearch
# (./safehaven up --stack-only) in a fresh data dir, runs org.safehaven.streams.bench.StreamsBenchmark
# with the given arguments, prints the load average before and after, and stops the stack.
# On a shared machine run it inside the heavy lock:  flock /work/heavy.lock streams/bench/run-benchmark.sh --days 7
# BENCH_CLASSES replaces the streams module's class dirs (e.g. a copy of an earlier build to compare).
# BENCH_JAVA_OPTS is passed to the benchmark's JVM (e.g. a JFR recording); BENCH_DATA_DIR overrides the data dir.
# Expects `mvn -q -o -pl streams install -DskipTests` and the test classpath in streams/target/bench.cp
# (mvn -q -o -pl streams dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
data="${BENCH_DATA_DIR:-$(mktemp -d /tmp/safehaven-streams-bench-stack.XXXXXX)}"
# mktemp makes the directory private (0700); Elasticsearch runs as its own user and must reach its data in it.
chmod 755 "$data"
SAFEHAVEN_SKIP_BUILD=1 ./safehaven up --stack-only --data-dir "$data" >"$data.stack.log" 2>&1 &
stack=$!
stop() { kill -INT "$stack" 2>/dev/null || true; wait "$stack" 2>/dev/null || true; }
trap stop EXIT
for _ in $(seq 1 300); do
  [[ -f "$data/stack.json" ]] && break
  kill -0 "$stack" 2>/dev/null || { echo "the stack did not start; see $data.stack.log" >&2; exit 1; }
  sleep 1
done
[[ -f "$data/stack.json" ]] || { echo "no stack.json after 300 s" >&2; exit 1; }
echo "stack up (pid $stack, $data); before: $(uptime)"
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
java -Xmx2g ${BENCH_JAVA_OPTS:-} -cp "${BENCH_CLASSES:-streams/target/test-classes:streams/target/classes}:$(cat streams/target/bench.cp)" \
  org.safehaven.streams.bench.StreamsBenchmark --data-dir "$data" "$@"
echo "after: $(uptime)"
