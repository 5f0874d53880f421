# lib.sh - shared by compare.sh and alloc.sh (sourced, not run).
#
# Expects from the caller: log/die functions, ROOT (repository), JVS_HOME, OUT_DIR, BUILD,
# INSTALL, the anchors.sh names exported (NS1 NS2 V1 V2 V1P V2P), JVS_BR (bridge name),
# JVS_OTHER_CONFIG, JVS_SFLOW_SAMPLING (sFlow 1-in-N on the bridge when set), JVS_TAG (suffix of
# the saved daemon log).

pid_alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

find_anchors() {
    local c
    for c in "${ANCHORS:-}" "$ROOT/../shared/bench/anchors.sh" "$ROOT/../../shared/bench/anchors.sh"; do
        [ -n "$c" ] && [ -f "$c" ] && { readlink -f "$c"; return 0; }
    done
    return 1
}
install_missing() {   # $1 = need Open vSwitch (0|1), $2 = need the JDK and Maven (0|1)
    local pkgs=() cmd ovs_before=0
    for cmd in ip:iproute2 ss:iproute2 ethtool:ethtool ping:iputils-ping iperf3:iperf3 \
               trafgen:netsniff-ng awk:gawk; do
        command -v "${cmd%%:*}" >/dev/null 2>&1 || pkgs+=("${cmd#*:}")
    done
    if [ "$1" = 1 ]; then
        for cmd in ovs-vswitchd ovsdb-server ovsdb-tool ovs-vsctl ovs-ofctl ovs-appctl; do
            command -v "$cmd" >/dev/null 2>&1 || { pkgs+=(openvswitch-switch); break; }
        done
    fi
    if [ "$2" = 1 ]; then
        command -v java >/dev/null 2>&1 || pkgs+=(openjdk-17-jdk-headless)
        command -v mvn >/dev/null 2>&1 || pkgs+=(maven)
    fi
    [ "${#pkgs[@]}" -eq 0 ] && return 0
    [ "$INSTALL" = 1 ] || die "missing packages: ${pkgs[*]} (INSTALL=0)"
    mapfile -t pkgs < <(printf '%s\n' "${pkgs[@]}" | sort -u)
    system_ovs_running && ovs_before=1
    log "installing: ${pkgs[*]}"
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >"$OUT_DIR/apt.log" 2>&1; then
        apt-get update -qq >>"$OUT_DIR/apt.log" 2>&1
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >>"$OUT_DIR/apt.log" 2>&1 \
            || die "apt-get install ${pkgs[*]} failed (see $OUT_DIR/apt.log)"
    fi
    # the package's init script may have started the system Open vSwitch: we never use it
    # and it must not take CPU during the measurements
    if [ "$ovs_before" = 0 ] && system_ovs_running; then
        log "stopping the system Open vSwitch that the install started"
        if [ -x /usr/share/openvswitch/scripts/ovs-ctl ]; then
            /usr/share/openvswitch/scripts/ovs-ctl stop >>"$OUT_DIR/apt.log" 2>&1
        else
            /etc/init.d/openvswitch-switch stop >>"$OUT_DIR/apt.log" 2>&1
        fi
    fi
    return 0
}
system_ovs_running() {
    local f
    for f in /var/run/openvswitch/ovs-vswitchd.pid /var/run/openvswitch/ovsdb-server.pid; do
        [ -f "$f" ] && pid_alive "$(cat "$f" 2>/dev/null)" && return 0
    done
    return 1
}

build_jvs() {
    local jars_ok=1
    [ -f "$JVS_HOME/datapath/target/datapath.jar" ] || jars_ok=0
    [ -f "$JVS_HOME/controller-cli/target/controller-cli.jar" ] || jars_ok=0
    [ -x "$JVS_HOME/bin/jvs-vswitchd" ] || die "$JVS_HOME/bin/jvs-vswitchd not found (JVS_HOME=$JVS_HOME)"
    if [ "$BUILD" = 1 ] || { [ "$BUILD" = auto ] && [ "$jars_ok" = 0 ]; }; then
        log "building jvswitch (mvn package -DskipTests, datapath + controller-cli); log: $OUT_DIR/build.log"
        (cd "$JVS_HOME" && mvn -B -q -Dstyle.color=never package -DskipTests -pl datapath,controller-cli -am) \
            >"$OUT_DIR/build.log" 2>&1 || die "build failed (see $OUT_DIR/build.log)"
    elif [ "$jars_ok" = 0 ]; then
        die "jvswitch jars missing and BUILD=0"
    fi
}

sweep_stale() {   # namespaces and devices of earlier runs whose script is gone
    local n pid
    for n in $(ip netns list 2>/dev/null | awk '{print $1}' | grep -E '^jcb[0-9]+-'); do
        pid=${n#jcb}; pid=${pid%%-*}
        pid_alive "$pid" || { log "removing stale namespace $n"; ip netns del "$n" 2>/dev/null; }
    done
    for n in $(ip -o link show 2>/dev/null | awk -F': ' '{print $2}' | sed 's/@.*//' | grep -E '^jcb[0-9]+-'); do
        pid=${n#jcb}; pid=${pid%%-*}
        pid_alive "$pid" || { log "removing stale device $n"; ip link del "$n" 2>/dev/null; }
    done
    return 0
}

JVS_DIR=""
JVS_PID=""
jvs_env() { export JVS_RUNDIR=$JVS_DIR/run JVS_DBDIR=$JVS_DIR/db JVS_LOGDIR=$JVS_DIR/log; }

jvs_stop() {
    [ -n "$JVS_DIR" ] || return 0
    local pf=$JVS_DIR/run/jvs-vswitchd.pid pid _
    pid=$(cat "$pf" 2>/dev/null)
    if pid_alive "$pid"; then
        jvs_env
        timeout 20 "$JVS_HOME/bin/jvs-vsctl" --if-exists del-br "$JVS_BR" >/dev/null 2>&1
        kill "$pid" 2>/dev/null
        for _ in $(seq 1 100); do pid_alive "$pid" || break; sleep 0.1; done
        pid_alive "$pid" && { log "jvs-vswitchd $pid did not stop on SIGTERM; killing it"; kill -9 "$pid"; }
    fi
    # the bridge's internal port is a TAP device the daemon created
    ip -d link show "$JVS_BR" 2>/dev/null | grep -q ' tun type tap' && ip link del "$JVS_BR" 2>/dev/null
    [ -f "$JVS_DIR/log/jvs-vswitchd.log" ] && cp "$JVS_DIR/log/jvs-vswitchd.log" "$OUT_DIR/jvs-vswitchd.$JVS_TAG.log"
    rm -rf "$JVS_DIR"
    JVS_DIR=""
    return 0
}

jvs_start() {   # start the daemon, make a bridge of V1P and V2P; sets JVS_PID
    JVS_DIR=$(mktemp -d "${TMPDIR:-/tmp}/jvs-bench-daemon.XXXXXX") || die "mktemp"
    mkdir -p "$JVS_DIR/run" "$JVS_DIR/db" "$JVS_DIR/log"
    jvs_env
    "$JVS_HOME/bin/jvs-vswitchd" --detach --pidfile --log-file >"$JVS_DIR/start.out" 2>&1 \
        || { cat "$JVS_DIR/start.out" >&2; return 1; }
    JVS_PID=$(cat "$JVS_RUNDIR/jvs-vswitchd.pid" 2>/dev/null)
    pid_alive "$JVS_PID" || { log "jvs-vswitchd: no live pid in $JVS_RUNDIR/jvs-vswitchd.pid"; return 1; }
    local kv vsctl=("$JVS_HOME/bin/jvs-vsctl" --timeout=30)
    if [ -n "$JVS_OTHER_CONFIG" ]; then
        for kv in $JVS_OTHER_CONFIG; do
            "${vsctl[@]}" set Open_vSwitch . "other_config:$kv" || { log "bad JVS_OTHER_CONFIG item '$kv'"; return 1; }
        done
        # pmd-idle, pmd-spin-window-ms and pmd-threads are read when the daemon starts: restart it
        kill "$JVS_PID" 2>/dev/null
        local _
        for _ in $(seq 1 100); do pid_alive "$JVS_PID" || break; sleep 0.1; done
        "$JVS_HOME/bin/jvs-vswitchd" --detach --pidfile --log-file >>"$JVS_DIR/start.out" 2>&1 \
            || { cat "$JVS_DIR/start.out" >&2; return 1; }
        JVS_PID=$(cat "$JVS_RUNDIR/jvs-vswitchd.pid" 2>/dev/null)
        pid_alive "$JVS_PID" || { log "jvs-vswitchd did not come back after the other_config restart"; return 1; }
    fi
    "${vsctl[@]}" add-br "$JVS_BR" \
        -- add-port "$JVS_BR" "$V1P" -- set Interface "$V1P" ofport_request=1 \
        -- add-port "$JVS_BR" "$V2P" -- set Interface "$V2P" ofport_request=2 \
        || { log "jvs-vsctl add-br/add-port failed"; return 1; }
    sysctl -qw "net.ipv6.conf.$JVS_BR.disable_ipv6=1" >/dev/null 2>&1
    if [ -n "${JVS_SFLOW_SAMPLING:-}" ]; then
        # sFlow as a user configures it, sending to a local port nobody reads (the datagrams are
        # built and sent all the same; the kernel drops them).
        "${vsctl[@]}" -- --id=@s create sflow agent=127.0.0.1 target="\"127.0.0.1:${JVS_SFLOW_PORT:-6343}\"" \
            header=128 sampling="$JVS_SFLOW_SAMPLING" polling=10 -- set bridge "$JVS_BR" sflow=@s >/dev/null \
            || { log "jvs-vsctl create sflow failed"; return 1; }
    fi
    return 0
}

wait_forwarding() {   # up to $1 seconds until ns1 reaches ns2 through the switch
    local deadline=$((SECONDS + $1))
    while [ "$SECONDS" -lt "$deadline" ]; do
        ip netns exec "$NS1" ping -n -q -c 1 -W 1 198.18.0.2 >/dev/null 2>&1 && return 0
        sleep 0.2
    done
    return 1
}

