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

# The JVM options Passerelle runs with (scripts/run, scripts/bench). The serial collector: on two
# cores G1's concurrent marking and write barriers took a fifth of the CPU and made the journey
# 40-60% slower (README, "Benchmark"). A heap of up to 1,536 MB, used only in a burst: a 7-day
# clock jump with 11,600 invitations waiting makes the engine's log hold what it has not processed
# yet (Zeebe's timer checker writes the due timers' triggers again on every pass, every 100 ms,
# until the engine has processed them), and the serial collector's old generation is two thirds of
# the heap: 512 MB ran out, and 768 MB on a machine half as fast (December 2026). A JVM out of
# memory stops (-XX:+ExitOnOutOfMemoryError) rather than run on with dead threads. The heap shrinks
# back at the next full collection to 1/0.7 of what is live, at once (-ShrinkHeapInSteps: by
# default it takes four full collections to give the memory back). The C heap (RocksDB, Netty)
# trimmed every 10 s: what glibc keeps freed goes back to the system (RSS -20 MB after a 3,000
# bulk). The young generation within 128 MB: a burst's garbage is collected every 128 MB instead
# of piling up to a third of the heap (the peak the benchmark samples). Smaller thread stacks.
# PASSERELLE_JAVA_OPTS replaces them.
app_java_opts() {
  echo "${PASSERELLE_JAVA_OPTS:--XX:+UseSerialGC -Xms64m -Xmx1536m -XX:MaxNewSize=128m -XX:+ExitOnOutOfMemoryError -XX:MaxHeapFreeRatio=30 -XX:MinHeapFreeRatio=10 -XX:-ShrinkHeapInSteps -XX:TrimNativeHeapInterval=10000 -Xss512k}"
}

# Prepares app/target/passerelle-app.jar for a fast start and sets APP_JAR and APP_AOT_OPTS:
# the jar extracted (app/target/run: a class path the JVM can cache, which a nested jar is not)
# and, on a JDK 25 or newer, an ahead-of-time cache of its loaded and linked classes made by one
# training start that stops once the application is ready (passerelle.exit-when-ready: the models
# deployed, the first administrator and the development data made), against a database of its
# own. Done once per jar content and JVM options (about 20 s); start-up then takes about 40% less.
prepare_app() {
  local jar="$ROOT/app/target/passerelle-app.jar" dir="$ROOT/app/target/run" sum
  [ -f "$jar" ] || fail "no application jar at $jar: build it first"
  # the jar's contents (a rebuild of the same code keeps them) and the JVM options the cache is for
  if command -v unzip >/dev/null 2>&1; then
    sum="$({ unzip -p "$jar"; app_java_opts; } | sha256sum | cut -d' ' -f1)"
  else
    sum="$({ cat "$jar"; app_java_opts; } | sha256sum | cut -d' ' -f1)"
  fi
  APP_JAR="$dir/passerelle-app.jar"
  APP_AOT_OPTS=""
  if [ "$(cat "$dir/.content-sha256" 2>/dev/null)" != "$sum" ]; then
    rm -rf "$dir"
    "$JAVA_HOME/bin/java" -Djarmode=tools -jar "$jar" extract --destination "$dir" >/dev/null \
      || fail "cannot extract $jar"
    if [ "$(java_major "$JAVA_HOME/bin/java")" -ge 25 ]; then
      echo "passerelle: making the start-up cache (once per build of new code, about 20 s)" >&2
      # shellcheck disable=SC2046
      # a temporary data directory: the training start never touches ./data
      if ! SERVER_PORT=0 PASSERELLE_ENGINE_PORT=0 PASSERELLE_DEV_MAIL_PORT=0 PASSERELLE_ENGINE_MODE=embedded \
        PASSERELLE_ENGINE_TEMPORARY_DATA_DIR=true \
        SPRING_DATASOURCE_URL="jdbc:postgresql://${PASSERELLE_DB_HOST:-127.0.0.1}:${PASSERELLE_DB_PORT:-5432}/passerelle_aot_training" \
        "$JAVA_HOME/bin/java" $(app_java_opts) -XX:+EnableDynamicAgentLoading --enable-native-access=ALL-UNNAMED \
        -XX:AOTCacheOutput="$dir/passerelle.aot" -Dpasserelle.exit-when-ready=true \
        -jar "$APP_JAR" >"$dir/aot-training.log" 2>&1; then
        echo "passerelle: no start-up cache (see $dir/aot-training.log); starting without it" >&2
        rm -f "$dir/passerelle.aot"
      fi
    fi
    echo "$sum" >"$dir/.content-sha256"
  fi
  [ -f "$dir/passerelle.aot" ] && APP_AOT_OPTS="-XX:AOTCache=$dir/passerelle.aot"
  # glibc's per-thread malloc arenas (RocksDB, Netty) otherwise add to the resident memory
  export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
}
