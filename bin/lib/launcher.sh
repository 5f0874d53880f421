# Shared by the launchers in bin/ (sourced, not run). Expects JVS_HOME (the repository root).
# The launchers run the jars the Maven build leaves in <module>/target: <module>.jar plus
# target/lib/* (its runtime dependencies).

jvs_java() {
  if [ -n "${JAVA_HOME:-}" ]; then
    echo "$JAVA_HOME/bin/java"
  else
    echo java
  fi
}

# jvs_classpath MODULE PROGRAM: the module's class path; exits with a message when not built.
jvs_classpath() {
  jar="$JVS_HOME/$1/target/$1.jar"
  if [ ! -f "$jar" ]; then
    echo "$2: $jar not found; build first (mvn -B -q package -DskipTests, or ./build-and-run.sh)" >&2
    exit 1
  fi
  echo "$jar:$JVS_HOME/$1/target/lib/*"
}

# jvs_exec_client MODULE MAIN_CLASS ARGS...: runs a command-line client in a short-lived JVM.
# Start-up time is what matters (libvirt gives ovs-vsctl 5 s, people want ~0.3 s): a small heap
# and GC, C1 only, and a class-data-sharing archive (AppCDS) per client, made by the first run
# that succeeds and remade when the jars change. JVS_CDS=0 turns the archive off.
jvs_exec_client() {
  module=$1
  main=$2
  shift 2
  prog=$(basename "$0")
  cp=$(jvs_classpath "$module" "$prog") || exit 1
  tty=0
  [ -t 1 ] && tty=1
  java=$(jvs_java)
  set -- -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xss512k -Xlog:disable \
    -Xlog:all=error:stderr -Djvs.prog="$prog" -Djvs.stdout.tty="$tty" -cp "$cp" "$main" "$@"
  cds_dir="$JVS_HOME/$module/target/cds"
  # One archive per JDK: an archive made by another JVM would be ignored without a word.
  jdk_id=$(readlink -f "$(command -v "$java")" | cksum | cut -d ' ' -f 1)
  jsa="$cds_dir/${main##*.}-$jdk_id.jsa"
  if [ "${JVS_CDS:-1}" = 0 ]; then
    exec "$java" $JVS_CLIENT_OPTS "$@"
  fi
  # An archive is only valid for the jars it was made from (the JVM would silently ignore it).
  if [ -f "$jsa" ] && [ -z "$(find "$JVS_HOME/$module/target" -maxdepth 2 -name '*.jar' -newer "$jsa" 2>/dev/null)" ]
  then
    exec "$java" -XX:SharedArchiveFile="$jsa" $JVS_CLIENT_OPTS "$@"
  fi
  if ! mkdir -p "$cds_dir" 2>/dev/null || [ ! -w "$cds_dir" ]; then
    exec "$java" $JVS_CLIENT_OPTS "$@"
  fi
  # No archive yet (or an old one): this run records the classes it loads. Only a run that got
  # a reply from the daemon has loaded the whole client path (the client then creates the
  # marker file), so only its archive is kept.
  tmp="$jsa.$$.tmp"
  "$java" -XX:ArchiveClassesAtExit="$tmp" -Djvs.reply.marker="$tmp.replied" $JVS_CLIENT_OPTS "$@"
  rc=$?
  if [ -f "$tmp.replied" ] && [ -f "$tmp" ]; then
    mv -f "$tmp" "$jsa"
  fi
  rm -f "$tmp" "$tmp.replied"
  exit "$rc"
}
