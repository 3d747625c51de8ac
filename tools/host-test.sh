#!/usr/bin/env bash
# Real-host test of the ImageJ 1 integration: builds the install trees (tools/package-fiji.sh), installs the plugin
# into a fresh ImageJ plugins folder the way docs/fiji.md says (jar in plugins/, dependencies in plugins/jars/), runs
# each example macro in macros/ with Debian's ImageJ under Xvfb (with a timeout), asserts on what they produced, and
# screenshots ImageJ showing a scored image with its overlay.
# Usage: tools/host-test.sh [--smoke-only] [--skip-build]
#   --smoke-only  only check that the commands are installed and report bad input (needs no model or sample data)
# Environment: NERO_SAMPLE_DATA (default: ./sample-data), NERO_HOST_TIMEOUT seconds per ImageJ run (default 300),
#   NERO_HOST_WORK work folder to keep (default: a new temporary folder).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SMOKE_ONLY=0; SKIP_BUILD=0
for a in "$@"; do
  case "$a" in
    --smoke-only) SMOKE_ONLY=1 ;;
    --skip-build) SKIP_BUILD=1 ;;
    *) echo "host-test: unknown option $a" >&2; exit 2 ;;
  esac
done
for tool in imagej xvfb-run xauth import convert; do
  command -v "$tool" >/dev/null || { echo "host-test: missing $tool (apt-get install imagej xvfb xauth imagemagick)" >&2; exit 3; }
done
DATA=$(cd "${NERO_SAMPLE_DATA:-$ROOT/sample-data}" 2>/dev/null && pwd || true)
T=${NERO_HOST_TIMEOUT:-300}
WORK=${NERO_HOST_WORK:-$(mktemp -d /tmp/nero-host.XXXXXX)}
mkdir -p "$WORK"
OUT=$WORK/out
mkdir -p "$OUT"
FAILED=0
fail() { echo "host-test: FAIL $*" >&2; FAILED=1; }
ok() { echo "host-test: ok   $*"; }

if [ "$SKIP_BUILD" = 0 ]; then tools/package-fiji.sh >/dev/null; fi
[ -d target/imagej1-plugins/plugins ] || { echo "host-test: target/imagej1-plugins is missing" >&2; exit 1; }

# A fresh ImageJ home, installed as docs/fiji.md tells plain ImageJ 1 users.
export HOME=$WORK/home
mkdir -p "$HOME/.imagej/plugins"
cp -r target/imagej1-plugins/plugins/. "$HOME/.imagej/plugins/"
# The PyTorch natives are extracted once and reused between runs (DJL never downloads: ai.djl.offline).
export DJL_CACHE_DIR=${DJL_CACHE_DIR:-$ROOT/target/host-test-djl-cache}
mkdir -p "$DJL_CACHE_DIR"

# run_batch NAME MACRO ARG: ImageJ in batch mode under Xvfb; its stdout (the Log in batch mode) goes to NAME.log.
run_batch() {
  local name=$1 macro=$2 arg=$3 rc=0
  timeout "$T" xvfb-run -a imagej -b "$macro" "$arg" >"$WORK/$name.log" 2>&1 || rc=$?
  [ "$rc" = 124 ] && fail "$name: ImageJ did not finish within ${T}s (log: $WORK/$name.log)"
  return 0
}
has() { grep -q -- "$2" "$WORK/$1.log" || { fail "$1: expected '$2' in $WORK/$1.log"; sed 's/^/    | /' "$WORK/$1.log" | tail -20 >&2; return 1; }; }
csv_rows() { [ -f "$1" ] && echo $(( $(wc -l <"$1") - 1 )) || echo 0; }
not_blank() { # PNG with some contrast
  local sd; sd=$(convert "$1" -colorspace Gray -format '%[fx:standard_deviation]' info: 2>/dev/null || echo 0)
  awk -v s="$sd" 'BEGIN { exit !(s > 0.02) }'
}

# 1. Smoke: commands installed from plugins.config; bad input = one clear Log line, macro stopped.
run_batch smoke tools/host-test/smoke.ijm ""
if has smoke "command \[Score Images\] -> nero.fiji.ij1.ScoreImagesPlugin" \
   && has smoke "command \[Evaluate OOD Detection\] -> nero.fiji.ij1.EvaluatePlugin" \
   && has smoke "NERO: detector: no such file /nonexistent/detector.json"; then
  if grep -q "NOT REACHED" "$WORK/smoke.log"; then fail "smoke: the macro went on after a failed command"; else ok "smoke"; fi
fi
if grep -q "Exception" "$WORK/smoke.log"; then fail "smoke: a stack trace was printed"; fi
if [ "$SMOKE_ONLY" = 1 ]; then
  [ "$FAILED" = 0 ] && echo "host-test: smoke passed (work folder $WORK)"; exit $FAILED
fi

[ -n "$DATA" ] && [ -f "$DATA/model/nero-sample.pt" ] || { echo "host-test: no sample data (sample-data/model/nero-sample.pt)" >&2; exit 4; }
ARG="$DATA,$OUT"

# 2. Fit.
run_batch fit macros/fit_detector.ijm "$ARG"
[ -s "$OUT/sample-detector.json" ] && ok "fit: detector written" || { fail "fit: no detector file"; sed 's/^/    | /' "$WORK/fit.log" | tail -20 >&2; }

# 3. Score a folder: one CSV row per image, and the macro saw the same count through nResults.
run_batch score macros/score_folder.ijm "$ARG"
ROWS=$(csv_rows "$OUT/scores.csv")
EXPECTED=$(find "$DATA/id/test" "$DATA/ood" -type f \( -iname '*.png' -o -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.tif' -o -iname '*.tiff' \) | wc -l)
if [ "$ROWS" -ge "$EXPECTED" ] && [ "$EXPECTED" -gt 0 ]; then ok "score: $ROWS rows for $EXPECTED images"; else fail "score: $ROWS CSV rows for $EXPECTED images"; fi
[ -f "$OUT/scores.csv" ] && head -1 "$OUT/scores.csv" | grep -q '^path,predicted_class,confidence,nero_score,distance,bias_term,norm_ratio,nearest_class,threshold,verdict,msp,energy' \
  && ok "score: CSV header" || fail "score: CSV header $(head -1 "$OUT/scores.csv" 2>/dev/null)"
has score "score_folder: nResults=$ROWS " && ok "score: nResults matches the CSV"
OOD_ROWS=$(grep -c ',OOD,' "$OUT/scores.csv" 2>/dev/null || true)
[ "${OOD_ROWS:-0}" -gt 0 ] && ok "score: $OOD_ROWS OOD verdicts" || fail "score: no OOD verdict at all"

# 4. Explain the current image (batch mode).
run_batch explain macros/explain_current_image.ijm "$ARG"
has explain "explain_current_image: .* verdict=\(OOD\|ID\) nero_score=[0-9.-]* overlay=[1-9]" && ok "explain: scored and overlaid"
N_VIEWS=$(find "$OUT/explain" -type f 2>/dev/null | wc -l)
[ "$N_VIEWS" -gt 0 ] && ok "explain: $N_VIEWS view files" || fail "explain: no view files in $OUT/explain"

# 5. Evaluate: metrics.csv with NERO, non-blank ROC and histogram.
run_batch evaluate macros/evaluate.ijm "$ARG"
grep -q '^nero,' "$OUT/evaluation/metrics.csv" 2>/dev/null && ok "evaluate: metrics.csv has nero" || fail "evaluate: no nero row in metrics.csv"
has evaluate "evaluate: nero auroc=0\.[0-9]\{4\}\|evaluate: nero auroc=1\.0000" && ok "evaluate: macro read the metrics table"
for png in roc.png histogram.png; do
  not_blank "$OUT/evaluation/$png" && ok "evaluate: $png not blank" || fail "evaluate: $png missing or blank"
done

# 6. GUI: ImageJ with its windows, the scored image with its overlay; screenshot when the macro is done.
SHOT=$ROOT/target/host-test-screenshot.png
cat >"$WORK/gui.sh" <<SH
#!/bin/bash
imagej -m "$ROOT/tools/host-test/gui.ijm" "$ROOT/macros/explain_current_image.ijm,$DATA,$OUT" >"$WORK/gui.log" 2>&1 &
for i in \$(seq 1 $T); do [ -f "$OUT/gui.done" ] && break; sleep 1; done
sleep 2   # let the windows paint
import -window root "$SHOT"
xwininfo -root -tree | grep '"' >"$WORK/gui-windows.txt" || true
pkill -P \$\$ || true
SH
chmod +x "$WORK/gui.sh"
rm -f "$OUT/gui.done"
timeout $((T + 30)) xvfb-run -a -s "-screen 0 1280x900x24" "$WORK/gui.sh" || true
[ -f "$OUT/gui.done" ] && ok "gui: macro finished with windows open" || fail "gui: macro did not finish (log: $WORK/gui.log)"
not_blank "$SHOT" && ok "gui: screenshot $SHOT is not blank" || fail "gui: screenshot missing or blank"
grep -qi 'Results' "$WORK/gui-windows.txt" 2>/dev/null && ok "gui: Results window open" || fail "gui: no Results window ($(cat "$WORK/gui-windows.txt" 2>/dev/null | head -5))"
# ImageJ 1.53 numbers the rows of the Results window; the headings must get that column too, not start in it.
ALIGNED=$(sed -n 's/^done heading_tabs=\([0-9]*\) row_tabs=\([0-9]*\)$/\1 \2/p' "$OUT/gui.done" 2>/dev/null)
[ -n "$ALIGNED" ] && [ "${ALIGNED% *}" = "${ALIGNED#* }" ] && ok "gui: Results headings over their values (${ALIGNED% *} tabs in the headings and in the first row)" \
  || fail "gui: Results headings and values out of line ($(cat "$OUT/gui.done" 2>/dev/null))"

[ "$FAILED" = 0 ] && echo "host-test: all passed (work folder $WORK, screenshot $SHOT)"
exit $FAILED
