#!/usr/bin/env bash
# One-time setup for building NERO for Fiji on Debian: PixelMed (DICOM) is not on Maven Central, so its
# Debian jar is installed into the project-local Maven repository lib-repo/ (BSD-3, © David A. Clunie).
set -euo pipefail
cd "$(dirname "$0")/.."
PIXELMED_VERSION=20220618
JAR=/usr/share/java/pixelmed-${PIXELMED_VERSION}.jar
TARGET=lib-repo/com/pixelmed/pixelmed/${PIXELMED_VERSION}/pixelmed-${PIXELMED_VERSION}.jar
[ -f "$TARGET" ] && exit 0
if [ ! -f "$JAR" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing Debian package libpixelmed-java (DICOM reader)" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libpixelmed-java >/dev/null
  else
    echo "setup: $JAR is missing; install it with: sudo apt-get install libpixelmed-java" >&2
    exit 2
  fi
fi
MVN=(mvn -B -q)
[ "${NERO_MAVEN_OFFLINE:-0}" = 1 ] && MVN+=(-o)   # offline only when asked: the plugin may not be cached yet
"${MVN[@]}" org.apache.maven.plugins:maven-install-plugin:3.1.2:install-file \
  -Dfile="$JAR" -DgroupId=com.pixelmed -DartifactId=pixelmed -Dversion=${PIXELMED_VERSION} \
  -Dpackaging=jar -DlocalRepositoryPath=lib-repo
