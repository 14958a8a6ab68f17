#!/usr/bin/env bash
# Restore benchmark of issue [D] (see docs/benchmarks.md): a ~10k-record Account hierarchy is
# backed up, deleted and purged, then restored (composite only, then Bulk ingest above 2,000
# records per object). The simulator runs in the same JVM. Prints one JSON line per mode.
# Usage: scripts/bench-restore.sh [--records N]   (default 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl backup-engine -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
cd backup-engine
# shellcheck disable=SC2086
exec java -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "target/classes:target/test-classes:$(cat target/test.classpath)" \
  io.orgvault.engine.restore.RestoreBench "$@"
