#!/usr/bin/env bash
# Builds the Spark job jar: installs the plugin into the local Maven repository (the job jar depends on it), then
# packages spark/target/nero-spark-0.1.0.jar and writes what running it locally needs:
#   spark/target/spark-home/jars/   links to Spark's Maven jars (a SPARK_HOME for spark-submit without a download)
#   spark/target/natives.txt        the PyTorch native jar(s) to ship beside the job jar (--jars)
# Nothing here is part of the Fiji jar or of the ./nero launcher's class path.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/tools/setup.sh"
# Maven runs online (a cache filled by other builds may lack what this build pins); NERO_MAVEN_OFFLINE=1 adds -o.
MVN=(mvn -B -q)
[ "${NERO_MAVEN_OFFLINE:-0}" = 1 ] && MVN+=(-o)
# Runs Maven; on success its output less [WARNING] lines (the shade plugin's overlapping-class notes), on failure all
# of it, so the user sees Maven's error.
maven() {
  local log status=0
  log="$(mktemp "${TMPDIR:-/tmp}/nero-spark-build.XXXXXX")"
  "${MVN[@]}" "$@" > "$log" 2>&1 || status=$?
  if [ "$status" -eq 0 ]; then
    grep -v '^\[WARNING\]' "$log" >&2 || true
  else
    cat "$log" >&2
    echo "spark-build: mvn $* failed (exit $status)" >&2
  fi
  rm -f "$log"
  return "$status"
}
cd "$ROOT"
echo "spark-build: installing the plugin jar into the local Maven repository" >&2
maven -Dmaven.test.skip=true install
echo "spark-build: packaging spark/target/nero-spark-0.1.0.jar" >&2
cd "$ROOT/spark"
maven -Dmaven.test.skip=true package
[ -f target/nero-spark-0.1.0.jar ] || { echo "spark-build: the job jar was not built" >&2; exit 1; }
maven dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/runtime-classpath.txt
maven -f spark-home.pom.xml dependency:build-classpath -Dmdep.outputFile=target/spark-classpath.txt
tr ':' '\n' < target/runtime-classpath.txt | grep 'pytorch-native' | paste -sd: > target/natives.txt
rm -rf target/spark-home && mkdir -p target/spark-home/jars
{ tr ":" "\n" < target/spark-classpath.txt; echo; } | while read -r jar; do
  [ -n "$jar" ] && ln -sf "$jar" target/spark-home/jars/
done
echo "spark-build: $(ls target/spark-home/jars | wc -l) Spark jars linked under spark/target/spark-home/jars" >&2
