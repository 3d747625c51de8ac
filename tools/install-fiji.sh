#!/usr/bin/env bash
# Installs NERO for Fiji into a Fiji folder (the one holding jars/ and plugins/, e.g. Fiji.app), adding only what
# that Fiji lacks: a library Fiji already has is kept when NERO runs with Fiji's version, replaced (and reported)
# only when Fiji's is older than NERO needs; no SLF4J jar is ever added (Fiji's logback stays the one binding).
# Replaced jars are kept in FIJI_DIR/.nero-ood/ so that --uninstall restores Fiji exactly.
# Usage:
#   tools/install-fiji.sh FIJI_DIR                 install (a previous NERO installation is removed first)
#   tools/install-fiji.sh --dry-run FIJI_DIR       print what would be done, change nothing
#   tools/install-fiji.sh --uninstall FIJI_DIR     remove NERO, restore what it replaced
#   tools/install-fiji.sh --update-site OUT FIJI_DIR
#                                                  write the same files into OUT, laid out like an update site
#                                                  (Fiji.app-relative paths), against FIJI_DIR as the reference
# Environment: NERO_SKIP_BUILD=1 uses target/fiji-overlay as it is (tools/package-fiji.sh builds it otherwise).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
MODE=install; OUT=
case "${1:-}" in
  --dry-run) MODE=plan; shift ;;
  --uninstall) MODE=uninstall; shift ;;
  --update-site) MODE=update-site; OUT=${2:?usage: tools/install-fiji.sh --update-site OUT FIJI_DIR}; shift 2 ;;
  -h|--help|"") sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; [ -n "${1:-}" ]; exit $? ;;
esac
FIJI_DIR=${1:?usage: tools/install-fiji.sh [--dry-run|--uninstall|--update-site OUT] FIJI_DIR}
OVERLAY=$ROOT/target/fiji-overlay
if [ "$MODE" != uninstall ] && [ "${NERO_SKIP_BUILD:-0}" != 1 ]; then
  "$ROOT/tools/package-fiji.sh" >&2
fi
JAR=$(ls "$OVERLAY"/plugins/NERO_OOD-*.jar 2>/dev/null | head -1 || true)
if [ -z "$JAR" ] && [ "$MODE" = uninstall ]; then
  # Uninstalling needs only the installer class, which every plugin jar has, the installed one too.
  JAR=$(ls "$ROOT"/target/NERO_OOD-*.jar "$FIJI_DIR"/plugins/NERO_OOD-*.jar 2>/dev/null | head -1 || true)
  if [ -n "$JAR" ]; then TMPJAR=$(mktemp --suffix=.jar); cp "$JAR" "$TMPJAR"; JAR=$TMPJAR; fi
fi
[ -n "$JAR" ] || { echo "install-fiji: no plugin jar; run tools/package-fiji.sh first" >&2; exit 1; }
case "$MODE" in
  install|plan) exec java -cp "$JAR" nero.install.FijiInstall "$MODE" "$OVERLAY" "$FIJI_DIR" ;;
  uninstall) exec java -cp "$JAR" nero.install.FijiInstall uninstall "$FIJI_DIR" ;;
  update-site) exec java -cp "$JAR" nero.install.FijiInstall update-site "$OVERLAY" "$FIJI_DIR" "$OUT" ;;
esac
