#!/bin/sh
# One command from a fresh clone to a running switch (Debian 12, as root):
#   ./build-and-run.sh
# If jvs-vswitchd already runs on this run directory, says so and stops there. Otherwise installs
# the JDK and Maven when missing, builds every module (tests skipped: ./run-tests.sh runs them)
# and starts jvs-vswitchd detached on the embedded configuration store.
# Locations: JVS_RUNDIR (default /run/jvs), JVS_DBDIR (/var/lib/jvs), JVS_LOGDIR (/var/log/jvs).
set -eu
cd "$(dirname "$(readlink -f "$0")")"
run_dir=${JVS_RUNDIR:-/run/jvs}
log_dir=${JVS_LOGDIR:-/var/log/jvs}

# A daemon already serving here is left alone, and so are its jars: rewriting a jar under a
# running JVM can break its class loading.
if status=$(bin/jvs-ctl status); then
  echo "build-and-run: $status on $run_dir; not rebuilding under it."
  echo "Stop it with: bin/jvs-ctl stop   (or: bin/jvs-appctl exit), then run ./build-and-run.sh again."
  exit 0
fi

need=
command -v java >/dev/null 2>&1 || need="$need openjdk-17-jdk-headless"
command -v mvn >/dev/null 2>&1 || need="$need maven"
if [ -n "$need" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "build-and-run: missing$need (run as root to install them)" >&2
    exit 1
  fi
  echo "build-and-run: installing$need"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
fi

echo "build-and-run: building (mvn -B -q package -DskipTests)..."
# jansi.noreset: Debian's Maven otherwise prints terminal reset codes even with -q -B.
MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -q -Dstyle.color=never package -DskipTests

bin/jvs-vswitchd --detach --pidfile --log-file
# The clients' first answered call records a class-data archive that makes later calls faster.
bin/jvs-appctl version >/dev/null 2>&1 || true
bin/jvs-vsctl show >/dev/null 2>&1 || true

cat <<MSG
jvs-vswitchd is running (pid $(cat "$run_dir/jvs-vswitchd.pid")).
  control socket  $run_dir/jvs.sock
  database        ${JVS_DBDIR:-/var/lib/jvs}/conf.db
  log             $log_dir/jvs-vswitchd.log

Try:
  bin/jvs-vsctl add-br br0
  bin/jvs-vsctl add-port br0 veth0
  bin/jvs-vsctl show
  bin/jvs-ofctl dump-flows br0
  bin/jvs-appctl vlog/list

For libvirt and scripts that call ovs-vsctl/ovs-ofctl:
  ln -s $PWD/bin/jvs-vsctl /usr/local/bin/ovs-vsctl
  ln -s $PWD/bin/jvs-ofctl /usr/local/bin/ovs-ofctl

Stop it with: bin/jvs-ctl stop   (or: bin/jvs-appctl exit)
MSG
