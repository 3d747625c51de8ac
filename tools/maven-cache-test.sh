#!/usr/bin/env bash
# The build on any Maven cache (issue 21): every plugin the three POMs use is pinned, and the same version where two
# POMs pin it; no script runs Maven offline unless asked (NERO_MAVEN_OFFLINE=1) or throws Maven's output away.
#   tools/maven-cache-test.sh --lint   the static checks above (a second; .ci/run runs it)
#   tools/maven-cache-test.sh          the build's Maven steps (plugin install, Spark module verify, the class paths,
#                                      tools/spark-build.sh, the launcher's build; no tests) three times, in a new
#                                      HOME (and user.home, which Java does not take from $HOME), so the user's
#                                      ~/.m2 is never touched:
#                                        1. empty ~/.m2 (Maven downloads everything: about 700 MB, 5-15 min)
#                                        2. the same ~/.m2 after filling it with older and newer versions of every
#                                           pinned plugin, their metadata naming the newer one (as a cache that other
#                                           builds filled has it)
#                                        3. as 2, offline (NERO_MAVEN_OFFLINE=1)
#                                      and checks from Maven's log that every plugin that ran is the pinned version.
# KEEP_HOME=1 keeps the home (printed) for further runs, e.g. HOME=THAT ./nero test.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
say() { echo "maven-cache-test: $*" >&2; }
POMS=(pom.xml spark/pom.xml spark/spark-home.pom.xml)

# Pinned versions, as "artifactId version" lines; fails when two POMs pin one plugin differently.
pins() {
  python3 - "${POMS[@]}" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"m": "http://maven.apache.org/POM/4.0.0"}
pinned, bad = {}, []
for pom in sys.argv[1:]:
    for plugin in ET.parse(pom).getroot().iterfind(".//m:build//m:plugin", ns):
        a = plugin.findtext("m:artifactId", namespaces=ns)
        v = plugin.findtext("m:version", namespaces=ns)
        if v is None:
            bad.append(f"{pom}: {a} has no version")
        elif pinned.setdefault(a, (v, pom))[0] != v:
            bad.append(f"{pom}: {a} {v}, but {pinned[a][1]} pins {pinned[a][0]}")
for b in bad:
    print("maven-cache-test: " + b, file=sys.stderr)
for a, (v, _) in sorted(pinned.items()):
    print(a, v)
sys.exit(1 if bad else 0)
PY
}

lint() {
  pins > /dev/null
  # Maven invocations in the launcher and the scripts: no -o of their own, no output thrown away.
  local found
  found="$(grep -nE '(^|[^A-Za-z_])(mvn|"\$\{MVN\[@\]\}"|maven) ' nero tools/*.sh .ci/run \
    | grep -v '^tools/maven-cache-test.sh:' \
    | grep -E '(^|[[:space:]])-o([[:space:]]|$)|>[[:space:]]*/dev/null|2>&1[[:space:]]*>[[:space:]]*/dev/null' || true)"
  if [ -n "$found" ]; then
    say "Maven run offline or with its output discarded:"; echo "$found" >&2; return 1
  fi
  say "lint: $(pins | wc -l) plugins pinned alike in ${POMS[*]}; no script runs Maven offline or silenced"
}

if [ "${1:-}" = "--lint" ]; then
  lint
  exit
fi
lint

WORK_HOME="$(mktemp -d "${TMPDIR:-/tmp}/nero-maven-home.XXXXXX")"
LOGS="$WORK_HOME/logs"
mkdir -p "$LOGS"
[ "${KEEP_HOME:-0}" = 1 ] || trap 'rm -rf "$WORK_HOME"' EXIT
export HOME="$WORK_HOME"
# Java takes user.home from the password database, not from $HOME: Maven (and so ~/.m2) needs it said.
export MAVEN_OPTS="${MAVEN_OPTS:-} -Duser.home=$WORK_HOME"
say "HOME=$HOME (empty ~/.m2)"

# Maven's own steps, with their full log (plugin lines included); then the scripts as a user runs them.
steps() {
  local phase="$1" mvn=(mvn -B)
  [ "${NERO_MAVEN_OFFLINE:-0}" = 1 ] && mvn+=(-o)
  local step
  for step in "-Dmaven.test.skip=true install" "-f spark/pom.xml -DskipTests verify" \
      "-f spark/pom.xml dependency:build-classpath -Dmdep.outputFile=$LOGS/cp.txt" \
      "-f spark/spark-home.pom.xml dependency:build-classpath -Dmdep.outputFile=$LOGS/spark-cp.txt"; do
    # shellcheck disable=SC2086
    "${mvn[@]}" $step > "$LOGS/$phase.log.part" 2>&1 || { cat "$LOGS/$phase.log.part" >&2; say "$phase: mvn $step failed"; return 1; }
    cat "$LOGS/$phase.log.part" >> "$LOGS/$phase.log"
  done
  tools/spark-build.sh 2>> "$LOGS/$phase.scripts.log" || { cat "$LOGS/$phase.scripts.log" >&2; say "$phase: tools/spark-build.sh failed"; return 1; }
  rm -f target/classpath.txt   # the launcher rebuilds its class path with this cache
  ./nero --version >> "$LOGS/$phase.scripts.log" 2>&1 || { cat "$LOGS/$phase.scripts.log" >&2; say "$phase: ./nero --version failed"; return 1; }
  python3 - "$LOGS/$phase.log" "$phase" <<PY
import re, sys
pinned = dict(line.split() for line in """$(pins)""".splitlines())
ran = set(re.findall(r"--- (maven-[a-z-]+-plugin):([^:]+):", open(sys.argv[1]).read()))
wrong = sorted(f"{a} {v} (pinned {pinned.get(a)})" for a, v in ran if pinned.get(a) != v)
print(f"maven-cache-test: {sys.argv[2]}: plugins that ran: " + ", ".join(sorted(f"{a}:{v}" for a, v in ran)),
      file=sys.stderr)
if wrong:
    print(f"maven-cache-test: {sys.argv[2]}: not the pinned version: " + ", ".join(wrong), file=sys.stderr)
    sys.exit(1)
PY
  say "$phase: passed, every plugin at its pinned version"
}

steps empty
[ -d "$HOME/.m2/repository/org/apache/maven/plugins/maven-enforcer-plugin" ] \
  || { say "Maven did not use $HOME/.m2 (MAVEN_OPTS=$MAVEN_OPTS)"; exit 1; }

# Older and newer versions of each pinned plugin (the plugin alone, not its dependencies, as an interrupted or
# partial resolution leaves it), with metadata naming the newer one as the latest release.
declare -A OTHER=(
  [maven-clean-plugin]="3.3.2 3.5.0" [maven-resources-plugin]="2.6 3.4.0" [maven-compiler-plugin]="3.11.0 3.14.0"
  [maven-surefire-plugin]="2.12.4 3.5.2" [maven-jar-plugin]="3.3.0 3.5.0" [maven-install-plugin]="3.1.1 3.1.4"
  [maven-deploy-plugin]="3.1.1 3.1.4" [maven-site-plugin]="3.12.0 3.21.0" [maven-dependency-plugin]="3.5.0 3.8.1"
  [maven-enforcer-plugin]="3.4.1 3.6.1" [maven-shade-plugin]="3.5.1 3.6.1")
DEP_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:$(pins | awk '$1 == "maven-dependency-plugin" {print $2}')"
while read -r artifact _; do
  [ -n "${OTHER[$artifact]:-}" ] || { say "no other versions listed for $artifact: add them to OTHER"; exit 1; }
  newest=""
  for v in ${OTHER[$artifact]}; do
    mvn -B -q "$DEP_PLUGIN:get" -Dtransitive=false -Dartifact="org.apache.maven.plugins:$artifact:$v" \
      || { say "cannot fetch $artifact $v"; exit 1; }
    newest="$v"
  done
  cat > "$HOME/.m2/repository/org/apache/maven/plugins/$artifact/maven-metadata-central.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<metadata>
  <groupId>org.apache.maven.plugins</groupId>
  <artifactId>$artifact</artifactId>
  <versioning>
    <latest>$newest</latest>
    <release>$newest</release>
    <versions>$(for v in ${OTHER[$artifact]}; do printf '<version>%s</version>' "$v"; done)</versions>
    <lastUpdated>$(date -u +%Y%m%d%H%M%S)</lastUpdated>
  </versioning>
</metadata>
XML
done < <(pins)
say "~/.m2 now also holds: $(for a in "${!OTHER[@]}"; do printf '%s %s; ' "$a" "${OTHER[$a]}"; done)"

steps used
NERO_MAVEN_OFFLINE=1 steps used-offline
say "OK: the build passed from an empty ~/.m2 and from one holding other plugin versions (online and offline)"
[ "${KEEP_HOME:-0}" != 1 ] || say "home kept: $HOME"
