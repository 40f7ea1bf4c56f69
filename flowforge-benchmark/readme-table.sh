#!/usr/bin/env bash
# Regenerates the README's speed table ("Speed and memory"): runs the benchmark's seven invocations
# (five paths end to end, two for S3 and arrow-jdbc), keeps each one's output in DIR, and prints the
# table that readme-table.py assembles from them, with the invocations' load averages.
# Usage, from the repository root:  flowforge-benchmark/readme-table.sh [DIR] [ROWS] [RUNS]
# (defaults: target/readme-table, 2,000,000 rows, 3 runs). Needs the local PostgreSQL and MariaDB
# (the benchmark's defaults); --pin needs taskset and the right to move the server's threads.
# Set OFFLINE=-o to build from the local Maven repository only.
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${1:-flowforge-benchmark/target/readme-table}
ROWS=${2:-2000000}
RUNS=${3:-3}
./mvnw -B ${OFFLINE:-} -q package -DskipTests -pl flowforge-benchmark -am
mkdir -p "$DIR"
JAR=flowforge-benchmark/target/flowforge-benchmark.jar
END_TO_END=driver_floor,flowforge_read,flowforge_local,flowforge_local_pipelined
S3=driver_floor,arrow_jdbc,flowforge_s3,flowforge_s3_pipelined
run() {
  local name=$1; shift
  echo "$name: $*" >&2
  java -Xmx256m -jar "$JAR" --rows "$ROWS" --runs "$RUNS" "$@" > "$DIR/$name.log"
}
run copy      --db postgresql --connector postgresql --scenarios "$END_TO_END"
run pgjdbc    --db postgresql --connector postgresql --property flowforge.readMethod=jdbc --scenarios "$END_TO_END"
run generic   --db postgresql --scenarios "$END_TO_END"
run mariadb   --db mariadb --scenarios "$END_TO_END"
run pin       --db postgresql --pin --scenarios "$END_TO_END"
run s3copy    --db postgresql --connector postgresql --scenarios "$S3"
run s3generic --db postgresql --scenarios "$S3"
python3 flowforge-benchmark/readme-table.py "$DIR"
