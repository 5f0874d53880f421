#!/usr/bin/env bash
# flows.sh - issue 6's row "10,000 flows in 8 masks, traffic over 1,000 of them: rate >= 0.8 x the
# single-flow rate", end to end through jvswitch. A benchmark, not a test.
#
# Builds anchors.sh's topology (ns1 v1 <-> v1p [jvswitch] v2p <-> v2 ns2, `setup external`),
# starts bin/jvs-vswitchd on it as compare.sh does (scratch JVS_RUNDIR/DBDIR/LOGDIR, bridge
# jcb<pid>-br with v1p = OpenFlow port 1 and v2p = port 2), then alternates two cases over REPS
# rounds, measuring 64-byte UDP frames delivered into ns2 (trafgen in ns1 at full speed, as
# anchors.sh's udp64 test):
#
#   single   the bridge's default table (priority=0,actions=NORMAL), one UDP flow
#            198.18.0.1:9 -> 198.18.0.2:9 (anchors.sh's frame)
#   flows    10,000 rules in 8 masks (+ the NORMAL default at priority 0, for ARP and ping),
#            all "actions=output:2", and traffic spread over 1,000 of them: 8 trafgen packet
#            templates (one per mask), each stepping its source address and source port in
#            lockstep through 125 rules of its mask
#
# Rule (k, j), k = mask 0..7, j = 0..1249, priority 100+k, matches UDP from
# 198.18.(16(k+1) + (j+1)/256).((j+1)%256) port 2048(k+1)+j; each mask has its own address and
# port range, so a frame matches exactly one of the 10,000 rules. The masks:
#   0 udp,nw_src          1 udp,tp_src                2 udp,nw_src,tp_src     3 udp,in_port,nw_src
#   4 udp,nw_src,nw_dst   5 udp,tp_src,tp_dst         6 udp,dl_src,tp_src     7 ip,nw_src
# (the same table as benchmarks' io.jvswitch.bench.datapath.FlowSet, whose per-stage costs
# docs/PERFORMANCE.md reports). Frames keep v1's and v2's MAC addresses and go to 198.18.0.2:9,
# where (if python3 exists) a bound UDP socket that is never read drops them, as in anchors.sh.
#
# After every "flows" window the script checks that the traffic really was spread: the number
# of the 10,000 rules with n_packets > 0 (jvs-ofctl dump-flows; expected 1,000) and the lookup
# stages that decided the window's frames (jvs-appctl dpif/show: EMC, megaflow, classifier).
#
#   bench/flows.sh                   REPS=3 rounds (~2-3 min)
#   REPS=1 PPS_SECS=3 bench/flows.sh a quick look
#
# Environment knobs [defaults]:
#   REPS        [3]   rounds; each round measures both cases (order alternating), medians reported
#   PPS_SECS    [5]   measuring window (s)
#   PPS_WARMUP  [2]   traffic before each window opens (s): caches
#   WARMUP_S    [5]   once, before round 1: each case's traffic for this long, unmeasured (the
#                     daemon's JIT compiles the pipeline for both tables)
#   OFFLOAD     [off] anchors.sh OFFLOAD (veth offloads of the four ends)
#   JVS_HOME, JVS_OTHER_CONFIG, JVS_VSWITCHD_OPTS, BUILD, INSTALL, ANCHORS, OUT_DIR as in compare.sh
#   (OUT_DIR defaults to ${TMPDIR:-/tmp}/jvs-flows-<UTC time>, kept: raw.txt, table.md, logs)
#
# Output: progress on stderr, the Markdown table on stdout (and in OUT_DIR/table.md). Exit status
# 0 when both cases were measured in every round, 1 when the ratio is under 0.8 or fewer than
# 1,000 rules were hit, 2 on a set-up error. Everything created (namespaces, veths, the daemon
# and its directory) is removed on exit, also on Ctrl-C; names are jcb<pid>-*.

set -u
set -o pipefail

SELF=$(readlink -f "$0")
ROOT=$(cd "$(dirname "$SELF")/.." && pwd)
JVS_HOME=${JVS_HOME:-$ROOT}

log() { echo "# flows: $*" >&2; }
die() { echo "flows.sh: $*" >&2; exit 2; }
# shellcheck source=bench/lib.sh
. "$(dirname "$SELF")/lib.sh"

REPS=${REPS:-3}
PPS_SECS=${PPS_SECS:-5}
PPS_WARMUP=${PPS_WARMUP:-2}
PPS_MAX_PKTS=${PPS_MAX_PKTS:-100000000}
WARMUP_S=${WARMUP_S:-5}
export OFFLOAD=${OFFLOAD:-off}
JVS_OTHER_CONFIG=${JVS_OTHER_CONFIG:-}
BUILD=${BUILD:-auto}
INSTALL=${INSTALL:-1}
OUT_DIR=${OUT_DIR:-${TMPDIR:-/tmp}/jvs-flows-$(date -u +%Y%m%dT%H%M%SZ)}
MASKS=8
RULES_PER_MASK=1250
HIT_PER_MASK=125          # 8 x 125 = 1,000 rules carry the traffic
TARGET_RATIO=0.8
IP2=198.18.0.2
MAC1=02:18:00:00:00:01
MAC2=02:18:00:00:00:02

PFX=jcb$$
export NS1=$PFX-n1 NS2=$PFX-n2 V1=$PFX-v1 V2=$PFX-v2 V1P=$PFX-v1p V2P=$PFX-v2p
JVS_BR=$PFX-br
JVS_TAG=flows

[ "$(id -u)" -eq 0 ] || die "must run as root (namespaces, veths, AF_PACKET)"
[[ "$REPS" =~ ^[1-9][0-9]*$ ]] || die "REPS must be a positive integer"
ANCHORS=$(find_anchors) || die "anchors.sh not found: set ANCHORS=/path/to/shared/bench/anchors.sh"
mkdir -p "$OUT_DIR/state" || die "cannot create $OUT_DIR"

TG_PID=""
SINK_PID=""
stop_bg() {
    local p
    for p in "$TG_PID" "$SINK_PID"; do
        if pid_alive "$p"; then kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; fi
    done
    TG_PID=""; SINK_PID=""
    return 0
}
cleanup() {
    stop_bg
    jvs_stop
    STATE_DIR=$OUT_DIR/state bash "$ANCHORS" teardown >/dev/null 2>&1
    ip link del "$JVS_BR" 2>/dev/null
    return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ofctl() { jvs_env; timeout 120 "$JVS_HOME/bin/jvs-ofctl" "$@"; }
appctl() { jvs_env; timeout 20 "$JVS_HOME/bin/jvs-appctl" "$@"; }
counter() { ip netns exec "$1" cat "/sys/class/net/$2/statistics/$3"; }
now() { date +%s.%N; }
dpif_counters() {   # "emc megaflow classifier miss" summed over the PMDs
    appctl dpif/show | awk -F': ' '
        $1 ~ /^ *emc hits$/ { e += $2 } $1 ~ /^ *megaflow hits$/ { m += $2 }
        $1 ~ /^ *classifier hits$/ { c += $2 } $1 ~ /^ *miss$/ { x += $2 }
        END { printf "%d %d %d %d\n", e, m, c, x }'
}

# ------------------------------------------------------------------ the table and the traffic
write_flows() {   # the 10,000 rules (see the header), then the NORMAL default
    awk -v masks="$MASKS" -v per="$RULES_PER_MASK" -v ip2="$IP2" -v mac1="$MAC1" 'BEGIN {
        for (j = 0; j < per; j++) {
            for (k = 0; k < masks; k++) {
                v = (k + 1) * 4096 + j + 1
                src = sprintf("198.18.%d.%d", int(v / 256), v % 256)
                sp = (k + 1) * 2048 + j
                if (k == 0) m = "udp,nw_src=" src
                else if (k == 1) m = "udp,tp_src=" sp
                else if (k == 2) m = "udp,nw_src=" src ",tp_src=" sp
                else if (k == 3) m = "udp,in_port=1,nw_src=" src
                else if (k == 4) m = "udp,nw_src=" src ",nw_dst=" ip2
                else if (k == 5) m = "udp,tp_src=" sp ",tp_dst=9"
                else if (k == 6) m = "udp,dl_src=" mac1 ",tp_src=" sp
                else m = "ip,nw_src=" src
                printf "priority=%d,%s,actions=output:2\n", 100 + k, m
            }
        }
        print "priority=0,actions=NORMAL"
    }' > "$OUT_DIR/flows.txt"
}

write_trafgen() {
    local k
    cat > "$OUT_DIR/single.trafgen" <<EOF
{
  eth(da=$MAC2, sa=$MAC1, type=0x0800),
  ipv4(saddr=198.18.0.1, daddr=$IP2, ttl=64, proto=17),
  udp(sport=9, dport=9),
  fill(0x00, 18)
}
EOF
    : > "$OUT_DIR/flows.trafgen"
    for k in $(seq 0 $((MASKS - 1))); do
        # packet n of this template: source 198.18.16(k+1).(n+1), port 2048(k+1)+n, n = 0..124
        cat >> "$OUT_DIR/flows.trafgen" <<EOF
{
  eth(da=$MAC2, sa=$MAC1, type=0x0800),
  ipv4(saddr=198.18.$((16 * (k + 1))).1, saddr[3]=dinc(1, $HIT_PER_MASK), daddr=$IP2, ttl=64, proto=17),
  udp(sport=dinc($((2048 * (k + 1))), $((2048 * (k + 1) + HIT_PER_MASK - 1))), dport=9),
  fill(0x00, 18)
}
EOF
    done
}

install_table() {   # $1 = single | flows
    local t0 t1
    ofctl del-flows "$JVS_BR" || return 1
    if [ "$1" = single ]; then
        ofctl add-flow "$JVS_BR" "priority=0,actions=NORMAL" || return 1
    else
        t0=$(now)
        ofctl add-flows "$JVS_BR" "$OUT_DIR/flows.txt" || return 1
        t1=$(now)
        log "installed $(($(wc -l < "$OUT_DIR/flows.txt"))) flows in $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}') s"
    fi
}

rules_hit() {   # rules of priority 100..107 with n_packets > 0
    ofctl dump-flows "$JVS_BR" > "$OUT_DIR/dump-flows.txt" 2>&1
    awk '/priority=10[0-7],/ { for (i = 1; i <= NF; i++) if ($i ~ /^n_packets=/) {
            v = $i; sub(/^n_packets=/, "", v); sub(/,$/, "", v); if (v + 0 > 0) n++ } }
         END { print n + 0 }' "$OUT_DIR/dump-flows.txt"
}

measure() {   # $1 = case, $2 = round; appends one line to raw.txt
    local case=$1 round=$2 tot tx0 txd0 rx0 tx1 txd1 rx1 ta0 ta1 tb0 tb1 all_rx0 all_rx1 sent rcvd
    local d0 d1 offered rx loss wloss hit="-" e m c x
    install_table "$case" || { log "installing the $case table failed"; return 1; }
    tot=$((PPS_WARMUP + PPS_SECS + 1))
    if command -v python3 >/dev/null 2>&1; then
        ip netns exec "$NS2" timeout $((tot + 10)) python3 -c 'import socket,sys,time
s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET,socket.SO_RCVBUF,4096)
s.bind((sys.argv[1],9)); time.sleep(float(sys.argv[2]))' "$IP2" $((tot + 5)) &
        SINK_PID=$!
        sleep 0.3
    fi
    all_rx0=$(counter "$NS2" "$V2" rx_packets)
    ip netns exec "$NS1" timeout -s INT -k 5 "$tot" trafgen -o "$V1" -i "$OUT_DIR/$case.trafgen" -P 1 \
        --no-sock-mem -n "$PPS_MAX_PKTS" > "$OUT_DIR/trafgen.$case.r$round.out" 2>&1 &
    TG_PID=$!
    sleep "$PPS_WARMUP"
    d0=$(dpif_counters)
    ta0=$(now); tx0=$(counter "$NS1" "$V1" tx_packets); txd0=$(counter "$NS1" "$V1" tx_dropped)
    tb0=$(now); rx0=$(counter "$NS2" "$V2" rx_packets)
    sleep "$PPS_SECS"
    ta1=$(now); tx1=$(counter "$NS1" "$V1" tx_packets); txd1=$(counter "$NS1" "$V1" tx_dropped)
    tb1=$(now); rx1=$(counter "$NS2" "$V2" rx_packets)
    d1=$(dpif_counters)
    wait "$TG_PID" 2>/dev/null; TG_PID=""
    sleep 0.5
    stop_bg
    all_rx1=$(counter "$NS2" "$V2" rx_packets)
    offered=$(awk -v a="$tx0" -v b="$tx1" -v c="$txd0" -v d="$txd1" -v t0="$ta0" -v t1="$ta1" \
        'BEGIN{printf "%.4f", ((b-a)+(d-c))/(t1-t0)/1e6}')
    rx=$(awk -v a="$rx0" -v b="$rx1" -v t0="$tb0" -v t1="$tb1" 'BEGIN{printf "%.4f", (b-a)/(t1-t0)/1e6}')
    wloss=$(awk -v r="$rx" -v o="$offered" 'BEGIN{ if (o > 0) printf "%.1f", 100*(1-r/o); else print "nan" }')
    sent=$(grep -oE '[0-9]+ packets outgoing' "$OUT_DIR/trafgen.$case.r$round.out" | awk '{print $1}' | tail -1)
    rcvd=$((all_rx1 - all_rx0))
    loss=$(awk -v s="${sent:-0}" -v r="$rcvd" 'BEGIN{ if (s>0) printf "%.1f", 100*(1-r/s); else print "nan" }')
    read -r e m c x <<< "$(paste -d' ' <(echo "$d0") <(echo "$d1") | awk '{print $5-$1, $6-$2, $7-$3, $8-$4}')"
    [ "$case" = flows ] && hit=$(rules_hit)
    appctl dpif/show > "$OUT_DIR/dpif-show.$case.r$round.txt" 2>&1
    echo "case=$case round=$round rx_mpps=$rx offered_mpps=$offered window_loss_pct=$wloss run_loss_pct=$loss" \
        "sent=${sent:-nan} rcvd=$rcvd emc=$e megaflow=$m classifier=$c miss=$x rules_hit=$hit" >> "$OUT_DIR/raw.txt"
    log "round $round $case: rx=$rx Mpps offered=$offered Mpps loss=$wloss% (run $loss%) emc=$e megaflow=$m" \
        "classifier=$c miss=$x rules_hit=$hit load=$(cut -d' ' -f1-3 /proc/loadavg)"
}

# ------------------------------------------------------------------ report
median() {   # median of the numbers on stdin, printed with $1 (printf format, default %.3f)
    sort -g | awk -v f="${1:-%.3f}" '{ a[NR] = $1 } END { if (NR == 0) { print "nan"; exit }
        m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf f "\n", m }'
}
field() {   # $1 = case, $2 = key: the values of that key over the rounds
    awk -v c="case=$1" -v k="$2" '$1 == c { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k) print kv[2] } }' \
        "$OUT_DIR/raw.txt"
}
report() {
    local s_rx f_rx s_off f_off s_wl f_wl s_rl f_rl ratio paired hit_min e m c x verdict=0
    s_rx=$(field single rx_mpps | median); f_rx=$(field flows rx_mpps | median)
    s_off=$(field single offered_mpps | median); f_off=$(field flows offered_mpps | median)
    s_wl=$(field single window_loss_pct | median %.1f); f_wl=$(field flows window_loss_pct | median %.1f)
    s_rl=$(field single run_loss_pct | median %.1f); f_rl=$(field flows run_loss_pct | median %.1f)
    ratio=$(awk -v a="$f_rx" -v b="$s_rx" 'BEGIN{ if (b > 0) printf "%.2f", a/b; else print "nan" }')
    # both cases of a round ran back to back: their ratio is less exposed to the neighbours' load
    # swings than the ratio of the medians, so it is reported too
    paired=$(awk '{ c = ""; r = ""; v = ""
                    for (i = 1; i <= NF; i++) { split($i, kv, "=")
                        if (kv[1] == "case") c = kv[2]; else if (kv[1] == "round") r = kv[2]
                        else if (kv[1] == "rx_mpps") v = kv[2] }
                    rx[c, r] = v; rounds[r] = 1 }
                  END { for (r in rounds) if (rx["single", r] > 0) print rx["flows", r] / rx["single", r] }' \
                  "$OUT_DIR/raw.txt" | median %.2f)
    hit_min=$(field flows rules_hit | sort -n | head -1)
    e=$(field flows emc | median %.0f); m=$(field flows megaflow | median %.0f)
    c=$(field flows classifier | median %.0f); x=$(field flows miss | median %.0f)
    awk -v r="$ratio" -v t="$TARGET_RATIO" 'BEGIN{ exit !(r != "nan" && r + 0 >= t) }' || verdict=1
    [ "${hit_min:-0}" -ge $((MASKS * HIT_PER_MASK)) ] || verdict=1
    {
    echo "jvswitch: 10,000 flows in 8 masks vs a single flow - $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cpus,"
    echo "REPS=$REPS (medians), PPS_SECS=$PPS_SECS, OFFLOAD=$OFFLOAD, load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "| case | delivered Mpps | offered Mpps | loss vs offered (window) | loss (whole run) |"
    echo "| --- | ---: | ---: | ---: | ---: |"
    echo "| single flow, NORMAL only | $s_rx | $s_off | $s_wl % | $s_rl % |"
    echo "| 10,000 flows / 8 masks, traffic over 1,000 | $f_rx | $f_off | $f_wl % | $f_rl % |"
    echo "| **ratio flows / single** (target >= $TARGET_RATIO) | **$ratio** | | | |"
    echo "| ratio within each round, median | $paired | | | |"
    echo
    echo "Spread check (flows case): fewest rules with n_packets > 0 in a round: ${hit_min:-nan} of 10,000"
    echo "(expected $((MASKS * HIT_PER_MASK))); lookups per measuring window (median): EMC $e, megaflow $m,"
    echo "classifier $c, miss $x. Raw samples: $OUT_DIR/raw.txt."
    } | tee "$OUT_DIR/table.md"
    return "$verdict"
}

# ------------------------------------------------------------------ main
sweep_stale
install_missing 0 1
build_jvs
command -v trafgen >/dev/null 2>&1 || die "trafgen missing"
write_flows
write_trafgen
: > "$OUT_DIR/raw.txt"
STATE_DIR=$OUT_DIR/state bash "$ANCHORS" setup external 2>>"$OUT_DIR/anchors.log" \
    || die "topology setup failed (see $OUT_DIR/anchors.log)"
jvs_start || die "jvswitch failed to start or to take the ports (see $OUT_DIR)"
wait_forwarding 30 || die "no forwarding through jvswitch after 30 s"
log "jvs-vswitchd pid $JVS_PID forwards; results in $OUT_DIR; load avg $(cut -d' ' -f1-3 /proc/loadavg)"
{
    echo "date=$(date -u +%FT%TZ) cpus=$(nproc) kernel=$(uname -r) load=$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "jvs: $(git -C "$JVS_HOME" log -1 --format='%h %s' 2>/dev/null)"
    echo "command: REPS=$REPS PPS_SECS=$PPS_SECS PPS_WARMUP=$PPS_WARMUP OFFLOAD=$OFFLOAD $SELF"
} > "$OUT_DIR/run.txt"

warm_up() {   # each case's table and traffic for WARMUP_S seconds, not measured
    local c
    [ "$WARMUP_S" -gt 0 ] || return 0
    for c in single flows; do
        install_table "$c" || return 1
        ip netns exec "$NS1" timeout -s INT -k 5 "$WARMUP_S" trafgen -o "$V1" -i "$OUT_DIR/$c.trafgen" -P 1 \
            --no-sock-mem -n "$PPS_MAX_PKTS" > "$OUT_DIR/trafgen.warmup.$c.out" 2>&1 &
        TG_PID=$!
        wait "$TG_PID" 2>/dev/null; TG_PID=""
    done
    log "warmed up (${WARMUP_S}s of each case's traffic)"
}

warm_up || die "warm-up failed"
failed=0
for round in $(seq 1 "$REPS"); do
    # alternate which case goes first, so a burst of load from the neighbours hits both alike
    if [ $((round % 2)) = 1 ]; then order="single flows"; else order="flows single"; fi
    for c in $order; do
        measure "$c" "$round" || failed=1
    done
done
[ "$failed" = 0 ] || die "a case could not be measured (see $OUT_DIR)"
report
exit $?
