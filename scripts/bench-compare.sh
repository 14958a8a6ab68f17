#!/usr/bin/env bash
# Read benchmarks of issue [C] (see docs/benchmarks.md): compare, record history and as-of lookup,
# browse pages, CSV export. Builds the store first with BackupBench (simulator process, one full
# backup and one incremental per simulated day) unless --store names one built before.
# Prints figures; asserts nothing.
# Usage: scripts/bench-compare.sh [--contacts N] [--days D] [--store DIR] [--repeat R]
#        (defaults: 500000 Contacts, 7 days: compare between the full backup and day 7)
set -euo pipefail
cd "$(dirname "$0")/.."
contacts=500000
days=7
store=""
repeat=5
while [ $# -gt 0 ]; do
  case "$1" in
    --contacts) contacts="$2"; shift 2 ;;
    --days) days="$2"; shift 2 ;;
    --store) store="$(realpath -m "$2")"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    *) echo "usage: $0 [--contacts N] [--days D] [--store DIR] [--repeat R]" >&2; exit 2 ;;
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
  io.orgvault.engine.compare.CompareBench --store "$store" --tenant bench --repeat "$repeat"
