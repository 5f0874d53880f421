#!/usr/bin/env bash
# compare.sh - jvswitch side by side with Open vSwitch netdev and the Linux bridge.
#
# One command, one machine, one topology: for each offload setting it measures every path on
# the namespace topology of anchors.sh (two namespaces, each a veth pair into the switch):
#
#   ns1: v1 198.18.0.1/24 <-veth-> v1p [switch under test] v2p <-veth-> v2 198.18.0.2/24 :ns2
#
# and prints, per offload setting, a table of medians with the ratios jvswitch/OVS and
# jvswitch/bridge. Run as root from anywhere:
#
#   bench/compare.sh                 full run (REPS=3 rounds, anchors.sh's default durations)
#   QUICK=1 bench/compare.sh         smoke run (1 round, short durations; a few minutes)
#
# Paths (LABELs in the raw output):
#   bridge    Linux bridge (kernel)
#   ovs       Open vSwitch 3.1 netdev datapath, private ovsdb-server/ovs-vswitchd, NORMAL action
#   ovs-tso   the same with other_config:userspace-tso-enable=true (the OVS baseline with the
#             kernel's default veth offloads: plain OVS netdev breaks TCP there)
#   jvs       jvswitch: bin/jvs-vswitchd with its own temporary JVS_RUNDIR/DBDIR/LOGDIR, one
#             bridge, the two veth ends added as system ports, default NORMAL flow
#   jvs-spin  the same with other_config:pmd-idle=spin (pure busy-polling PMD; not in the
#             default path lists: add it, e.g. PATHS_OFF="ovs jvs jvs-spin")
#   jvs-2pmd  the same with other_config:pmd-threads=2 (the two ports polled by two PMDs), and
#   jvs-1pmd  with pmd-threads=1 (both ports on one PMD); not in the default path lists either
#
# The measuring is done by anchors.sh (found as ../shared/bench/anchors.sh next to the
# repository, or ANCHORS=/path/to/anchors.sh); this script only orchestrates it. Each round
# builds the topology afresh for every path (setup / measure / teardown, REPS=1 inside
# anchors.sh); the rounds rotate the order of the paths, so that a burst of background load on
# this shared machine spreads over all paths instead of hitting one. Medians are taken over the
# rounds.
#
# Environment knobs [defaults]:
#   QUICK        [0]   1: REPS=1, TCP_SECS=3, PPS_SECS=2, PING_COUNT=50, FLOOD_COUNT=3000,
#                      QUIET_MAX_WAIT=10, MAX_RETRIES=0 (each still overridable)
#   REPS         [3]   rounds = samples per metric (the median is reported)
#   OFFLOADS     ["off on"]   offload settings to run (anchors.sh OFFLOAD=)
#   PATHS_OFF    ["bridge ovs jvs"]          paths measured with OFFLOAD=off
#   PATHS_ON     ["bridge ovs ovs-tso jvs"]  paths measured with OFFLOAD=on
#   TESTS, TCP_SECS, PPS_SECS, PPS_WARMUP, PING_COUNT, FLOOD_COUNT, QUIET_THRESH,
#   QUIET_MAX_WAIT, FOREIGN_MAX, MAX_RETRIES    passed to anchors.sh (see its header); here
#                      QUIET_MAX_WAIT defaults to 15 and MAX_RETRIES to 0: on a machine that is
#                      never quiet, waiting and re-running only multiply the run time; the
#                      rotating rounds spread the noise instead, and *_foreign_cpu_pct shows it
#   WARMUP_PINGS [3000] ping -f round trips through each path before measuring (JIT, caches,
#                      MAC learning; done for every path alike)
#   JVS_HOME     [this repository]   where bin/jvs-vswitchd and the built jars are
#   JVS_OTHER_CONFIG []  "key=value ..." set in jvswitch's Open_vSwitch other_config before the
#                      bridge is added (e.g. "pmd-cpu-count=1")
#   JVS_VSWITCHD_OPTS  []  extra JVM options for the daemon (the launcher reads it)
#   JVS_SFLOW_SAMPLING []  N: configure sFlow 1-in-N on jvswitch's bridge (bench/sflow-cost.sh)
#   BUILD        [auto]  auto: build the jars when missing; 1: always build; 0: never
#   INSTALL      [1]   install missing tools with apt-get (root); 0: fail instead
#   ANCHORS      []    path of anchors.sh (else searched in ../shared/bench and ../../shared/bench)
#   OUT_DIR      [${TMPDIR:-/tmp}/jvs-compare-<UTC time>]  raw results, logs, table (kept)
#
# Output: progress on stderr; on stdout the raw anchors.sh lines are NOT printed (they are in
# OUT_DIR/raw.txt) - stdout carries the Markdown tables (also in OUT_DIR/table.md).
# Exit status: 0 when every path ran (a metric of a path may still be "fail", e.g. TCP through
# OVS netdev with offloads on), 1 on a set-up error.
#
# Cleanup: everything this script creates (namespaces, veths, bridges, the private OVS and
# jvswitch daemons, their temporary directories) is removed on exit, also on Ctrl-C. Devices
# and namespaces are named jcb<pid>-*; leftovers of a killed earlier run are swept at start.

set -u
set -o pipefail

SELF=$(readlink -f "$0")
ROOT=$(cd "$(dirname "$SELF")/.." && pwd)
JVS_HOME=${JVS_HOME:-$ROOT}

log() { echo "# compare: $*" >&2; }
die() { echo "compare.sh: $*" >&2; exit 1; }
# shellcheck source=bench/lib.sh
. "$(dirname "$SELF")/lib.sh"

# ------------------------------------------------------------------ knobs
QUICK=${QUICK:-0}
if [ "$QUICK" = 1 ]; then
    REPS=${REPS:-1}; TCP_SECS=${TCP_SECS:-3}; PPS_SECS=${PPS_SECS:-2}
    PING_COUNT=${PING_COUNT:-50}; FLOOD_COUNT=${FLOOD_COUNT:-3000}
    QUIET_MAX_WAIT=${QUIET_MAX_WAIT:-10}; MAX_RETRIES=${MAX_RETRIES:-0}
fi
REPS=${REPS:-3}
OFFLOADS=${OFFLOADS:-"off on"}
PATHS_OFF=${PATHS_OFF:-"bridge ovs jvs"}
PATHS_ON=${PATHS_ON:-"bridge ovs ovs-tso jvs"}
WARMUP_PINGS=${WARMUP_PINGS:-3000}
JVS_OTHER_CONFIG=${JVS_OTHER_CONFIG:-}
BUILD=${BUILD:-auto}
INSTALL=${INSTALL:-1}
export QUIET_MAX_WAIT=${QUIET_MAX_WAIT:-15} MAX_RETRIES=${MAX_RETRIES:-0}
for v in TESTS TCP_SECS PPS_SECS PPS_WARMUP PING_COUNT FLOOD_COUNT QUIET_THRESH FOREIGN_MAX; do
    [ -n "${!v:-}" ] && export "${v?}"
done
OUT_DIR=${OUT_DIR:-${TMPDIR:-/tmp}/jvs-compare-$(date -u +%Y%m%dT%H%M%SZ)}

# unique names per run (<= 15 characters for devices)
ID=$$
PFX=jcb$ID
export NS1=$PFX-n1 NS2=$PFX-n2 V1=$PFX-v1 V2=$PFX-v2 V1P=$PFX-v1p V2P=$PFX-v2p
JVS_BR=$PFX-br

[ "$(id -u)" -eq 0 ] || die "must run as root (namespaces, veths, AF_PACKET)"
[[ "$REPS" =~ ^[1-9][0-9]*$ ]] || die "REPS must be a positive integer"

ANCHORS=$(find_anchors) || die "anchors.sh not found: set ANCHORS=/path/to/shared/bench/anchors.sh"

wanted_paths() {   # all paths of all offload settings, deduplicated
    local o
    for o in $OFFLOADS; do
        case "$o" in off) echo "$PATHS_OFF";; on) echo "$PATHS_ON";; *) die "OFFLOADS: off|on, not '$o'";; esac
    done | tr ' ' '\n' | grep . | sort -u | tr '\n' ' '
}
WANTED=$(wanted_paths)
for p in $WANTED; do
    case "$p" in bridge|ovs|ovs-tso|jvs|jvs-spin|jvs-2pmd|jvs-1pmd) ;;
        *) die "unknown path '$p' (bridge|ovs|ovs-tso|jvs|jvs-spin|jvs-2pmd|jvs-1pmd)";; esac
done
has_path() { case " $WANTED " in *" $1 "*) return 0;; *) return 1;; esac; }

# ------------------------------------------------------------------ cleanup
JVS_TAG=""
anchors() {   # anchors.sh with this run's names and state directory
    STATE_DIR=$OUT_DIR/state bash "$ANCHORS" "$@"
}

cleanup() {
    jvs_stop
    anchors teardown >/dev/null 2>&1
    ip link del "$JVS_BR" 2>/dev/null
    return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------ one path, one round
warm_up() {
    [ "$WARMUP_PINGS" -gt 0 ] || return 0
    ip netns exec "$NS1" ping -n -q -f -c "$WARMUP_PINGS" -w 20 198.18.0.2 >/dev/null 2>&1
    return 0
}

run_path() {   # $1 = path, $2 = offload, $3 = round; appends anchors.sh's lines to raw.txt
    local path=$1 off=$2 round=$3 mode extra=() pid="" rc JVS_OTHER_CONFIG=$JVS_OTHER_CONFIG
    case "$path" in
    bridge) mode=linux-bridge;;
    ovs) mode=ovs-netdev;;
    ovs-tso) mode=ovs-netdev; extra=(OVS_OTHER_CONFIG="userspace-tso-enable=true");;
    jvs) mode=external;;
    jvs-spin) mode=external; JVS_OTHER_CONFIG="$JVS_OTHER_CONFIG pmd-idle=spin";;
    jvs-2pmd) mode=external; JVS_OTHER_CONFIG="$JVS_OTHER_CONFIG pmd-threads=2";;
    jvs-1pmd) mode=external; JVS_OTHER_CONFIG="$JVS_OTHER_CONFIG pmd-threads=1";;
    *) die "unknown path $path";;
    esac
    log "round $round/$REPS offload=$off path=$path: setup"
    if ! env OFFLOAD="$off" LABEL="$path" "${extra[@]}" STATE_DIR="$OUT_DIR/state" bash "$ANCHORS" setup "$mode" \
            2>>"$OUT_DIR/anchors.log"; then
        log "setup of $path failed (see $OUT_DIR/anchors.log)"; cleanup; return 1
    fi
    if [ "$mode" = external ]; then
        JVS_TAG=$path.r$round.$off
        if ! jvs_start; then
            log "jvswitch failed to start or to take the ports (logs kept in $OUT_DIR)"; cleanup; return 1
        fi
        pid=$JVS_PID
    fi
    if ! wait_forwarding 30; then
        log "no forwarding through $path after 30 s: skipped this round"
        echo "path=$path offload=$off metric=forwarding value=nan n=0 unit=- samples=nan" >> "$OUT_DIR/raw.txt"
        cleanup; return 0
    fi
    warm_up
    log "round $round/$REPS offload=$off path=$path: measuring (load avg $(cut -d' ' -f1-3 /proc/loadavg))"
    env OFFLOAD="$off" LABEL="$path" SWITCH_PID="$pid" REPS=1 STATE_DIR="$OUT_DIR/state" \
        bash "$ANCHORS" measure "$mode" > "$OUT_DIR/last.txt" 2> >(tee -a "$OUT_DIR/anchors.log" | grep -E '^# (tcp1|tcp4|udp64|ping|pingflood):' >&2)
    rc=$?
    cat "$OUT_DIR/last.txt" >> "$OUT_DIR/raw.txt"
    [ "$rc" = 0 ] || log "anchors.sh measure exited with $rc for $path (see $OUT_DIR/anchors.log)"
    if [ "$mode" = external ]; then
        jvs_env
        timeout 20 "$JVS_HOME/bin/jvs-appctl" dpif/show > "$OUT_DIR/$path-dpif-show.r$round.$off.txt" 2>&1
        timeout 20 "$JVS_HOME/bin/jvs-appctl" dpif-netdev/pmd-stats-show >> "$OUT_DIR/$path-dpif-show.r$round.$off.txt" 2>&1
    fi
    cleanup
    return 0
}

# ------------------------------------------------------------------ report
# Metrics in the table: name, unit, which way is better, issue 6's target for jvs/OVS.
METRICS="udp64_rx_mpps|Mpps|up|>= 2.0
udp64_offered_mpps|Mpps|info|
udp64_loss_pct|% of offered|down|
tcp1_gbps|Gbit/s|up|>= 2.0 (off), >= 1.0 vs ovs-tso (on)
tcp4_gbps|Gbit/s|up|>= 2.0 (off), >= 1.0 vs ovs-tso (on)
ping_rtt_avg_us|us|down|<= 0.5
pingflood_rt_per_s|round trips/s|up|>= 3.0
udp64_switch_cpu_pct|% of a core|info|
udp64_sys_cpu_pct|% of a core|info|
tcp4_switch_cpu_pct|% of a core|info|
pingflood_switch_cpu_pct|% of a core|info|
idle_switch_cpu_pct|% of a core|down|<= 2 % of a core (absolute)
udp64_foreign_cpu_pct|% of a core|noise|
bg_sys_cpu_pct|% of a core|noise|"

medians() {   # raw.txt -> "path offload metric median n nan_count" for every key
    awk '
    {
        p = ""; o = ""; m = ""; s = ""
        for (i = 1; i <= NF; i++) {
            split($i, kv, "=")
            if (kv[1] == "path") p = kv[2]; else if (kv[1] == "offload") o = kv[2]
            else if (kv[1] == "metric") m = kv[2]; else if (kv[1] == "samples") s = kv[2]
        }
        if (p == "" || m == "") next
        k = p SUBSEP o SUBSEP m
        n = split(s, v, ",")
        for (j = 1; j <= n; j++) {
            if (v[j] == "" ) continue
            if (v[j] == "nan") { nan[k]++; keys[k] = 1; continue }
            cnt[k]++; val[k, cnt[k]] = v[j]; keys[k] = 1
        }
    }
    END {
        for (k in keys) {
            n = cnt[k] + 0
            for (i = 1; i <= n; i++) a[i] = val[k, i] + 0
            for (i = 2; i <= n; i++) { x = a[i]; j = i - 1; while (j >= 1 && a[j] > x) { a[j + 1] = a[j]; j-- } a[j + 1] = x }
            if (n == 0) med = "nan"; else med = (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
            split(k, f, SUBSEP)
            printf "%s %s %s %s %d %d\n", f[1], f[2], f[3], med, n, nan[k] + 0
        }
    }' "$OUT_DIR/raw.txt"
}

fmt() {   # number formatting: 3 significant-ish digits
    awk -v x="$1" 'BEGIN {
        if (x == "") { print "n/a"; exit }
        if (x == "nan") { print "fail"; exit }
        a = (x < 0) ? -x : x
        if (a >= 1000) printf "%.0f", x; else if (a >= 100) printf "%.1f", x
        else if (a >= 1) printf "%.2f", x; else printf "%.3f", x }'
}
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN {
        if (a == "" || b == "" || a == "nan" || b == "nan" || b + 0 == 0) { print "-"; exit }
        printf "%.2f", a / b }'
}

report() {
    local med off paths p base line name unit dir target v row ratios hdr sep
    med=$(medians)
    get() { echo "$med" | awk -v p="$1" -v o="$2" -v m="$3" '$1 == p && $2 == o && $3 == m { print $4; exit }'; }
    rounds() {   # rounds measured + rounds in which the path did not forward
        echo "$med" | awk -v p="$1" -v o="$2" '$1 == p && $2 == o && $3 == "idle_sys_cpu_pct" { ok = $5 }
            $1 == p && $2 == o && $3 == "forwarding" { bad = $6 } END { printf "%d+%d", ok, bad }'
    }
    {
    echo "jvswitch vs Open vSwitch netdev vs Linux bridge - $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cpus,"
    echo "kernel $(uname -r), REPS=$REPS (median of REPS rounds), QUICK=$QUICK, load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
    for off in $OFFLOADS; do
        if [ "$off" = off ]; then paths=$PATHS_OFF; else paths=$PATHS_ON; fi
        echo
        echo "### offloads $off"
        echo
        hdr="| metric | unit | better |"; sep="| --- | --- | --- |"
        for p in $paths; do hdr="$hdr $p |"; sep="$sep ---: |"; done
        ratios=""
        if case " $paths " in *" jvs "*) true;; *) false;; esac; then
            for base in ovs ovs-tso bridge; do   # the baselines named in issue 6 first
                case " $paths " in *" $base "*) ;; *) continue;; esac
                ratios="$ratios $base"; hdr="$hdr jvs/$base |"; sep="$sep ---: |"
            done
        fi
        variants=""   # jvs-spin, jvs-2pmd: their ratio to ovs as well
        if case " $paths " in *" ovs "*) true;; *) false;; esac; then
            for p in $paths; do
                case "$p" in jvs-*) variants="$variants $p"; hdr="$hdr $p/ovs |"; sep="$sep ---: |";; esac
            done
        fi
        hdr="$hdr target (jvs/ovs) |"; sep="$sep --- |"
        echo "$hdr"; echo "$sep"
        while IFS='|' read -r name unit dir target; do
            row="| $name | $unit | $dir |"
            for p in $paths; do row="$row $(fmt "$(get "$p" "$off" "$name")") |"; done
            for base in $ratios; do
                case "$dir" in up|down|info) row="$row $(ratio "$(get jvs "$off" "$name")" "$(get "$base" "$off" "$name")") |";;
                *) row="$row - |";; esac
            done
            for v in $variants; do
                case "$dir" in up|down|info) row="$row $(ratio "$(get "$v" "$off" "$name")" "$(get ovs "$off" "$name")") |";;
                *) row="$row - |";; esac
            done
            echo "$row $target |"
        done <<< "$METRICS"
        row="| rounds measured+not forwarding | rounds | - |"
        for p in $paths; do row="$row $(rounds "$p" "$off") |"; done
        for base in $ratios $variants; do row="$row |"; done
        echo "$row |"
    done
    echo
    cat <<'NOTE'
"n/a": not measured for that path. "fail": no successful sample (e.g. TCP through OVS netdev
with offloads on: partial checksums forwarded unfixed). CPU in % of one core; *_switch_cpu_pct
is the switch process, all threads (the bridge has none: its work is kernel softirq time, seen
only in *_sys_cpu_pct, which also includes the traffic generators). Noise indicators:
udp64_foreign_cpu_pct = other processes during the 64-byte test, bg_sys_cpu_pct = whole machine
busy just before a test (both near 0 on a quiet machine).
NOTE
    } | tee "$OUT_DIR/table.md"
}

# ------------------------------------------------------------------ main
mkdir -p "$OUT_DIR/state" || die "cannot create $OUT_DIR"
: > "$OUT_DIR/raw.txt"
sweep_stale
install_missing "$(has_path ovs || has_path ovs-tso && echo 1 || echo 0)" \
    "$(has_path jvs || has_path jvs-spin || has_path jvs-2pmd || has_path jvs-1pmd && echo 1 || echo 0)"
{ has_path jvs || has_path jvs-spin || has_path jvs-2pmd || has_path jvs-1pmd; } && build_jvs
log "anchors: $ANCHORS"
log "results: $OUT_DIR (raw.txt, anchors.log, table.md)"
log "paths: off=[$PATHS_OFF] on=[$PATHS_ON] offloads=[$OFFLOADS] REPS=$REPS; load avg $(cut -d' ' -f1-3 /proc/loadavg)"
{
    echo "date=$(date -u +%FT%TZ) host=$(hostname) cpus=$(nproc) kernel=$(uname -r)"
    echo "command: QUICK=$QUICK REPS=$REPS OFFLOADS='$OFFLOADS' PATHS_OFF='$PATHS_OFF' PATHS_ON='$PATHS_ON'" \
        "QUIET_MAX_WAIT=$QUIET_MAX_WAIT MAX_RETRIES=$MAX_RETRIES $SELF"
    echo "jvs: $(git -C "$JVS_HOME" log -1 --format='%h %s' 2>/dev/null)"
    echo "ovs: $(ovs-vswitchd --version 2>/dev/null | head -1)"
} > "$OUT_DIR/run.txt"

failed=0
for round in $(seq 1 "$REPS"); do
    for off in $OFFLOADS; do
        if [ "$off" = off ]; then set -- $PATHS_OFF; else set -- $PATHS_ON; fi
        # rotate the order by round so no path always runs first (or last)
        n=$#; k=$(( (round - 1) % n ))
        order=("${@:k+1}" "${@:1:k}")
        for p in "${order[@]}"; do
            run_path "$p" "$off" "$round" || failed=1
        done
    done
done
report
exit "$failed"
