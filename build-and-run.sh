#!/bin/sh
# One command from a fresh clone to a running switch (Debian 12, as root):
#   ./build-and-run.sh
# Installs the JDK and Maven when missing, builds every module (tests skipped: ./run-tests.sh
# runs them), then starts jvs-vswitchd detached on the embedded configuration store, unless one
# already serves on this run directory. Locations: JVS_RUNDIR (default /run/jvs), JVS_DBDIR
# (/var/lib/jvs), JVS_LOGDIR (/var/log/jvs).
set -eu
cd "$(dirname "$(readlink -f "$0")")"
run_dir=${JVS_RUNDIR:-/run/jvs}
log_dir=${JVS_LOGDIR:-/var/log/jvs}

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
mvn -B -q -Dstyle.color=never package -DskipTests

if bin/jvs-appctl version >/dev/null 2>&1; then
  pid=$(cat "$run_dir/jvs-vswitchd.pid" 2>/dev/null || echo "?")
  echo "build-and-run: jvs-vswitchd is already running on $run_dir (pid $pid)."
  echo "Stop it with: bin/jvs-ctl stop   (or: bin/jvs-appctl exit)"
  exit 0
fi

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
