#!/usr/bin/env bash
# Builds the plugin and assembles two ready-to-copy install trees:
#   target/fiji-overlay/      laid out like Fiji.app/: plugins/NERO_OOD-<v>.jar (SciJava menu entries only), jars/
#                             with the runtime dependencies except SLF4J (ONNX Runtime's jar stripped to its
#                             linux-x86_64 natives), jars/linux64/ with the PyTorch and FFmpeg/JavaCPP
#                             natives (javacpp-1.5.10.jar and ffmpeg-6.1.1-1.5.10.jar are byte-identical to Fiji 2.16's);
#                             install it with tools/install-fiji.sh FIJI_DIR (which skips what Fiji already has)
#   target/imagej1-plugins/   for plain ImageJ 1 (no Fiji): the jar with plugins.config, plus plugins/jars/ with
#                             every dependency including scijava-common and parsington (but not ij.jar)
# Usage: tools/package-fiji.sh [--skip-build]
set -euo pipefail
cd "$(dirname "$0")/.."
MVN=(mvn -B -q)
[ "${NERO_MAVEN_OFFLINE:-0}" = 1 ] && MVN+=(-o)   # offline only when asked
# Maven's messages (with -q its errors, printed on stdout) go to stderr: callers that drop this script's stdout
# (tools/host-test.sh, tools/fiji-host-test.sh) still show why a build failed.
maven() { "${MVN[@]}" "$@" >&2; }
if [ "${1:-}" != "--skip-build" ]; then
  tools/setup.sh
  maven package -DskipTests
fi
VERSION=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
JAR=target/NERO_OOD-${VERSION}.jar
[ -f "$JAR" ] || { echo "package-fiji: $JAR is missing (build failed?)" >&2; exit 1; }

FIJI=target/fiji-overlay
IJ1=target/imagej1-plugins
rm -rf "$FIJI" "$IJ1"
mkdir -p "$FIJI/plugins" "$FIJI/jars" "$IJ1/plugins/jars"

# Runtime dependencies (compile + runtime scope; provided = what Fiji ships: scijava-common, ij, imglib2).
DEPS=target/fiji-deps
rm -rf "$DEPS"
maven dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$DEPS"
# Debian's PixelMed jar names system jars in its manifest's Class-Path (/usr/share/java/slf4j-jdk14.jar, …): in
# Fiji or ImageJ that would put a second SLF4J binding and other stray jars on the class path. Drop such manifests.
for jar in "$DEPS"/*.jar; do
  if unzip -p "$jar" META-INF/MANIFEST.MF 2>/dev/null | grep -q '^Class-Path: */'; then
    zip -q -d "$jar" META-INF/MANIFEST.MF
  fi
done
# ONNX Runtime's jar carries natives for five platforms and debug symbols (137 MB); like PyTorch's and FFmpeg's
# natives here, keep linux-x86_64's only (7.4 MB). Other platforms: use the unstripped jar from Maven Central.
for jar in "$DEPS"/onnxruntime-*.jar; do
  [ -f "$jar" ] && zip -q -d "$jar" 'ai/onnxruntime/native/osx-*' 'ai/onnxruntime/native/win-*' \
    'ai/onnxruntime/native/linux-aarch64/*'
done
# Fiji: laid out like Fiji.app (and like an update site): the plugin in plugins/, libraries in jars/, native jars in
# jars/<platform>/. No SLF4J jar: Fiji has its own API and binding (logback); tools/install-fiji.sh decides which
# of the other libraries Fiji already has. The SciJava index gives the menu entries; without plugins.config there is
# exactly one entry per command.
mkdir -p "$FIJI/jars/linux64"
for jar in "$DEPS"/*.jar; do
  case "$(basename "$jar")" in
    slf4j-*) ;;
    *-linux-x86_64.jar) cp "$jar" "$FIJI/jars/linux64/" ;;
    *) cp "$jar" "$FIJI/jars/" ;;
  esac
done
cp "$JAR" "$FIJI/plugins/"
zip -q -d "$FIJI/plugins/$(basename "$JAR")" plugins.config

# Plain ImageJ 1: the jar keeps plugins.config (the IJ1 shims), dependencies go to plugins/jars/ (SLF4J included:
# plain ImageJ has none), plus the SciJava runtime and ImgLib2 that Fiji would provide (Score and Explain have an
# ImgLib2 input for scripts: without the jar SciJava cannot read those commands' fields at all). ImageJ 1 itself
# (ij) is left out.
cp "$JAR" "$IJ1/plugins/"
cp "$DEPS"/*.jar "$IJ1/plugins/jars/"
maven dependency:copy-dependencies -DincludeScope=provided -DexcludeArtifactIds=ij \
  -DoutputDirectory="$IJ1/plugins/jars"

JAVACPP=$(sed -n 's:.*<javacpp.version>\(.*\)</javacpp.version>.*:\1:p' pom.xml)
FFMPEG="6.1.1-$JAVACPP"
for jar in "linux64/javacpp-$JAVACPP-linux-x86_64.jar" "linux64/ffmpeg-$FFMPEG-linux-x86_64.jar" "ffmpeg-$FFMPEG.jar" \
    "javacpp-$JAVACPP.jar"; do
  [ -f "$FIJI/jars/$jar" ] || { echo "package-fiji: $jar is missing from $FIJI/jars" >&2; exit 1; }
done
cat > "$FIJI/jars/NERO_OOD-other-natives.txt" <<TXT
NERO for Fiji ships native libraries for linux-x86_64 only:
  ai.djl.pytorch:pytorch-native-cpu:2.7.1:linux-x86_64      (PyTorch, the model)
  org.bytedeco:ffmpeg:$FFMPEG:linux-x86_64          (FFmpeg, LGPL build: video stills, fast JPEG stills)
  org.bytedeco:javacpp:$JAVACPP:linux-x86_64               (loads FFmpeg)
For another platform, download the matching artifacts from Maven Central; in Fiji put them into the platform's
folder under jars/ (for example jars/win64/), for plain ImageJ 1 into plugins/jars/
(https://repo1.maven.org/maven2/ai/djl/pytorch/pytorch-native-cpu/2.7.1/,
 https://repo1.maven.org/maven2/org/bytedeco/ffmpeg/$FFMPEG/, https://repo1.maven.org/maven2/org/bytedeco/javacpp/$JAVACPP/):
  Linux ARM 64-bit:    pytorch-native-cpu-2.7.1-linux-aarch64.jar  ffmpeg-$FFMPEG-linux-arm64.jar    javacpp-$JAVACPP-linux-arm64.jar
  macOS Apple silicon: pytorch-native-cpu-2.7.1-osx-aarch64.jar    ffmpeg-$FFMPEG-macosx-arm64.jar   javacpp-$JAVACPP-macosx-arm64.jar
  macOS Intel:         (no PyTorch 2.7.1 build)                    ffmpeg-$FFMPEG-macosx-x86_64.jar  javacpp-$JAVACPP-macosx-x86_64.jar
  Windows 64-bit:      pytorch-native-cpu-2.7.1-win-x86_64.jar     ffmpeg-$FFMPEG-windows-x86_64.jar javacpp-$JAVACPP-windows-x86_64.jar
Use the LGPL ffmpeg jars above, not the ones ending in -gpl. Without the FFmpeg natives, videos are decoded by the
pure-Java JCodec (progressive 8-bit H.264 and MPEG-2 only; the Log window says which decoder runs) and JPEGs by ImageIO.
Nothing is downloaded at run time: JavaCPP unpacks the natives once into ~/.javacpp/cache (the temp folder when the
home folder is read-only; -Dorg.bytedeco.javacpp.cachedir=DIR chooses another).
Fiji 2.16 already ships javacpp-$JAVACPP.jar and ffmpeg-$FFMPEG.jar; the copies here are the same files.
Fiji already ships gson, jna, commons-* and an SLF4J binding: if Fiji's versions are older than the ones here
(DJL 0.36 needs gson 2.13.1, jna 5.17.0, commons-compress 1.27.1), keep the newer jar and delete the older one.
TXT
cp "$FIJI/jars/NERO_OOD-other-natives.txt" "$IJ1/plugins/jars/"
echo "package-fiji: Fiji overlay in $FIJI ($(ls "$FIJI/jars" | wc -l) files in jars/), ImageJ 1 tree in $IJ1"
