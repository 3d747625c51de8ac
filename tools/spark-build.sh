#!/usr/bin/env bash
# Builds the Spark job jar: installs the plugin into the local Maven repository (the job jar depends on it), then
# packages spark/target/nero-spark-0.1.0.jar and writes what running it locally needs:
#   spark/target/spark-home/jars/   links to Spark's Maven jars (a SPARK_HOME for spark-submit without a download)
#   spark/target/natives.txt        the PyTorch native jar(s) to ship beside the job jar (--jars)
# Nothing here is part of the Fiji jar or of the ./nero launcher's class path.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/tools/setup.sh"
OFFLINE=""
[ "${NERO_MAVEN_OFFLINE:-1}" = 1 ] && [ -d "$HOME/.m2/repository/org/apache/spark/spark-sql_2.13" ] && OFFLINE="-o"
cd "$ROOT"
echo "spark-build: installing the plugin jar into the local Maven repository" >&2
mvn -B -q $OFFLINE -Dmaven.test.skip=true install 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2
echo "spark-build: packaging spark/target/nero-spark-0.1.0.jar" >&2
cd "$ROOT/spark"
mvn -B -q $OFFLINE -Dmaven.test.skip=true package 2>&1 | sed 's/\x1b\[[0-9;]*m//g' | grep -v "^\[WARNING\]" >&2 || true
[ -f target/nero-spark-0.1.0.jar ] || { echo "spark-build: the job jar was not built" >&2; exit 1; }
mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/runtime-classpath.txt >/dev/null 2>&1
mvn -B -q $OFFLINE -f spark-home.pom.xml dependency:build-classpath -Dmdep.outputFile=target/spark-classpath.txt \
  >/dev/null 2>&1
tr ':' '\n' < target/runtime-classpath.txt | grep 'pytorch-native' | paste -sd: > target/natives.txt
rm -rf target/spark-home && mkdir -p target/spark-home/jars
{ tr ":" "\n" < target/spark-classpath.txt; echo; } | while read -r jar; do
  [ -n "$jar" ] && ln -sf "$jar" target/spark-home/jars/
done
echo "spark-build: $(ls target/spark-home/jars | wc -l) Spark jars linked under spark/target/spark-home/jars" >&2
