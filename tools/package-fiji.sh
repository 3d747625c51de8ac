#!/usr/bin/env bash
# Builds the plugin and assembles two ready-to-copy install trees:
#   target/fiji-overlay/      copy over Fiji.app/: plugins/NERO_OOD-<v>.jar (SciJava menu entries only) and
#                             jars/ with the runtime dependencies Fiji does not ship (incl. PyTorch natives, linux-x86_64)
#   target/imagej1-plugins/   for plain ImageJ 1 (no Fiji): the jar with plugins.config, plus plugins/jars/ with
#                             every dependency including scijava-common and parsington (but not ij.jar)
# Usage: tools/package-fiji.sh [--skip-build]
set -euo pipefail
cd "$(dirname "$0")/.."
MVN=(mvn -B -q)
if [ "${1:-}" != "--skip-build" ]; then
  tools/setup.sh
  "${MVN[@]}" package -DskipTests
fi
VERSION=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
JAR=target/NERO_OOD-${VERSION}.jar
[ -f "$JAR" ] || { echo "package-fiji: $JAR is missing (build failed?)" >&2; exit 1; }

FIJI=target/fiji-overlay
IJ1=target/imagej1-plugins
rm -rf "$FIJI" "$IJ1"
mkdir -p "$FIJI/plugins" "$FIJI/jars" "$IJ1/plugins/jars"

# Runtime dependencies (compile + runtime scope; provided = what Fiji ships: scijava-common, ij, imglib2).
"${MVN[@]}" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$FIJI/jars"
# Fiji: the SciJava index gives the menu entries; without plugins.config there is exactly one entry per command.
cp "$JAR" "$FIJI/plugins/"
zip -q -d "$FIJI/plugins/$(basename "$JAR")" plugins.config

# Plain ImageJ 1: the jar keeps plugins.config (the IJ1 shims), dependencies go to plugins/jars/, plus the SciJava
# runtime Fiji would provide. ImageJ 1 itself (ij) and imglib2 (unused at run time by the commands) are left out.
cp "$JAR" "$IJ1/plugins/"
cp "$FIJI"/jars/*.jar "$IJ1/plugins/jars/"
"${MVN[@]}" dependency:copy-dependencies -DincludeScope=provided -DexcludeArtifactIds=ij,imglib2 \
  -DoutputDirectory="$IJ1/plugins/jars"

cat > "$FIJI/jars/NERO_OOD-other-natives.txt" <<TXT
NERO for Fiji ships the PyTorch CPU natives for linux-x86_64 only:
  ai.djl.pytorch:pytorch-native-cpu:2.7.1:linux-x86_64
For another platform, download the matching artifact from Maven Central into this jars/ folder
(https://repo1.maven.org/maven2/ai/djl/pytorch/pytorch-native-cpu/2.7.1/):
  ai.djl.pytorch:pytorch-native-cpu:2.7.1:linux-aarch64   pytorch-native-cpu-2.7.1-linux-aarch64.jar
  ai.djl.pytorch:pytorch-native-cpu:2.7.1:osx-aarch64     pytorch-native-cpu-2.7.1-osx-aarch64.jar
  ai.djl.pytorch:pytorch-native-cpu:2.7.1:win-x86_64      pytorch-native-cpu-2.7.1-win-x86_64.jar
Fiji already ships gson, jna, commons-* and an SLF4J binding: if Fiji's versions are older than the ones here
(DJL 0.36 needs gson 2.13.1, jna 5.17.0, commons-compress 1.27.1), keep the newer jar and delete the older one.
TXT
cp "$FIJI/jars/NERO_OOD-other-natives.txt" "$IJ1/plugins/jars/"
echo "package-fiji: Fiji overlay in $FIJI ($(ls "$FIJI/jars" | wc -l) files in jars/), ImageJ 1 tree in $IJ1"
