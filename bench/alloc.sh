#!/usr/bin/env bash
# alloc.sh - does jvswitch allocate per packet in steady state? A benchmark, not a test.
#
# Builds anchors.sh's topology (ns1 v1 <-> v1p [jvswitch] v2p <-> v2 ns2), starts
# bin/jvs-vswitchd on it as compare.sh does, drives 64-byte UDP frames from ns1 to ns2 at the
# generator's full rate (trafgen), and lets AllocProbe.java attach to the daemon from outside and
# read, over a window of full load, the allocated bytes of its packet threads (names matching
# THREADS, the PMD agents) and every garbage collection with its pause. Prints bytes per
# forwarded packet and exits 1 - loudly, on stderr - when the packet threads allocated anything
# (more than MAX_BYTES) or a collection paused longer than MAX_PAUSE_MS.
#
#   bench/alloc.sh                  60 s window after 10 s of warm-up (issue 6's definition)
#   SECONDS_=10 bench/alloc.sh      a quick look
#
# Environment knobs [defaults]:
#   SECONDS_      [60]     measuring window (s)
#   WARMUP_S      [10]     load before the window opens (JIT, caches, MAC learning)
#   THREADS       [pmd-.*] regex of the packet threads' names in the daemon
#   MAX_BYTES     [0]      allocated bytes allowed on those threads over the window
#   MAX_PAUSE_MS  [1]      longest GC pause allowed in the window (whole JVM)
#   OFFLOAD       [off]    anchors.sh OFFLOAD (veth offloads of the four ends)
#   JVS_HOME, JVS_OTHER_CONFIG, JVS_VSWITCHD_OPTS, BUILD, INSTALL, ANCHORS, OUT_DIR as in compare.sh
#
# Counted packets: tx_packets of v1p and v2p in the root namespace, i.e. every frame the switch
# sent (the UDP flood one way, the ICMP errors ns2 sends back the other).

set -u
set -o pipefail

SELF=$(readlink -f "$0")
ROOT=$(cd "$(dirname "$SELF")/.." && pwd)
JVS_HOME=${JVS_HOME:-$ROOT}

log() { echo "# alloc: $*" >&2; }
die() { echo "alloc.sh: $*" >&2; exit 2; }
# shellcheck source=bench/lib.sh
. "$(dirname "$SELF")/lib.sh"

SECONDS_=${SECONDS_:-60}
WARMUP_S=${WARMUP_S:-10}
THREADS=${THREADS:-pmd-.*}
MAX_BYTES=${MAX_BYTES:-0}
MAX_PAUSE_MS=${MAX_PAUSE_MS:-1}
export OFFLOAD=${OFFLOAD:-off}
JVS_OTHER_CONFIG=${JVS_OTHER_CONFIG:-}
BUILD=${BUILD:-auto}
INSTALL=${INSTALL:-1}
OUT_DIR=${OUT_DIR:-${TMPDIR:-/tmp}/jvs-alloc-$(date -u +%Y%m%dT%H%M%SZ)}

PFX=jcb$$
export NS1=$PFX-n1 NS2=$PFX-n2 V1=$PFX-v1 V2=$PFX-v2 V1P=$PFX-v1p V2P=$PFX-v2p
JVS_BR=$PFX-br
JVS_TAG=alloc

[ "$(id -u)" -eq 0 ] || die "must run as root (namespaces, veths, AF_PACKET)"
ANCHORS=$(find_anchors) || die "anchors.sh not found: set ANCHORS=/path/to/shared/bench/anchors.sh"
mkdir -p "$OUT_DIR/state" || die "cannot create $OUT_DIR"

TG_PID=""
cleanup() {
    if pid_alive "$TG_PID"; then kill "$TG_PID" 2>/dev/null; wait "$TG_PID" 2>/dev/null; fi
    jvs_stop
    STATE_DIR=$OUT_DIR/state bash "$ANCHORS" teardown >/dev/null 2>&1
    ip link del "$JVS_BR" 2>/dev/null
    return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

sweep_stale
install_missing 0 1
build_jvs

STATE_DIR=$OUT_DIR/state bash "$ANCHORS" setup external 2>>"$OUT_DIR/anchors.log" \
    || die "topology setup failed (see $OUT_DIR/anchors.log)"
jvs_start || die "jvswitch failed to start or to take the ports (see $OUT_DIR)"
wait_forwarding 30 || die "no forwarding through jvswitch after 30 s"
log "jvs-vswitchd pid $JVS_PID forwards; load avg $(cut -d' ' -f1-3 /proc/loadavg)"

cat > "$OUT_DIR/udp.trafgen" <<EOF
{
  eth(da=02:18:00:00:00:02, sa=02:18:00:00:00:01, type=0x0800),
  ipv4(saddr=198.18.0.1, daddr=198.18.0.2, ttl=64, proto=17),
  udp(sport=9, dport=9),
  fill(0x00, 18)
}
EOF
total=$((WARMUP_S + SECONDS_ + 15))
ip netns exec "$NS1" timeout -s INT -k 5 "$total" trafgen -o "$V1" -i "$OUT_DIR/udp.trafgen" -P 1 \
    --no-sock-mem > "$OUT_DIR/trafgen.out" 2>&1 &
TG_PID=$!
log "load running; measuring ${SECONDS_}s after ${WARMUP_S}s of warm-up (threads /$THREADS/)"

java --add-modules jdk.attach "$(dirname "$SELF")/AllocProbe.java" --pid "$JVS_PID" --threads "$THREADS" \
    --seconds "$SECONDS_" --warmup "$WARMUP_S" --max-bytes "$MAX_BYTES" --max-pause-ms "$MAX_PAUSE_MS" \
    --packets "/sys/class/net/$V1P/statistics/tx_packets" --packets "/sys/class/net/$V2P/statistics/tx_packets" \
    | tee "$OUT_DIR/alloc.txt"
rc=${PIPESTATUS[0]}
{
    echo "date=$(date -u +%FT%TZ) cpus=$(nproc) load=$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "jvs: $(git -C "$JVS_HOME" log -1 --format='%h %s' 2>/dev/null)"
    echo "command: SECONDS_=$SECONDS_ WARMUP_S=$WARMUP_S THREADS='$THREADS' OFFLOAD=$OFFLOAD $SELF"
} >> "$OUT_DIR/alloc.txt"
jvs_env
timeout 20 "$JVS_HOME/bin/jvs-appctl" dpif/show > "$OUT_DIR/dpif-show.txt" 2>&1
log "results in $OUT_DIR"
exit "$rc"
