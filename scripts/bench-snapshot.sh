#!/usr/bin/env bash
# Snapshot benchmark of issue [J] (see docs/benchmarks.md): a full snapshot of a store to S3Proxy
# on local files, the next one with nothing changed, a restore onto an empty volume and its verify.
# Builds the store first with BackupBench (one full backup and D daily incrementals) unless
# --store names one built before. Prints figures; asserts nothing.
# Usage: scripts/bench-snapshot.sh [--contacts N] [--days D] [--store DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
contacts=100000
days=1
store=""
while [ $# -gt 0 ]; do
  case "$1" in
    --contacts) contacts="$2"; shift 2 ;;
    --days) days="$2"; shift 2 ;;
    --store) store="$(realpath -m "$2")"; shift 2 ;;
    *) echo "usage: $0 [--contacts N] [--days D] [--store DIR]" >&2; exit 2 ;;
  esac
done
if [ -z "$store" ] || [ ! -d "$store/volume" ]; then
  if [ -z "$store" ]; then
    store="$(mktemp -d)/store"
  fi
  mkdir -p "$(dirname "$store")"
  scripts/bench-backup.sh --contacts "$contacts" --days "$days" --keep-store "$store"
else
  ./mvnw -B -q -pl backup-engine -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
fi
cd backup-engine
exec java -Xmx256m -cp "target/classes:target/test-classes:$(cat target/test.classpath)" \
  io.orgvault.engine.snapshot.SnapshotBench --store "$store" --tenant bench
