#!/usr/bin/env bash
# Query sandbox latencies of issue [E] (see docs/benchmarks.md): first request of a tenant's query
# sandbox (bubblewrap + JVM start + store open) and warm record-history lookups through it, against
# the same lookups without a sandbox. Needs root and bubblewrap (scripts/ensure-test-deps.sh).
# Prints figures; asserts nothing. Usage: scripts/bench-query.sh [--contacts N] [--requests R]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl sandbox-runner -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
cd sandbox-runner
exec java -Xmx1g -cp "target/classes:target/test-classes:$(cat target/test.classpath)" \
  io.orgvault.sandbox.query.QueryBench "$@"
