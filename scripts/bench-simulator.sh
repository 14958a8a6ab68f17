#!/usr/bin/env bash
# Prints the simulator's generation rate and Bulk API 2.0 CSV serving rate (see docs/benchmarks.md).
# Usage: scripts/bench-simulator.sh [--contacts N] [--max-records N]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl salesforce-simulator -am package -DskipTests
exec java -Xmx2g -cp salesforce-simulator/target/salesforce-simulator.jar io.orgvault.simulator.bench.SimulatorBench "$@"
