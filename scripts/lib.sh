# Shared by scripts/run and scripts/test: find what Passerelle needs on this machine, or say in one
# line what is missing. Sourced, not executed.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

fail() {
  echo "passerelle: $*" >&2
  exit 1
}

java_major() {
  # prints the major version of the java binary given, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1 | cut -d. -f1
}

# Sets JAVA_HOME to a JDK 21 or newer: $JAVA_HOME if it is one, else the newest under the usual places.
find_jdk() {
  local candidate best="" best_major=0 major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major="$(java_major "$JAVA_HOME/bin/java")"
    if [ "${major:-0}" -ge 21 ]; then
      export JAVA_HOME
      return
    fi
  fi
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major="$(java_major "$candidate/bin/java")"
    if [ "${major:-0}" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"
      best_major="$major"
    fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    candidate="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
    major="$(java_major "$candidate/bin/java")"
    [ "${major:-0}" -ge 21 ] && best="$candidate"
  fi
  [ -n "$best" ] || fail "no JDK 21 or newer found (the default java is $(java_major java 2>/dev/null || echo none)): install one, e.g. 'apt-get install openjdk-21-jdk', or set JAVA_HOME"
  export JAVA_HOME="$best"
}

pg_answers() {
  # $1 host, $2 port
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# PostgreSQL on PGHOST:PGPORT (default 127.0.0.1:5432). If it does not answer, start this machine's
# cluster; else say how.
ensure_postgres() {
  local host="${PASSERELLE_DB_HOST:-127.0.0.1}" port="${PASSERELLE_DB_PORT:-5432}" version
  pg_answers "$host" "$port" && return
  if [ "$host" = "127.0.0.1" ] || [ "$host" = "localhost" ]; then
    if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
      version="$(ls /etc/postgresql | sort -V | tail -n 1)"
      echo "passerelle: PostgreSQL does not answer on $host:$port; starting cluster $version/main" >&2
      pg_ctlcluster --skip-systemctl-redirect "$version" main start >/dev/null 2>&1 || true
      for _ in $(seq 1 30); do
        pg_answers "$host" "$port" && return
        sleep 1
      done
    fi
  fi
  fail "PostgreSQL does not answer on $host:$port: start it (pg_ctlcluster <version> main start) or point SPRING_DATASOURCE_URL at one"
}

mvnw() {
  "$ROOT/mvnw" "$@"
}

apt_install() {
  command -v apt-get >/dev/null 2>&1 || return 1
  local sudo=""
  [ "$(id -u)" -eq 0 ] || { command -v sudo >/dev/null 2>&1 && sudo="sudo -n"; } || return 1
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "$@" >/dev/null 2>&1 \
    || { DEBIAN_FRONTEND=noninteractive $sudo apt-get update -q >/dev/null 2>&1 \
         && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "$@" >/dev/null 2>&1; }
}

# Debian's chromium and chromium-driver for the browser tests (never a tool's own browser download).
ensure_chromium() {
  local browser="${PASSERELLE_CHROMIUM:-/usr/bin/chromium}" driver="${PASSERELLE_CHROMEDRIVER:-/usr/bin/chromedriver}"
  [ -x "$browser" ] && [ -x "$driver" ] && return
  echo "passerelle: installing Debian's chromium and chromium-driver for the browser tests" >&2
  apt_install chromium chromium-driver || true
  [ -x "$browser" ] && [ -x "$driver" ] \
    || fail "the browser tests need Chromium and ChromeDriver: install them with 'apt-get install chromium chromium-driver' (or set PASSERELLE_CHROMIUM and PASSERELLE_CHROMEDRIVER)"
}

# Node.js and npm run the BPMN lint (bpmnlint, the rules Desktop Modeler checks) in the build.
ensure_node() {
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 && return
  echo "passerelle: installing Debian's nodejs and npm for the BPMN lint" >&2
  apt_install nodejs npm || true
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 \
    || fail "the BPMN lint needs Node.js and npm: install them with 'apt-get install nodejs npm'"
}
