#!/usr/bin/env bash
# End-to-end backup benchmark of issue [B] (see docs/benchmarks.md): the simulator runs in its own
# process (-Xmx2g); the engine runs a full backup and then one incremental backup per simulated day
# under -Xmx256m. Prints figures; asserts nothing.
# Usage: scripts/bench-backup.sh [--contacts N] [--days D] [--buffer-bytes B] [--parallelism P]
#        [--body-downloads K] [--change-scales F1,F2,...] [--prune-keep-last K]
#        [--keep-store DIR]   (leave the store and its KEK file in DIR)
#        (defaults: 500000 Contacts, 30 days, the store's 64 MB sort buffer for the run, the CLI's
#        parallelism, every day at DayRates.typical(), no prune). BENCH_JAVA_OPTS adds engine JVM
#        options (e.g. a JFR recording: -XX:StartFlightRecording=filename=bench.jfr).
set -euo pipefail
cd "$(dirname "$0")/.."
contacts=500000
days=30
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --contacts) contacts="$2"; shift 2 ;;
    --days) days="$2"; shift 2 ;;
    --buffer-bytes|--parallelism|--body-downloads|--change-scales|--prune-keep-last)
      extra+=("$1" "$2"); shift 2 ;;
    --keep-store) extra+=(--keep-store "$(realpath -m "$2")"); shift 2 ;;
    *) echo "usage: $0 [--contacts N] [--days D] [--buffer-bytes B] [--parallelism P]" \
         "[--body-downloads K] [--change-scales F1,F2,...] [--prune-keep-last K] [--keep-store DIR]" >&2; exit 2 ;;
  esac
done
./mvnw -B -q -pl backup-engine -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
cd backup-engine
# shellcheck disable=SC2086
exec java -Xmx256m ${BENCH_JAVA_OPTS:-} -cp "target/classes:target/test-classes:$(cat target/test.classpath)" \
  io.orgvault.engine.backup.BackupBench \
  --sim-jar ../salesforce-simulator/target/salesforce-simulator.jar \
  --contacts "$contacts" --days "$days" ${extra[@]+"${extra[@]}"}
