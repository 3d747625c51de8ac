#!/usr/bin/env bash
# A real Spark standalone cluster on this machine, bound to 127.0.0.1 only: starts a master and a worker from the
# Maven jars (no Spark distribution needed), submits the score job with spark-submit, compares its rows with
# `./nero score` on the same files (a copy, with café.jpg and clâss/ölçü.jpg added; the worker runs in the C
# locale), then submits it again and kills its executor (SIGKILL) once the executor holds the model, and stops both
# daemons. Exit 0 when both runs give every row (and every score, as printed) of `./nero score`, each run's output
# ends with its _SUCCESS marker, and no executor left its nero-spark-files-* folder (the killed one's is deleted by
# its successor). Takes 3-5 minutes on 2 cores.
# Usage: tools/spark-cluster-test.sh [INPUT_DIR] (default: sample-data)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
INPUT="$(cd "${1:-$ROOT/sample-data}" && pwd)"
MODEL="$ROOT/sample-data/model/nero-sample.pt"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/nero-spark-cluster.XXXXXX")"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ "${KEEP_WORK:-0}" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT
say() { echo "spark-cluster-test: $*" >&2; }
# File names in any locale: the driver (spark-submit here) runs as ./nero does, in C.UTF-8 under C/POSIX; the worker
# runs in the C locale, as one started by systemd does, so its executors open the input's café.jpg only because the
# job starts them in C.UTF-8 (spark.executorEnv.LC_ALL, nero.spark.ExecutorLocale).
eval "$(sed -n '/^# >>> file names in any locale/,/^# <<< file names in any locale/p' "$ROOT/nero")"
cp -r "$INPUT" "$WORK/input" && INPUT="$WORK/input"
ACCENTED="$(find "$INPUT" -type f -name '*.jpg' | sort | sed -n 1p)"
cp "$ACCENTED" "$INPUT/café.jpg" && mkdir -p "$INPUT/clâss" && cp "$ACCENTED" "$INPUT/clâss/ölçü.jpg"

command -v ss >/dev/null || { say "needs ss (apt-get install iproute2) to check what the daemons listen on"; exit 1; }

# 1. The plugin, the job jar, and a SPARK_HOME/jars made of links to Spark's Maven jars.
[ "${NERO_SKIP_BUILD:-0}" = 1 ] || "$ROOT/tools/spark-build.sh" >&2
JOB_JAR="$ROOT/spark/target/nero-spark-0.1.0.jar"
export SPARK_HOME="$ROOT/spark/target/spark-home"
NATIVES="$(tr ':' '\n' < "$ROOT/spark/target/natives.txt" | grep pytorch-native-cpu)"
export SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
# The module options Spark 4.0 gives its own JVMs (the worker adds them to executors itself).
JVM_FLAGS="$(sed -n 's:.*<spark.jvm.options>\(.*\)</spark.jvm.options>.*:\1:p' "$ROOT/spark/pom.xml")"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
MASTER_PORT="$(free_port)"; MASTER_UI="$(free_port)"; WORKER_UI="$(free_port)"
MASTER="spark://127.0.0.1:$MASTER_PORT"

# 2. Master and worker, 127.0.0.1 only.
say "starting a master on $MASTER and a worker (2 cores, 2 GB)"
# shellcheck disable=SC2086
java -Xmx256m $JVM_FLAGS -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$MASTER_PORT" --webui-port "$MASTER_UI" > "$WORK/master.log" 2>&1 &
PIDS+=($!)
# shellcheck disable=SC2086
LC_ALL=C java -Xmx256m $JVM_FLAGS -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.worker.Worker "$MASTER" \
  --host 127.0.0.1 --webui-port "$WORKER_UI" --cores 2 --memory 2g --work-dir "$WORK/worker" > "$WORK/worker.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 120); do
  grep -q "Successfully registered with master" "$WORK/worker.log" 2>/dev/null && break
  sleep 1
done
grep -q "Successfully registered with master" "$WORK/worker.log" || { say "the worker did not register"; tail -20 "$WORK/worker.log" >&2; exit 1; }
LISTENING="$(ss -Htlnp 2>/dev/null | grep -E "pid=(${PIDS[0]}|${PIDS[1]})," | awk '{print $4}' | sort -u | tr '\n' ' ')"
[ -n "$LISTENING" ] || { say "cannot see the daemons' sockets (ss from iproute2, run as their user)"; exit 1; }
say "daemons listen on: $LISTENING"
if echo "$LISTENING" | tr ' ' '\n' | grep -v '^$' | grep -Eqv '^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):'; then
  say "a daemon listens beyond 127.0.0.1"; exit 1
fi

# 3. A detector fitted by the command line, then the same files scored both ways.
say "fitting a detector with ./nero fit"
"$ROOT/nero" fit --model "$MODEL" --train "$ROOT/sample-data/id/train" --val "$ROOT/sample-data/id/val" \
  --out "$WORK/sample.nero" > /dev/null
say "scoring $INPUT with ./nero score"
CLI_START=$(date +%s.%N)
"$ROOT/nero" score --detector "$WORK/sample.nero" --model "$MODEL" --methods msp,energy,knn \
  --out "$WORK/cli.csv" "$INPUT" > /dev/null 2> "$WORK/cli.err"
CLI_END=$(date +%s.%N)
# The executors' temporary folder (java.io.tmpdir), watched for the model copies they leave.
EXEC_TMP="$WORK/executor-tmp"
mkdir -p "$EXEC_TMP"
submit() {   # NAME: the score job into $WORK/NAME, its output in $WORK/NAME.out/.err
  # shellcheck disable=SC2086
  java -Xmx1g $JVM_FLAGS -Dai.djl.offline=true -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit \
    --master "$MASTER" --deploy-mode client --name "nero-cluster-test-$1" \
    --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 --conf spark.ui.enabled=false \
    --conf spark.executor.memory=1g --conf spark.executor.cores=2 --conf spark.task.cpus=1 \
    --conf "spark.executor.extraJavaOptions=-Dai.djl.offline=true -Djava.io.tmpdir=$EXEC_TMP" \
    --jars "$NATIVES" --class nero.spark.ScoreJob "$JOB_JAR" \
    --detector "$WORK/sample.nero" --model "$MODEL" --methods msp,energy,knn \
    --input "$INPUT" --out "$WORK/$1" --format csv > "$WORK/$1.out" 2> "$WORK/$1.err"
}
say "scoring $INPUT with spark-submit on $MASTER"
SPARK_START=$(date +%s.%N)
submit spark-out || { say "spark-submit failed"; tail -30 "$WORK/spark-out.err" >&2; exit 1; }
SPARK_END=$(date +%s.%N)
cat "$WORK/spark-out.out" >&2

# 4. Same rows in the same order: the Spark table without its two extra columns equals the CLI's CSV.
compare() {   # NAME
python3 - "$WORK/cli.csv" "$WORK/$1/scores" "$WORK/$1/skipped" "$WORK/cli.err" "$WORK/$1/_SUCCESS" <<'PY'
import csv, glob, os, sys
cli_csv, scores_dir, skipped_dir, cli_err, marker = sys.argv[1:]
if not os.path.isfile(marker):
    sys.exit(f"spark-cluster-test: no {marker}: the run did not finish")
def table(d):
    rows, header = [], None
    for part in sorted(glob.glob(os.path.join(d, "part-*.csv"))):
        with open(part, newline="") as f:
            r = list(csv.reader(f))
        if r:
            header = header or r[0]
            rows += r[1:]
    return header, rows
with open(cli_csv, newline="") as f:
    cli = list(csv.reader(f))
header, rows = table(scores_dir)
assert header[-2:] == ["source_file", "item"], header
assert header[:-2] == cli[0], (header, cli[0])
spark = [r[:-2] for r in rows]
same = sum(1 for a, b in zip(cli[1:], spark) if a == b)
print(f"spark-cluster-test: {len(spark)} Spark rows, {len(cli) - 1} CLI rows, {same} identical (text of every column)")
accented = [r[0] for r in spark if r[0].endswith(("/café.jpg", "/clâss/ölçü.jpg"))]
print(f"spark-cluster-test: {len(accented)} of 2 accented file names scored by executors of a C-locale worker")
if len(accented) != 2:
    sys.exit(1)
_, skipped = table(skipped_dir)
print(f"spark-cluster-test: {len(skipped)} skipped input(s) in the Spark table")
for s in skipped:
    print("  skipped:", s)
if same != len(cli) - 1 or len(spark) != len(cli) - 1:
    for i, (a, b) in enumerate(zip(cli[1:], spark)):
        if a != b:
            print("first difference at row", i, "\n  cli:  ", a, "\n  spark:", b)
            break
    sys.exit(1)
with open(marker) as f:
    assert f.read() == f"scores\t{len(spark)}\nskipped\t{len(skipped)}\n", marker
PY
}
compare spark-out
ROWS=$(($(wc -l < "$WORK/cli.csv") - 1))
python3 -c "import sys; r=$ROWS; c=$CLI_END-$CLI_START; s=$SPARK_END-$SPARK_START; print(f'spark-cluster-test: wall clock incl. start-up: ./nero score {c:.1f} s, spark-submit {s:.1f} s for {r} rows (start-up dominates on sample-data; see tools/spark-bench.sh)')"

# 5. An executor killed (SIGKILL, no shutdown hook) while it holds the model: Spark runs its tasks again on the
# executor the worker starts next, which deletes the dead one's folder; the rows stay those of ./nero score.
no_leftovers() {   # waits up to 60 s for the executors' folders to go (an executor exits once its job is done)
  local _
  for _ in $(seq 1 60); do
    [ -z "$(ls -d "$EXEC_TMP"/nero-spark-files-* 2>/dev/null)" ] && return 0
    sleep 1
  done
  say "left behind in the executors' temporary folder: $(ls "$EXEC_TMP")"; return 1
}
no_leftovers
say "no nero-spark-files-* folder left by the executor of the first run"
say "scoring again, killing the executor once it holds the model"
submit spark-killed &
SUBMIT=$!
KILLED=""
while kill -0 "$SUBMIT" 2>/dev/null; do   # however long start-up takes on a loaded machine
  if ls "$EXEC_TMP"/nero-spark-files-*/shipped-*/"$(basename "$MODEL")" > /dev/null 2>&1; then
    KILLED="$(pgrep -P "${PIDS[1]}" java | head -1 || true)"   # the worker's executor, started by this script's worker
    if [ -n "$KILLED" ]; then
      kill -9 "$KILLED"
      break
    fi
  fi
  sleep 0.2
done
wait "$SUBMIT" || { say "spark-submit with a killed executor failed"; tail -30 "$WORK/spark-killed.err" >&2; exit 1; }
[ -n "$KILLED" ] || { say "the executor could not be killed in time (the job ended first)"; exit 1; }
say "executor $KILLED killed with SIGKILL; the job went on"
compare spark-killed
no_leftovers
say "no nero-spark-files-* folder left: the killed executor's was deleted by the next one"
say "OK: the cluster's rows equal ./nero score's, also with an executor killed"
