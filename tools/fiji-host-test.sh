#!/usr/bin/env bash
# Real-Fiji test: installs NERO into a temporary COPY of the Fiji given (tools/install-fiji.sh), then, in that Fiji,
#  - headless: every macro in macros/, an ONNX model fitted and scored, the README's macro lines (paths mapped onto
#    sample-data/), a table check
#    (nResults, getResult, getResultString, Table.*), a bad-input smoke check and a BeanShell script that calls a
#    command through CommandService;
#  - GUI under Xvfb: score + explain the current image and evaluate, screenshot (target/fiji-host-test.png); the
#    Score Images dialog from the menu (screenshot target/fiji-host-dialog.png), filled in and recorded, and the
#    recorded line replayed headless; bad input from a macro (one dialog, no trace); two long runs, each stopped with
#    Esc (in the image window, in the main window) while the status bar shows their progress;
#  - stacks and videos frame by frame, NERO Live headless and in the GUI, screenshots target/fiji-host-live.png and
#    target/fiji-host-stack.png (tools/fiji-host/frames.sh);
#  - uninstall: jars/ and plugins/ are byte for byte what they were, and Fiji starts as before.
# Every run is checked for ignored outputs, cancelled commands and stack traces. The Fiji given is never changed.
# Usage: tools/fiji-host-test.sh FIJI_DIR [--skip-build] [--headless-only]
# Environment: NERO_SAMPLE_DATA (default ./sample-data), NERO_FIJI_TIMEOUT seconds per Fiji run (default 240),
#   NERO_FIJI_WORK work folder to keep (default: a new temporary folder), DJL_CACHE_DIR (default
#   target/host-test-djl-cache). Needs java (17), xvfb-run, xauth, xdotool, ImageMagick (import, convert).
# No 'set -e': every check reports and the run goes on; setup steps exit explicitly.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
FIJI_SRC=; SKIP_BUILD=0; HEADLESS_ONLY=0
for a in "$@"; do
  case "$a" in
    --skip-build) SKIP_BUILD=1 ;;
    --headless-only) HEADLESS_ONLY=1 ;;
    -*) echo "fiji-host-test: unknown option $a" >&2; exit 2 ;;
    *) FIJI_SRC=$a ;;
  esac
done
[ -n "$FIJI_SRC" ] || { echo "usage: tools/fiji-host-test.sh FIJI_DIR [--skip-build] [--headless-only]" >&2; exit 2; }
FIJI_SRC=$(cd "$FIJI_SRC" && pwd)
ls "$FIJI_SRC"/jars/ij-*.jar >/dev/null 2>&1 || { echo "fiji-host-test: $FIJI_SRC is not a Fiji folder (no jars/ij-*.jar)" >&2; exit 2; }
for tool in java javac jar xvfb-run xauth xdotool xwininfo import convert; do
  command -v "$tool" >/dev/null || { echo "fiji-host-test: missing $tool (apt-get install openjdk-17-jdk xvfb xauth xdotool x11-utils imagemagick)" >&2; exit 3; }
done
DATA=$(cd "${NERO_SAMPLE_DATA:-$ROOT/sample-data}" 2>/dev/null && pwd || true)
[ -n "$DATA" ] && [ -f "$DATA/model/nero-sample.pt" ] || { echo "fiji-host-test: no sample data (sample-data/model/nero-sample.pt)" >&2; exit 4; }
T=${NERO_FIJI_TIMEOUT:-240}
WORK=${NERO_FIJI_WORK:-$(mktemp -d /tmp/nero-fiji.XXXXXX)}
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
OUT=$WORK/out; PROBE=$WORK/probe; FIJI=$WORK/Fiji.app
rm -rf "$OUT" "$PROBE" "$FIJI"; mkdir -p "$OUT" "$PROBE"
export DJL_CACHE_DIR=${DJL_CACHE_DIR:-$ROOT/target/host-test-djl-cache}
mkdir -p "$DJL_CACHE_DIR"
FAILED=0
fail() { echo "fiji-host-test: FAIL $*" >&2; FAILED=1; }
ok() { echo "fiji-host-test: ok   $*"; }
show() { sed 's/^/    | /' "$1" | tail -${2:-25} >&2; }

if [ "$SKIP_BUILD" = 0 ]; then tools/package-fiji.sh >/dev/null || exit 1; fi
[ -d target/fiji-overlay/plugins ] || { echo "fiji-host-test: target/fiji-overlay is missing (tools/package-fiji.sh)" >&2; exit 1; }

# The Fiji under test is a copy; the probe (a test helper that watches the status bar, Log and recorder) is
# compiled against that Fiji's ImageJ and lives only in the copy.
cp -a "$FIJI_SRC" "$FIJI" || exit 1
mkdir -p "$WORK/probe-classes"
javac -nowarn -d "$WORK/probe-classes" -cp "$(ls "$FIJI"/jars/ij-*.jar | head -1)" tools/fiji-host/NeroHostProbe.java || exit 1
jar cf "$WORK/NERO_Host_Probe.jar" -C "$WORK/probe-classes" . || exit 1
snapshot() { (cd "$FIJI" && find jars plugins -type f -print0 | sort -z | xargs -0 md5sum); }

# $WORK/fiji.sh ARGS...: Fiji as its launcher starts it (every jar under jars/ and plugins/ on the class path, the
# Java 17 options from the notes); headless Fiji writes the Log to stdout.
# HOME and the temporary folder are the work folder's: no preferences or single-instance stub of another Fiji.
mkdir -p "$WORK/home" "$WORK/tmp"
cat >"$WORK/fiji.sh" <<SH
#!/bin/bash
cd "$WORK"
export HOME="$WORK/home"
CP=\$(find "$FIJI/jars" "$FIJI/plugins" -type d | sed 's:\$:/*:' | paste -sd: -)
exec java -Xmx2g --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.desktop/sun.awt.X11=ALL-UNNAMED --add-opens=java.desktop/sun.awt=ALL-UNNAMED -Dplugins.dir="$FIJI/plugins" -Dimagej.dir="$FIJI" \\
  -Dai.djl.offline=true -DDJL_CACHE_DIR="$DJL_CACHE_DIR" -Djava.io.tmpdir="$WORK/tmp" -cp "\$CP" net.imagej.Main "\$@"
SH
chmod +x "$WORK/fiji.sh"
headless() { # NAME MACRO ARG
  local rc=0 macro=$2
  [[ $macro = /* ]] || macro=$ROOT/$macro
  timeout "$T" "$WORK/fiji.sh" --headless -macro "$macro" "$3" >"$WORK/$1.log" 2>&1 || rc=$?
  [ "$rc" = 124 ] && fail "$1: Fiji did not finish within ${T}s (log: $WORK/$1.log)"
  return 0
}
has() { grep -q -- "$2" "$WORK/$1.log" || { fail "$1: expected '$2' in $WORK/$1.log"; show "$WORK/$1.log"; return 1; }; }
# What no run may print: an output Fiji could not display, a cancelled command, a stack trace, a second SLF4J binding,
# DJL's start-up chatter (each line pops up Fiji's Console, which takes the keyboard focus).
clean() { # NAME [allow-cancel]
  local f=$WORK/$1.log bad
  bad=$(grep -n -E 'Ignoring unsupported output|Macro Error|multiple SLF4J bindings|SLF4J: Class path contains|Found matching platform|Simple repository pointing|Number of (inter|intra)-op threads|graph executor optimizer|^[[:space:]]+at [a-zA-Z_$.]+\(|Exception in thread|^Caused by:' "$f" | head -5 || true)
  if [ "${2:-}" != allow-cancel ]; then
    bad+=$(grep -n -E 'Canceling command|Command canceled|was canceled' "$f" | head -3 || true)
  fi
  if [ -n "$bad" ]; then fail "$1: $bad"; else ok "$1: no ignored output, cancel, stack trace or library chatter"; fi
}
csv_rows() { [ -f "$1" ] && echo $(( $(wc -l <"$1") - 1 )) || echo 0; }
not_blank() {
  local sd; sd=$(convert "$1" -colorspace Gray -format '%[fx:standard_deviation]' info: 2>/dev/null || echo 0)
  awk -v s="$sd" 'BEGIN { exit !(s > 0.02) }'
}
startup_signature() { # the startup line and Fiji's own errors and warnings, without times and addresses
  { grep '^startup:' "$1"; grep -E '^\[(ERROR|WARNING)\]' "$1" | sed -E 's/[0-9a-f]{6,}//g' | sort -u; } || true
}

# 1. Fiji as it was given: how it starts, and its jars.
headless pristine tools/fiji-host/startup.ijm ""
grep -q '^startup: imagej=' "$WORK/pristine.log" && ok "pristine Fiji starts headless" || { fail "pristine Fiji did not start"; show "$WORK/pristine.log"; exit 1; }
grep -q 'score_images=\[\]' "$WORK/pristine.log" || fail "pristine Fiji already has a Score Images command"
snapshot >"$WORK/pristine.md5"

# 2. Install (what it adds, keeps and replaces is in install.log).
NERO_SKIP_BUILD=1 tools/install-fiji.sh "$FIJI" >"$WORK/install.log" 2>&1 || { fail "install-fiji.sh failed"; show "$WORK/install.log"; exit 1; }
grep -E '^  (added|replaced|kept|WARNING)' "$WORK/install.log" | sed 's/^/    install: /'
SLF4J_API=$(find "$FIJI/jars" -name 'slf4j-api-*.jar' | wc -l)
SLF4J_BIND=$(find "$FIJI/jars" -name 'slf4j-simple-*.jar' -o -name 'slf4j-*binding*.jar' | wc -l)
[ "$SLF4J_API" = 1 ] && [ "$SLF4J_BIND" = 0 ] && ok "install: one slf4j-api, no added SLF4J binding" || fail "install: $SLF4J_API slf4j-api jars, $SLF4J_BIND added bindings"
cp "$WORK/NERO_Host_Probe.jar" "$FIJI/plugins/"

# 3. Headless: smoke, the example macros, the table check, the README's lines, a script.
headless startup tools/fiji-host/startup.ijm ""
has startup 'score_images=\[.\+\]' && ok "installed: the commands are in Fiji's menu ($(grep -o 'score_images=\[[^]]*\]' "$WORK/startup.log"))"

headless smoke tools/fiji-host/smoke.ijm ""
has smoke "NERO: detector: no such file /nonexistent/detector.json" && ok "smoke: bad input reported in one line"
grep -q "NOT REACHED" "$WORK/smoke.log" && fail "smoke: the macro went on after a failed command"
clean smoke allow-cancel

ARG="$DATA,$OUT"
headless fit macros/fit_detector.ijm "$ARG"
[ -s "$OUT/sample-detector.json" ] && ok "fit: detector written" || { fail "fit: no detector file"; show "$WORK/fit.log"; exit 1; }
has fit "NERO detector fitted on 180 training image" && ok "fit: summary in the Log"
clean fit

headless score macros/score_folder.ijm "$ARG"
ROWS=$(csv_rows "$OUT/scores.csv")
EXPECTED=$(find "$DATA/id/test" "$DATA/ood" -type f \( -iname '*.png' -o -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.tif' -o -iname '*.tiff' \) | wc -l)
[ "$ROWS" = "$EXPECTED" ] && ok "score: $ROWS CSV rows for $EXPECTED images" || fail "score: $ROWS CSV rows for $EXPECTED images"
has score "score_folder: nResults=$ROWS " && ok "score: nResults = CSV rows"
has score "scored $ROWS image(s)" && ok "score: summary in the Log"
clean score

headless explain macros/explain_current_image.ijm "$ARG"
has explain "explain_current_image: .* verdict=\(OOD\|ID\) nero_score=[0-9.-]* overlay=[1-9]" && ok "explain: the current image scored and overlaid"
N_VIEWS=$(find "$OUT/explain" -type f 2>/dev/null | wc -l)
[ "$N_VIEWS" -ge 10 ] && ok "explain: $N_VIEWS view files" || fail "explain: $N_VIEWS view files in $OUT/explain"
clean explain

headless evaluate macros/evaluate.ijm "$ARG"
grep -q '^nero,' "$OUT/evaluation/metrics.csv" 2>/dev/null && ok "evaluate: metrics.csv has nero" || fail "evaluate: no nero row in $OUT/evaluation/metrics.csv"
has evaluate "evaluate: nero auroc=[01]\.[0-9]\{4\}" && ok "evaluate: the macro read the metrics table"
N_METHODS=$(grep -c "^evaluate: [a-z]* auroc=" "$WORK/evaluate.log" || true)
[ "$N_METHODS" -ge 12 ] && ok "evaluate: $N_METHODS methods in the Results table" || fail "evaluate: $N_METHODS methods in the Results table (12 expected)"
for png in roc.png histogram.png; do
  not_blank "$OUT/evaluation/$png" && ok "evaluate: $png not blank" || fail "evaluate: $png missing or blank"
done
clean evaluate

headless tables tools/fiji-host/tables.ijm "$ARG"
CSV_HEADER=$(head -1 "$OUT/tables-scores.csv" 2>/dev/null || echo none)
has tables "tables: score headings=$CSV_HEADER\$" && ok "tables: Results headings = CSV header ($CSV_HEADER)"
CSV_ROW0=$(sed -n 2p "$OUT/tables-scores.csv" 2>/dev/null | cut -d, -f1,2,8,10)
TABLE_ROW0=$(sed -n 's/^tables: score row0=//p' "$WORK/tables.log" | cut -d, -f1,2,8,10)
[ -n "$CSV_ROW0" ] && [ "$CSV_ROW0" = "$TABLE_ROW0" ] && ok "tables: row 0 text columns as in the CSV" || fail "tables: row 0 [$TABLE_ROW0] vs CSV [$CSV_ROW0]"
N_BLEEDING=$(find "$DATA/ood/bleeding" -type f | wc -l)
has tables "tables: score nResults=$N_BLEEDING Table.size=$N_BLEEDING title=Results" && ok "tables: nResults = Table.size = $N_BLEEDING, title Results"
grep -E "tables: score nero_score0=([0-9.]+) Table.get=\1 verdict0=(OOD|ID) Table.getString=\2" "$WORK/tables.log" >/dev/null \
  && ok "tables: getResult/getResultString agree with Table.get/Table.getString" || { fail "tables: getResult vs Table.*"; show "$WORK/tables.log" 8; }
has tables "tables: evaluate nResults=3 headings=method,auroc,fpr95,aupr_in,aupr_out method0=nero auroc0=" && ok "tables: the metrics table replaces the score table"
has tables "tables: done"
clean tables

# Videos inside Fiji: FFmpeg's natives load in Fiji's JVM (an interlaced H.264 clip, which the pure-Java fallback
# refuses, gives stills) and the decoder is named once in the Log.
if command -v ffmpeg >/dev/null; then
  ffmpeg -v error -y -f lavfi -i testsrc2=size=720x576:rate=25 -t 3 -c:v libx264 -flags +ildct+ilme -x264opts tff=1 \
    -pix_fmt yuv420p "$WORK/interlaced.mp4"
  cat >"$WORK/video.ijm" <<IJM
run("Score Images", "detector=[$OUT/sample-detector.json] input=[$DATA/video/cecum-to-polyp.mp4:$WORK/interlaced.mp4] video_step=1s");
n = 0; for (i = 0; i < nResults; i++) if (indexOf(getResultString("path", i), "interlaced.mp4#frame=") >= 0) n++;
print("video: nResults=" + nResults + " interlaced=" + n);
IJM
  headless video "$WORK/video.ijm" ""
  has video "NERO: video decoding with FFmpeg" && ok "video: FFmpeg decodes inside Fiji ($(grep -o 'FFmpeg [0-9.]*' "$WORK/video.log" | head -1))"
  has video "video: nResults=[1-9][0-9]* interlaced=3$" && ok "video: $(grep -o 'nResults=[0-9]* interlaced=3' "$WORK/video.log") stills (3 from the interlaced clip)"
  clean video
else
  echo "fiji-host-test: SKIPPED the video check (no ffmpeg to make the interlaced clip)"
fi

# Non-ASCII file names and Fiji's locale: Java fixes its file-name encoding from the locale when Fiji starts. In the
# C locale (cron, systemd, bare containers) Fiji itself cannot open café.jpg, and NERO refuses it with one Log line
# naming the fix; in C.UTF-8 both read it. (The macro is ASCII: the name comes from the folder listing.)
LOCALE_DATA=$WORK/locale-data; rm -rf "$LOCALE_DATA"; mkdir -p "$LOCALE_DATA"
cp "$(find "$DATA/ood" -type f -name '*.jpg' | sort | sed -n 1p)" "$LOCALE_DATA/café.jpg"
cat >"$WORK/locale.ijm" <<IJM
list = getFileList("$LOCALE_DATA/");
print("locale: Fiji lists " + list[0] + " exists=" + File.exists("$LOCALE_DATA/" + list[0]));
run("Score Images", "detector=[$OUT/sample-detector.json] input=[$LOCALE_DATA]");
print("locale: scored nResults=" + nResults + " path=" + getResultString("path", 0));
IJM
LC_ALL=C headless locale-c "$WORK/locale.ijm" ""
has locale-c "locale: Fiji lists caf.*\.jpg exists=0" && ok "locale C: Fiji itself cannot open café.jpg (the JVM's file-name encoding is ASCII)"
has locale-c "NERO: .*/caf.*\.jpg: non-ASCII file name; this Java runs with the ASCII-only file-name encoding" \
  && ok "locale C: NERO refuses it in one Log line naming LC_ALL=C.UTF-8"
LC_ALL=C.UTF-8 headless locale-utf8 "$WORK/locale.ijm" ""
has locale-utf8 "locale: scored nResults=1 path=$LOCALE_DATA/café.jpg" && ok "locale C.UTF-8: café.jpg scored, its name intact"
clean locale-utf8

# Stacks and videos frame by frame, NERO Live headless (issue 24): tools/fiji-host/frames.sh.
source tools/fiji-host/frames.sh
frames_headless

# ONNX inside Fiji: the sample model's ONNX twin through ONNX Runtime (its natives unpack into the temporary folder).
cat >"$WORK/onnx.ijm" <<IJM
run("Fit NERO Detector", "model=[$DATA/model/nero-sample.onnx] train_dir=[$DATA/id/train] val_dir=[$DATA/id/val] tpr=0.95 detector=[$OUT/onnx-detector.json]");
run("Score Images", "detector=[$OUT/onnx-detector.json] input=[$DATA/ood/dyed] methods=msp,energy");
print("onnx: nResults=" + nResults + " verdict0=" + getResultString("verdict", 0));
IJM
headless onnx "$WORK/onnx.ijm" ""
has onnx "onnx: nResults=[1-9][0-9]* verdict0=" && ok "onnx: an ONNX model fits and scores inside Fiji ($(grep -o 'nResults=[0-9]*' "$WORK/onnx.log"))"
clean onnx

# The README's macro lines, with its example paths mapped onto the sample data.
OOD_IMAGE=$(find "$DATA/ood" -type f -name '*.jpg' | sort | head -1)
{ echo "File.makeDirectory(\"$OUT/readme\");"
  awk '/^```/{inblock=!inblock; next} inblock && /^(run|open|print)\(/' README.md
  echo 'print("readme: done nResults=" + nResults);'
} | sed -e "s#/data/resnet18-kvasir.pt#$DATA/model/nero-sample.pt#g" -e "s#/data/kvasir-nero/#$DATA/#g" \
        -e "s#/data/kvasir.nero#$OUT/readme/detector.json#g" -e "s#/data/colon/frame-0042.png#$OOD_IMAGE#g" \
        -e "s#/tmp/why#$OUT/readme/why#g" -e "s#/tmp/eval#$OUT/readme/eval#g" >"$WORK/readme.ijm"
README_LINES=$(grep -c '^run(' "$WORK/readme.ijm" || true)
# A path is mapped when it lies in the work folder, the sample data or the output folder (which may themselves be
# under /tmp, as in a clone there); anything else still under /data or /tmp is one of the README's examples.
UNMAPPED=$(grep -o -E '\[/[^]]*' "$WORK/readme.ijm" | cut -c2- \
  | awk -v w="$WORK/" -v d="$DATA/" -v o="$OUT/" 'index($0, w) != 1 && index($0, d) != 1 && index($0, o) != 1' \
  | grep -E '^/(data|tmp)/' | head -2 | tr '\n' ' ')
[ -z "$UNMAPPED" ] || fail "readme: a README path is not mapped onto the sample data: $UNMAPPED"
if [ "$README_LINES" -ge 4 ]; then
  headless readme "$WORK/readme.ijm" ""
  has readme "readme: done nResults=[1-9]" && ok "readme: $README_LINES macro lines of the README ran"
  has readme "^\(OOD\|ID\) nero_score=" && ok "readme: the print line read the verdict"
  [ -f "$OUT/readme/eval/metrics.csv" ] && [ -n "$(ls "$OUT/readme/why" 2>/dev/null)" ] && ok "readme: explain and evaluate wrote their files" || fail "readme: no files in $OUT/readme/why or $OUT/readme/eval"
  clean readme
else
  fail "readme: found $README_LINES run(...) lines in README.md"
fi

# A script (BeanShell: the Jython and Groovy jars are not in every Fiji) calling a command through CommandService.
cat >"$WORK/script.bsh" <<BSH
#@ org.scijava.command.CommandService command
m = command.run("nero.fiji.ScoreImagesCommand", true, new Object[] { "detector", new File("$OUT/sample-detector.json"),
    "input", "$DATA/ood/bleeding", "methods", "msp" }).get();
print("script: canceled=" + m.isCanceled() + " results=" + m.getOutput("results").getClass().getName()
    + " rows=" + m.getOutput("results").size() + " summary=" + String.valueOf(m.getOutput("summary")).split("\n")[0]);
BSH
timeout "$T" "$WORK/fiji.sh" --headless --run "$WORK/script.bsh" >"$WORK/script.log" 2>&1 || true
has script "script: canceled=false results=.* rows=$N_BLEEDING summary=scored $N_BLEEDING image" && ok "script: CommandService outputs ($(grep -o 'results=[^ ]*' "$WORK/script.log"))"
clean script

# 3b. Issue 23 (headless): macro keys checked, tables, one image one score, Explain's views without files, About,
# ImageJ2 scripting, Help. (The frames helper's stack and video checks are a block of their own.)
fiji23_headless() {
  local marker=$WORK/fiji23.marker
  convert "$DATA/ood/bleeding/bleeding-000.jpg" -resize '320x288!' -quality 90 "$WORK/big.jpg"
  /usr/bin/python3 - "$DATA/ood/bleeding/bleeding-001.jpg" "$WORK/vignette.png" <<'PY'
import sys
from PIL import Image
im = Image.open(sys.argv[1]).convert("RGBA")
px = im.load()
for y in range(im.height):
    for x in range(im.width):
        if x < 20 or y < 20:  # a transparent border, as around an endoscope's field of view
            px[x, y] = px[x, y][:3] + (0,)
im.save(sys.argv[2])
PY
  touch "$marker"; sleep 1
  headless fiji23 tools/fiji-host/fiji23-headless.ijm "$DATA,$OUT,$WORK"
  has fiji23 "fiji23: done" && ok "fiji23: the issue-23 macro ran"
  local n1 n2
  n1=$(find "$DATA/ood/bleeding" -type f | wc -l); n2=$(find "$DATA/ood/dyed" -type f | wc -l)
  has fiji23 "fiji23: results n1=$n1 n2=$n2 first=$DATA/ood/dyed/" && ok "fiji23: Results holds exactly the last run's $n2 rows (after a run of $n1)"
  grep -E "fiji23: big jpeg current=([0-9.]+) file=\1$" "$WORK/fiji23.log" >/dev/null \
    && ok "fiji23: a 320x288 JPEG open in Fiji scores as the same file given as a path ($(grep -o 'current=[0-9.]*' "$WORK/fiji23.log" | head -1), reduced decode on both)" \
    || { fail "fiji23: a JPEG open in Fiji and as a path score differently"; show "$WORK/fiji23.log" 6; }
  grep -E "fiji23: transparent png current=([0-9.]+) file=\1$" "$WORK/fiji23.log" >/dev/null \
    && ok "fiji23: a transparent PNG open in Fiji (composited on white there) scores as the file (alpha dropped)" \
    || fail "fiji23: a transparent PNG open in Fiji and as a path score differently: $(grep 'transparent png' "$WORK/fiji23.log")"
  grep -E "fiji23: grey 8bit=([0-9.]+) 16bit=\1 32bit=\1 rgb=\1$" "$WORK/fiji23.log" >/dev/null \
    && ok "fiji23: one grey picture as 8-bit, 16-bit, 32-bit and RGB gives one score ($(grep -o '8bit=[0-9.]*' "$WORK/fiji23.log"))" \
    || fail "fiji23: grey types score differently: $(grep 'fiji23: grey' "$WORK/fiji23.log")"
  local titles
  titles=$(sed -n 's/^fiji23: explain images=\([0-9]*\) nResults=1 titles=/\1 /p' "$WORK/fiji23.log")
  for view in "relevance profile" "relevance histogram" "relevance space" "relevance heatmap" "gradient×input" "— OOD"; do
    [[ "$titles" == *"$view"* ]] || { fail "fiji23: Explain opened no '$view' image ($titles)"; }
  done
  [[ "$titles" == *"— OOD"* ]] && ok "fiji23: Explain without an output folder opened ${titles%% *} images (plots, heatmaps) and one Results row"
  local written
  written=$(find "$OUT" "$DATA" -newer "$marker" -type f 2>/dev/null | head -3)
  [ -z "$written" ] && ok "fiji23: Explain without an output folder wrote no file" || fail "fiji23: files written: $written"
  has fiji23 "NERO for Fiji 0.1.0: explainable" && has fiji23 "MICCAI 2025, arXiv:2506.15404" && has fiji23 "Licence: BSD 2-Clause" \
    && has fiji23 "Documentation: https://" && has fiji23 "Detector in use:" && ok "fiji23: About NERO gives version, citation, licence, docs, the detector in use"
  clean fiji23

  headless fiji23-keys tools/fiji-host/fiji23-keys.ijm ""
  has fiji23-keys "NERO: Score Images: unknown key 'detectr', did you mean 'detector'? (valid keys: detector, model, input," \
    && ok "fiji23: a misspelled macro key is named with the valid keys: $(grep -o "unknown key '[a-z]*'" "$WORK/fiji23-keys.log")"
  grep -q "NOT REACHED" "$WORK/fiji23-keys.log" && fail "fiji23: the macro went on after a misspelled key"
  headless fiji23-missing tools/fiji-host/fiji23-missing.ijm ""
  has fiji23-missing "NERO: Evaluate OOD Detection: missing key 'detector' (Detector file) (valid keys:" \
    && ok "fiji23: a missing required key is named, headless, instead of a silent cancel"
  grep -q "NOT REACHED" "$WORK/fiji23-missing.log" && fail "fiji23: the macro went on after a missing key (it would read stale rows)"
  clean fiji23-keys allow-cancel; clean fiji23-missing allow-cancel

  mkdir -p "$WORK/fakebin"
  printf '#!/bin/sh\necho "$@" >>"%s"\n' "$WORK/browser.txt" >"$WORK/fakebin/xdg-open"; chmod +x "$WORK/fakebin/xdg-open"
  rm -f "$WORK/browser.txt"
  PATH="$WORK/fakebin:$PATH" NERO23="$OUT/sample-detector.json|$DATA/ood/polyp/polyp-000.jpg" \
    timeout "$T" "$WORK/fiji.sh" --headless --run "$ROOT/tools/fiji-host/fiji23-script.bsh" >"$WORK/fiji23-script.log" 2>&1 || true
  grep -E "fiji23-script: imageplus=([0-9.]+) dataset_img=\1 dataset_image=\1 imglib2=\1 " "$WORK/fiji23-script.log" >/dev/null \
    && ok "fiji23: an ImageJ2 Dataset (as img or image) and a bare ImgLib2 view score as the same ImagePlus ($(grep -o 'imageplus=[0-9.]*' "$WORK/fiji23-script.log"))" \
    || { fail "fiji23: Dataset/ImgLib2 scores differ"; show "$WORK/fiji23-script.log" 8; }
  has fiji23-script "pom url=https://github.com/nero-fiji/nero-fiji" && ok "fiji23: the plugin's POM gives Fiji's search bar its URL"
  grep -q "nero-fiji/nero-fiji$" "$WORK/browser.txt" 2>/dev/null && ok "fiji23: the search bar's Help action opened the project page in the browser" \
    || fail "fiji23: the search bar's Help action did not reach the browser ($(cat "$WORK/browser.txt" 2>/dev/null))"
  grep -q "docs/fiji.md#evaluate-ood-detection$" "$WORK/browser.txt" 2>/dev/null && ok "fiji23: Evaluate's Help button opened its section of docs/fiji.md" \
    || fail "fiji23: the Help button did not reach the browser ($(cat "$WORK/browser.txt" 2>/dev/null))"
  clean fiji23-script
}
fiji23_headless

# Issue 23 in the GUI: what the run above left in the files the script and the probe wrote.
fiji23_gui() {
  local L=$PROBE/log.txt W=$WORK/gui-windows.txt dialogs
  grep -q "gui: tables NERO Scores=2 Results=1" "$L" 2>/dev/null && ok "gui23: NERO Scores collects both runs while Results holds the last one" \
    || fail "gui23: NERO Scores did not collect ($(grep 'gui: tables' "$L" 2>/dev/null))"
  grep -q "gui: relevance profile is a live plot with [1-9][0-9]* points" "$L" 2>/dev/null && ok "gui23: the relevance profile is a live Plot window ($(grep -o 'with [0-9]* points' "$L"))" \
    || fail "gui23: the relevance profile is not a live plot"
  for window in "NERO Scores" "NERO Explain" "NERO Score Parts" "NERO Top Neurons" "NERO Metrics" "Results" \
      "relevance profile: bleeding-000.jpg" "relevance histogram: bleeding-000.jpg" "relevance space: bleeding-000.jpg" \
      "relevance heatmap: bleeding-000.jpg" "bleeding-000.jpg — OOD"; do
    grep -qxF "$window" "$W" 2>/dev/null || fail "gui23: no window '$window' ($(tr '\n' '|' <"$W" 2>/dev/null))"
  done
  ok "gui23: Explain's windows and the named tables are open ($(grep -c . "$W") windows)"
  not_blank "$EVALUATE_SHOT" && ok "gui23: evaluation screenshot $EVALUATE_SHOT" || fail "gui23: no evaluation screenshot"
  grep -q "docs/fiji.md#score-images$" "$WORK/browser.txt" 2>/dev/null && ok "gui23: the Score dialog's Help button opened docs/fiji.md#score-images" \
    || fail "gui23: the Help button did not open the docs ($(cat "$WORK/browser.txt" 2>/dev/null))"
  [ "$(head -1 "$WORK/gui-explain-fields.txt" 2>/dev/null)" = "$OUT/sample-detector.json" ] \
    && ok "gui23: Explain's dialog offered the detector chosen in Score's dialog" \
    || fail "gui23: Explain's dialog did not remember the detector ($(head -3 "$WORK/gui-explain-fields.txt" 2>/dev/null | tr '\n' '|'))"
  grep -q "gui: explained from the dialog" "$WORK/gui-steps.log" && ok "gui23: Explain ran from its dialog with no output folder" || fail "gui23: Explain from its dialog did not run"
  dialogs=$(sed -n '/^--dialogs$/,$p' "$WORK/gui-required-windows.txt" 2>/dev/null | grep -v '^--dialogs$' | tr '\n' '|')
  [ "$dialogs" = "NERO|" ] && grep -q "NERO: ID test folder is required" "$L" \
    && ok "gui23: an empty required field gives one box titled NERO: $(grep -o 'NERO: ID test folder is required' "$L" | head -1)" \
    || fail "gui23: empty required field: dialogs [$dialogs], Log: $(grep 'is required' "$L" | head -1)"
  dialogs=$(sed -n '/^--dialogs$/,$p' "$WORK/gui-bad-windows.txt" 2>/dev/null | grep -v '^--dialogs$' | tr '\n' '|')
  [ "$dialogs" = "NERO|" ] && ok "gui23: the bad-input box is titled NERO" || fail "gui23: bad-input dialogs [$dialogs]"
  dialogs=$(sed -n '/^--dialogs$/,$p' "$WORK/gui-keys-windows.txt" 2>/dev/null | grep -v '^--dialogs$' | tr '\n' '|')
  [ "$dialogs" = "NERO|" ] && ! grep -q 'gui-keys: NOT REACHED' "$L" \
    && ok "gui23: a macro without its detector stops with one NERO box, the remembered detector unused" \
    || fail "gui23: missing key in the GUI: dialogs [$dialogs] $(grep -c 'gui-keys: NOT REACHED' "$L") macro line(s) after it"
  grep -qx 'About NERO for Fiji' "$WORK/gui-about-windows.txt" 2>/dev/null && ok "gui23: About NERO opens its box" || fail "gui23: no About box"
  grep -q -E 'NERO: [a-zA-Z ]* [0-9]+/[0-9]+' "$WORK/gui-long-image-status.txt" 2>/dev/null \
    && ok "gui23: long runs show their total ($(grep -o -E 'NERO: [a-zA-Z ]* [0-9]+/[0-9]+' "$WORK/gui-long-image-status.txt" | sed -n 3p))" \
    || fail "gui23: no total in the status bar during the long run"
}

# 4. GUI under Xvfb.
SHOT=$ROOT/target/fiji-host-test.png
DIALOG_SHOT=$ROOT/target/fiji-host-dialog.png
EVALUATE_SHOT=$ROOT/target/fiji-host-evaluate.png
if [ "$HEADLESS_ONLY" = 0 ]; then
  # a work folder kept from an earlier run: no step log, single-instance stub or remembered dialog values of that run
  rm -rf "$WORK/browser.txt" "$WORK/gui-steps.log" "$WORK/home/.java" "$WORK"/tmp/ImageJ-*.stub
  cat >"$WORK/gui.sh" <<SH
#!/bin/bash
# Runs inside xvfb-run: Fiji with its windows; steps are driven through files the probe watches. A stand-in
# xdg-open (the browser Fiji's platform service calls) writes the addresses Help opens to browser.txt.
PROBE='$PROBE'
PATH="$WORK/fakebin:\$PATH" "$WORK/fiji.sh" -macro "$ROOT/tools/fiji-host/gui.ijm" "$DATA,$OUT,$PROBE" >"$WORK/gui.log" 2>&1 &
FIJI_PID=\$!
wait_for() { # FILE PATTERN SECONDS
  for i in \$(seq 1 \$((\$3 * 5))); do grep -q -- "\$2" "\$1" 2>/dev/null && return 0; sleep 0.2; done; return 1
}
wait_new() { # FILE FROM_LINE PATTERN SECONDS: a line after FROM_LINE matches
  for i in \$(seq 1 \$((\$4 * 5))); do tail -n +\$((\$2 + 1)) "\$1" 2>/dev/null | grep -q -- "\$3" && return 0; sleep 0.2; done; return 1
}
finish() { kill \$FIJI_PID 2>/dev/null; sleep 1; kill -9 \$FIJI_PID 2>/dev/null; exit 0; }
if ! wait_for "\$PROBE/log.txt" "gui: arranged" $T; then echo "gui: the first part did not finish" >>"$WORK/gui-steps.log"; finish; fi
sleep 3   # let the windows paint
import -window root "$SHOT"
cp "\$PROBE/windows.txt" "$WORK/gui-windows.txt"
echo "gui: screenshot taken" >>"$WORK/gui-steps.log"

# Issue 23: the evaluation's windows (ROC, score histogram, NERO Metrics) for a second screenshot.
printf '%s\n%s\n' "$ROOT/tools/fiji-host/gui-evaluate.ijm" "" >"\$PROBE/macro.txt"
if wait_for "\$PROBE/log.txt" "gui: evaluate arranged" 60; then
  sleep 3; import -window root "$EVALUATE_SHOT"; echo "gui: evaluate screenshot taken" >>"$WORK/gui-steps.log"
fi
printf '%s\n%s\n' "$ROOT/tools/fiji-host/gui-select.ijm" "bleeding-000.jpg" >"\$PROBE/macro.txt"
wait_for "\$PROBE/log.txt" "gui: selected bleeding-000.jpg" 30

# The menu command: Score Images with Fiji's dialog, recorded.
echo "Record..." >"\$PROBE/menu-command.txt"; sleep 3
# The scored image stays the current image: the dialog's empty input means "score it".
echo "Score Images" >"\$PROBE/menu-command.txt"
for i in \$(seq 1 60); do W=\$(xdotool search --name '^NERO OOD: Score Images\$|^Score Images\$' 2>/dev/null | head -1); [ -n "\$W" ] && break; sleep 0.5; done
if [ -n "\$W" ]; then
  sleep 2; import -window root "$DIALOG_SHOT"
  TITLE=\$(xdotool getwindowname \$W)
  echo "gui: dialog [\$TITLE]" >>"$WORK/gui-steps.log"
  # Issue 23: the dialog's Help button opens its section of the documentation.
  printf '%s\n%s\n' "\$TITLE" "Help" >"\$PROBE/press-button.txt"
  wait_for "$WORK/browser.txt" "#score-images" 20 && echo "gui: help opened" >>"$WORK/gui-steps.log"
  # Fill in the detector (the first text field) and press OK, through Swing as typing would.
  printf '%s\n%s\n' "\$TITLE" "$OUT/sample-detector.json" >"\$PROBE/fill-dialog.txt"
  wait_for "\$PROBE/recorder.txt" 'run("Score Images"' 60 && echo "gui: recorded" >>"$WORK/gui-steps.log"
  sleep 3
else
  echo "gui: no Score Images dialog appeared" >>"$WORK/gui-steps.log"
fi

# Issue 23: Explain's dialog offers the detector chosen in Score's; OK with no output folder explains the current
# image into windows only.
echo "Explain Image" >"\$PROBE/menu-command.txt"
for i in \$(seq 1 60); do W=\$(xdotool search --name '^Explain Image\$' 2>/dev/null | head -1); [ -n "\$W" ] && break; sleep 0.5; done
if [ -n "\$W" ]; then
  sleep 2
  echo "Explain Image" >"\$PROBE/read-dialog.txt"
  wait_for "\$PROBE/dialog-fields.txt" . 20 && cp "\$PROBE/dialog-fields.txt" "$WORK/gui-explain-fields.txt"
  E0=\$(grep -c '^bleeding-000.jpg\$' "\$PROBE/log.txt")
  printf '%s\n%s\n' "Explain Image" "$OUT/sample-detector.json" >"\$PROBE/fill-dialog.txt"
  for i in \$(seq 1 \$(($T * 2))); do [ "\$(grep -c '^bleeding-000.jpg\$' "\$PROBE/log.txt")" -gt "\$E0" ] && break; sleep 0.5; done
  [ "\$(grep -c '^bleeding-000.jpg\$' "\$PROBE/log.txt")" -gt "\$E0" ] && echo "gui: explained from the dialog" >>"$WORK/gui-steps.log"
  sleep 2
fi

# Issue 23: Evaluate's dialog with its folders left empty: one NERO box naming the field by its label.
echo "Evaluate OOD Detection" >"\$PROBE/menu-command.txt"
for i in \$(seq 1 60); do W=\$(xdotool search --name '^Evaluate OOD Detection\$' 2>/dev/null | head -1); [ -n "\$W" ] && break; sleep 0.5; done
if [ -n "\$W" ]; then
  sleep 2
  printf '%s\n%s\n' "Evaluate OOD Detection" "OK" >"\$PROBE/press-button.txt"
  if wait_for "\$PROBE/log.txt" 'NERO: .* is required' 30; then
    sleep 2; cp "\$PROBE/windows.txt" "$WORK/gui-required-windows.txt"; echo "gui: required field reported" >>"$WORK/gui-steps.log"
  fi
  touch "\$PROBE/close-dialogs.txt"; sleep 2
fi

# Bad input from a macro with windows open: one dialog, one Log line, the macro stopped, no trace.
printf '%s\n%s\n' "$ROOT/tools/fiji-host/gui-bad.ijm" "" >"\$PROBE/macro.txt"
if wait_for "\$PROBE/log.txt" 'gui-detector.json' 60; then
  sleep 3
  cp "\$PROBE/windows.txt" "$WORK/gui-bad-windows.txt"
  echo "gui: bad input reported" >>"$WORK/gui-steps.log"
  touch "\$PROBE/close-dialogs.txt"; sleep 2
fi

# Issue 23: a macro line without its detector, while the dialogs remember one: one NERO box naming the key.
printf '%s\n%s\n' "$ROOT/tools/fiji-host/gui-keys.ijm" "$DATA/ood/dyed" >"\$PROBE/macro.txt"
if wait_for "\$PROBE/log.txt" "missing key 'detector'" 60; then
  sleep 3; cp "\$PROBE/windows.txt" "$WORK/gui-keys-windows.txt"; echo "gui: missing key reported" >>"$WORK/gui-steps.log"
  touch "\$PROBE/close-dialogs.txt"; sleep 2
fi

# Issue 23: About NERO from the menu.
echo "About NERO" >"\$PROBE/menu-command.txt"
for i in \$(seq 1 40); do grep -qx 'About NERO for Fiji' "\$PROBE/windows.txt" 2>/dev/null && break; sleep 0.5; done
sleep 1; cp "\$PROBE/windows.txt" "$WORK/gui-about-windows.txt"
touch "\$PROBE/close-dialogs.txt"; sleep 2

# Long runs, each stopped with Esc once the status bar shows its progress, as a person would: bring a window to
# the front, click in it (the image window; the main window's status bar), press Esc (XTEST: the key goes where
# Java put the focus, as a typed key does).
for TARGET in image main; do
  N0=\$(wc -l <"\$PROBE/status.txt")
  K0=\$(cat "\$PROBE/keys.txt" 2>/dev/null | wc -l)
  L0=\$(grep -c 'NERO: cancelled by the user' "\$PROBE/log.txt")
  printf '%s\n%s\n' "$ROOT/tools/fiji-host/gui-long.ijm" "$DATA,$OUT,gui-long-\$TARGET" >"\$PROBE/macro.txt"
  if wait_new "\$PROBE/status.txt" \$N0 'NERO: [a-zA-Z ]* [1-9][0-9]*' $T; then
    if [ \$TARGET = image ]; then
      W=\$(xdotool search --name '^bleeding-000\.jpg' | head -1)
      xdotool windowraise \$W; eval \$(xdotool getwindowgeometry --shell \$W)
      xdotool mousemove \$((X + WIDTH / 2)) \$((Y + HEIGHT / 2)) click 1
    else
      W=\$(xdotool search --name '^\(Fiji Is Just\) ImageJ' | head -1)
      xdotool windowraise \$W; eval \$(xdotool getwindowgeometry --shell \$W)
      xdotool mousemove \$((X + 100)) \$((Y + HEIGHT - 12)) click 1
    fi
    sleep 0.5; xdotool key Escape
    echo "gui: Esc pressed in the \$TARGET window" >>"$WORK/gui-steps.log"
    tail -n +\$((K0 + 1)) "\$PROBE/keys.txt" 2>/dev/null >"$WORK/gui-long-\$TARGET-keys.txt"
    L=\$L0
    for i in \$(seq 1 \$(($T * 2))); do
      L=\$(grep -c 'NERO: cancelled by the user' "\$PROBE/log.txt"); [ "\$L" -gt "\$L0" ] && break
      grep -q 'NOT CANCELLED' "\$PROBE/log.txt" && break; sleep 0.5
    done
    tail -n +\$((K0 + 1)) "\$PROBE/keys.txt" 2>/dev/null >"$WORK/gui-long-\$TARGET-keys.txt"
    tail -n +\$((N0 + 1)) "\$PROBE/status.txt" >"$WORK/gui-long-\$TARGET-status.txt"
    [ "\$L" -gt "\$L0" ] && echo "gui: cancel logged after Esc in the \$TARGET window" >>"$WORK/gui-steps.log"
    sleep 2
  else
    echo "gui: no progress in the status bar (\$TARGET)" >>"$WORK/gui-steps.log"
  fi
done
cp "\$PROBE/windows.txt" "$WORK/gui-final-windows.txt"
finish
SH
  chmod +x "$WORK/gui.sh"
  timeout $((T * 5)) xvfb-run -a -s "-screen 0 1400x900x24" "$WORK/gui.sh" || true
  cp "$PROBE/log.txt" "$WORK/gui-fiji-log.txt" 2>/dev/null || true
  grep -q "gui: screenshot taken" "$WORK/gui-steps.log" 2>/dev/null && ok "gui: score, explain, evaluate ran with windows open" || { fail "gui: the first part did not finish"; show "$WORK/gui.log"; show "$PROBE/log.txt" 10 2>/dev/null || true; }
  not_blank "$SHOT" && ok "gui: screenshot $SHOT" || fail "gui: screenshot missing or blank"
  grep -q "gui: .* verdict=\(OOD\|ID\) nero_score=[0-9.-]* overlay=[1-9][0-9]* nResults=1" "$PROBE/log.txt" 2>/dev/null && ok "gui: the current image has its verdict overlay and one Results row" || fail "gui: no overlay/Results row for the current image"
  W=$WORK/gui-windows.txt
  grep -qx 'Results' "$W" 2>/dev/null && ok "gui: Results window shown" || fail "gui: no Results window ($(tr '\n' '|' <"$W" 2>/dev/null))"
  grep -qx 'Log' "$W" 2>/dev/null && ok "gui: Log window shown" || fail "gui: no Log window"
  grep -q '^ROC' "$W" 2>/dev/null && grep -qi 'histogram' "$W" && ok "gui: ROC and histogram open as images" || fail "gui: ROC/histogram images not open ($(tr '\n' '|' <"$W" 2>/dev/null))"
  EXPLANATION=$(sed -n 's/^gui: explanation window \[\(.*\)\], images open.*/\1/p' "$PROBE/log.txt" 2>/dev/null)
  [ -n "$EXPLANATION" ] && grep -qxF "$EXPLANATION" "$W" && ok "gui: the explanation heatmap opens as an image [$EXPLANATION]" || fail "gui: no explanation image"
  grep -qi '^summary$' "$W" 2>/dev/null && fail "gui: the summary opened as a text window" || ok "gui: no summary text window"
  grep -q "scored 1 image(s)" "$PROBE/log.txt" 2>/dev/null && ok "gui: the summary is in the Log" || fail "gui: no summary in the Log"
  clean gui allow-cancel
  # The dialog and the recorder: the recorded line must replay the same run headless.
  if grep -q "gui: recorded" "$WORK/gui-steps.log" 2>/dev/null; then
    REC=$(grep 'run("Score Images"' "$PROBE/recorder.txt" | tail -1)
    ok "gui: the recorder recorded: $REC"
    { echo "open(\"$DATA/ood/bleeding/bleeding-000.jpg\");"; echo "$REC";
      echo 'print("replay: nResults=" + nResults + " verdict=" + getResultString("verdict", 0) + " nero_score=" + d2s(getResult("nero_score", 0), 3));'; } >"$WORK/replay.ijm"
    headless replay "$WORK/replay.ijm" ""
    GUI_SCORE=$(grep -o 'nero_score=[0-9.-]*' "$PROBE/log.txt" | head -1)
    has replay "replay: nResults=1 verdict=\(OOD\|ID\) $GUI_SCORE" && ok "gui: the recorded line replays the same run ($GUI_SCORE)"
    clean replay
  else
    fail "gui: nothing recorded from the Score Images dialog ($(tail -2 "$WORK/gui-steps.log" 2>/dev/null | tr '\n' ' '))"
  fi
  [ -f "$DIALOG_SHOT" ] && ok "gui: dialog screenshot $DIALOG_SHOT" || fail "gui: no dialog screenshot"
  # Bad input in the GUI.
  if grep -q "gui: bad input reported" "$WORK/gui-steps.log" 2>/dev/null; then
    N_DIALOGS=$(sed -n '/^--dialogs$/,$p' "$WORK/gui-bad-windows.txt" | grep -c -v '^--dialogs$' || true)
    [ "$N_DIALOGS" = 1 ] && ok "gui: bad input from a macro: one dialog ($(sed -n '/^--dialogs$/{n;p}' "$WORK/gui-bad-windows.txt")) and one Log line" \
      || fail "gui: bad input from a macro: $N_DIALOGS dialogs ($(tr '\n' '|' <"$WORK/gui-bad-windows.txt"))"
    grep -q 'gui-bad: NOT REACHED' "$PROBE/log.txt" && fail "gui: the macro went on after bad input"
  else
    fail "gui: bad input from a macro was not reported in the Log"
  fi
  # Progress and Esc, in the image window and in the main window.
  for TARGET in image main; do
    S=$WORK/gui-long-$TARGET-status.txt
    N_PROGRESS=$(grep -c 'NERO: [a-zA-Z ]* [0-9]' "$S" 2>/dev/null || true)
    [ "${N_PROGRESS:-0}" -ge 3 ] && ok "gui: $N_PROGRESS progress messages in the status bar during the long run ($TARGET; $(grep -o 'NERO: .*' "$S" | sed -n 3p))" || fail "gui: ${N_PROGRESS:-0} progress messages in the status bar ($TARGET)"
    if grep -q "gui: Esc pressed in the $TARGET window" "$WORK/gui-steps.log" 2>/dev/null; then
      KEY=$(grep -m1 'pressed Escape' "$WORK/gui-long-$TARGET-keys.txt" 2>/dev/null | cut -f2)
      grep -q "gui: cancel logged after Esc in the $TARGET window" "$WORK/gui-steps.log" \
        && ok "gui: Esc in the $TARGET window stopped the long run, Log: NERO: cancelled by the user (key: ${KEY:-not seen by Java})" \
        || fail "gui: Esc in the $TARGET window did not stop the long run (key: ${KEY:-not seen by Java}; $(tr '\n' ' ' <"$WORK/gui-long-$TARGET-keys.txt" 2>/dev/null))"
      [ -f "$OUT/gui-long-$TARGET.csv" ] && fail "gui: a cancelled run wrote $OUT/gui-long-$TARGET.csv"
    else
      fail "gui: the long run was not stopped ($TARGET; $(tail -1 "$WORK/gui-steps.log" 2>/dev/null))"
    fi
  done
  grep -q 'NOT CANCELLED' "$PROBE/log.txt" 2>/dev/null && fail "gui: a long run finished despite Esc"
  grep -qx 'Exception' "$WORK/gui-final-windows.txt" 2>/dev/null && fail "gui: an Exception window opened (a macro thread was stopped?)" || ok "gui: no Exception window"
  # NERO Live and stacks on screen (issue 24): tools/fiji-host/frames.sh.
  frames_gui
  fiji23_gui
fi

# 5. Uninstall: Fiji's jars and plugins as they were, and it starts as before.
rm -f "$FIJI/plugins/NERO_Host_Probe.jar"
tools/install-fiji.sh --uninstall "$FIJI" >"$WORK/uninstall.log" 2>&1 || { fail "uninstall failed"; show "$WORK/uninstall.log"; }
snapshot >"$WORK/uninstalled.md5"
if cmp -s "$WORK/pristine.md5" "$WORK/uninstalled.md5"; then ok "uninstall: jars/ and plugins/ are as before"; else fail "uninstall: jars/ or plugins/ differ: $(diff "$WORK/pristine.md5" "$WORK/uninstalled.md5" | head -4 | tr '\n' ' ')"; fi
headless restarted tools/fiji-host/startup.ijm ""
if diff <(startup_signature "$WORK/pristine.log") <(startup_signature "$WORK/restarted.log") >/dev/null; then
  ok "uninstall: Fiji starts as before ($(grep -c . <(startup_signature "$WORK/pristine.log")) start-up lines compared)"
else
  fail "uninstall: Fiji starts differently: $(diff <(startup_signature "$WORK/pristine.log") <(startup_signature "$WORK/restarted.log") | head -4 | tr '\n' ' ')"
fi

[ "$FAILED" = 0 ] && echo "fiji-host-test: all passed ($FIJI_SRC; work folder $WORK; screenshots $SHOT, $DIALOG_SHOT${FRAMES_SHOT:+, $FRAMES_SHOT, $FRAMES_STACK_SHOT})"
exit $FAILED
