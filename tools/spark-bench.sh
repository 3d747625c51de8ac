#!/usr/bin/env bash
# Throughput of the Spark score job on local[2] against ./nero score: the same files, the same detector, the same
# machine, one after the other. Prints images/s end to end and after each tool's fixed start-up cost (measured on a
# 6-image run), CPU milliseconds per image (user + sys, and sys alone; fair on a loaded machine: the difference of the
# N-image and 6-image runs ÷ (N − 6)), and checks the rows are identical.
#   tools/spark-bench.sh [N (default 480)] [MODEL (default ../shared/models/mobilenetv2-imagenet-nero.pt)]
# Inputs are links to the Kvasir frames in ../shared/data (decoded for real, each time). The MobileNetV2 detector
# needs 854+ training images (⌊2D/3⌋ = 853 components): fitted once by ./nero fit and kept in target/bench-spark/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-480}"
MODEL="$(realpath "${2:-$ROOT/../shared/models/mobilenetv2-imagenet-nero.pt}")"
FRAMES="$(realpath "$ROOT/../shared/data/kvasir-frames")"
W="$ROOT/target/bench-spark"
say() { echo "spark-bench: $*" >&2; }
[ -f "$MODEL" ] || { say "missing $MODEL"; exit 1; }
mapfile -t JPEGS < <(ls "$FRAMES"/*.jpg | sort)

[ "${NERO_SKIP_BUILD:-0}" = 1 ] || "$ROOT/tools/spark-build.sh" >&2
"$ROOT/nero" --version > /dev/null   # builds the launcher's classpath outside every timing
export SPARK_HOME="$ROOT/spark/target/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
JOB_JAR="$ROOT/spark/target/nero-spark-0.1.0.jar"
NATIVES="$(cat "$ROOT/spark/target/natives.txt")"
JVM_FLAGS="$(sed -n 's:.*<spark.jvm.options>\(.*\)</spark.jvm.options>.*:\1:p' "$ROOT/spark/pom.xml")"

link_frames() {
  local dir="$1" n="$2" i
  rm -rf "$dir" && mkdir -p "$dir"
  for ((i = 0; i < n; i++)); do
    ln -s "${JPEGS[$((i % ${#JPEGS[@]}))]}" "$dir/$(printf '%05d' "$i")-$(basename "${JPEGS[$((i % ${#JPEGS[@]}))]}")"
  done
}
mkdir -p "$W"
DETECTOR="$W/$(basename "${MODEL%.*}").nero"
if [ ! -f "$DETECTOR" ]; then
  for c in a b c; do link_frames "$W/train/$c" 300; link_frames "$W/val/$c" 20; done
  say "fitting $DETECTOR once (900 training images)"
  "$ROOT/nero" fit --model "$MODEL" --train "$W/train" --val "$W/val" --out "$DETECTOR" > /dev/null
fi
link_frames "$W/small" 6
link_frames "$W/score" "$N"

timed() {   # label, command...: wall, user+sys seconds into T_label, C_label
  local label="$1"; shift
  /usr/bin/time -f "%e %U %S" -o "$W/$label.time" "$@" > "$W/$label.log" 2>&1 || { tail -30 "$W/$label.log" >&2; exit 1; }
  read -r wall user sys < "$W/$label.time"
  printf -v "T_$label" '%s' "$wall"
  printf -v "C_$label" '%s' "$(echo "$user + $sys" | bc -l)"
  printf -v "S_$label" '%s' "$sys"
  say "$label: ${wall} s wall, $(echo "$user + $sys" | bc -l) s CPU"
}
cli() { "$ROOT/nero" score --detector "$DETECTOR" --model "$MODEL" --out "$W/$1.csv" "$W/$2"; }
spark() {
  rm -rf "$W/$1"
  # shellcheck disable=SC2086
  java -Xmx2g $JVM_FLAGS -Dai.djl.offline=true -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit \
    --master 'local[2]' --conf spark.ui.enabled=false --conf spark.driver.host=127.0.0.1 \
    --conf spark.driver.bindAddress=127.0.0.1 --jars "$NATIVES" --class nero.spark.ScoreJob "$JOB_JAR" \
    --detector "$DETECTOR" --model "$MODEL" --input "$W/$2" --out "$W/$1" --format csv
}
export -f cli spark
export ROOT W DETECTOR MODEL SPARK_HOME JOB_JAR NATIVES JVM_FLAGS
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
timed cli_small bash -c 'cli cli-small small'
timed cli bash -c 'cli cli score'
timed spark_small bash -c 'spark spark-small small'
timed spark bash -c 'spark spark-out score'

LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$W/cli.csv" "$W/spark-out/scores" <<'PY'
import csv, glob, os, sys
with open(sys.argv[1], newline="") as f:
    cli = list(csv.reader(f))[1:]
rows = []
for part in sorted(glob.glob(os.path.join(sys.argv[2], "part-*.csv"))):
    with open(part, newline="") as f:
        rows += [r[:-2] for r in list(csv.reader(f))[1:]]
same = sum(a == b for a, b in zip(cli, rows))
print(f"spark-bench: rows identical: {same} of {len(cli)} (Spark wrote {len(rows)})")
sys.exit(0 if same == len(cli) == len(rows) else 1)
PY
python3 - <<PY
n = $N
def report(name, t_small, t, c_small, c, s_small, s):
    steady = (n - 6) / (t - t_small) if t > t_small else float("nan")
    print(f"| {name} | {n / t:.1f} | {steady:.1f} | {t_small:.1f} | {(c - c_small) / (n - 6) * 1000:.1f} |"
          f" {(s - s_small) / (n - 6) * 1000:.1f} |")
    return (c - c_small) / (n - 6)
print(f"model $(basename "$MODEL"), {n} Kvasir frames (links), $(nproc) cores; load average before {'$LOAD_BEFORE'}, after {'$LOAD_AFTER'}")
print("| run | img/s end to end | img/s after start-up | start-up s (6 images) | CPU ms per image | of which sys |")
print("|---|---|---|---|---|---|")
cli = report("./nero score", $T_cli_small, $T_cli, $C_cli_small, $C_cli, $S_cli_small, $S_cli)
spark = report("Spark score job, local[2]", $T_spark_small, $T_spark, $C_spark_small, $C_spark, $S_spark_small, $S_spark)
print(f"Spark CPU per image ÷ ./nero score's: {spark / cli:.2f} (target ≤ 1.15)")
PY
