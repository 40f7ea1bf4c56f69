#!/usr/bin/env bash
# FlowForge on Spark local[2] vs Spark's own spark.read.jdbc(...).write.parquet(...), and the
# thread-pool engine at parallelism 1/2/4, on a generated PostgreSQL table (SparkBenchmark).
# Usage, from the repository root:  flowforge-spark/spark-benchmark.sh [rows] [partitions] [rounds]
# PostgreSQL from FLOWFORGE_PG_URL / FLOWFORGE_PG_USER (default 127.0.0.1:5432/test, postgres).
# Set OFFLINE=-o to build from the local Maven repository only; MVN_ARGS for any other Maven flags.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B ${OFFLINE:-} ${MVN_ARGS:-} -q install -DskipTests -pl flowforge-spark -am
./mvnw -B ${OFFLINE:-} ${MVN_ARGS:-} -q test-compile dependency:build-classpath -pl flowforge-spark \
    -Dmdep.outputFile=target/spark-bench-classpath.txt -Dmdep.includeScope=test
# The --add-opens flags Spark's launcher adds on Java 17 (the module's tests pass the same).
OPENS=$(sed -n 's:.*<spark.jvm.args>\(.*\)</spark.jvm.args>.*:\1:p' flowforge-spark/pom.xml)
CP=flowforge-spark/target/test-classes:flowforge-spark/target/classes:$(cat flowforge-spark/target/spark-bench-classpath.txt)
echo "before: $(uptime)"
# shellcheck disable=SC2086
flock /tmp/bench.lock java -Xmx2g $OPENS -cp "$CP" io.flowforge.spark.bench.SparkBenchmark "$@"
echo "after: $(uptime)"
