#!/usr/bin/env bash
# sflow-cost.sh - what sFlow sampling costs jvswitch (issue 5 item 6, issue 6's "sFlow at 1-in-400").
#
# Runs compare.sh's jvswitch path (offloads off) once per sampling setting - no sFlow, then 1-in-400,
# 1-in-64 and 1-in-1 - in one run on one machine, and prints each metric's median with its ratio to
# the run without sFlow. Knobs: SAMPLINGS ["none 400 64 1"], TESTS ["udp64 tcp1"], and every
# compare.sh knob (QUICK=1 for a short run, REPS, ...).
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
SAMPLINGS=${SAMPLINGS:-"none 400 64 1"}
export TESTS=${TESTS:-"udp64 tcp1"}
out=${OUT_DIR:-${TMPDIR:-/tmp}/jvs-sflow-cost-$(date -u +%Y%m%dT%H%M%S)}
mkdir -p "$out"

for n in $SAMPLINGS; do
    echo "# sflow-cost: sampling=$n" >&2
    if [ "$n" = none ]; then s=""; else s=$n; fi
    JVS_SFLOW_SAMPLING=$s OUT_DIR="$out/$n" PATHS_OFF=jvs OFFLOADS=off "$here/compare.sh" >/dev/null
done

# raw.txt: one line per round and metric, "path=... offload=... metric=NAME value=V ..."; report medians.
median() {   # median of metric $1 in $2/raw.txt, or nothing
    grep -h "metric=$1 " "$2/raw.txt" 2>/dev/null | sed -n 's/.* value=\([^ ]*\).*/\1/p' | sort -g \
        | awk '{v[NR]=$1} END {if (NR) print v[int((NR+1)/2)]}'
}
metrics=$(grep -ho 'metric=[a-z0-9_]*' "$out"/*/raw.txt | sort -u | cut -d= -f2)
printf '| metric |'; for n in $SAMPLINGS; do printf ' %s |' "$n"; done; printf '\n'
printf '| --- |'; for n in $SAMPLINGS; do printf ' ---: |'; done; printf '\n'
for m in $metrics; do
    base=$(median "$m" "$out/none")
    printf '| %s |' "$m"
    for n in $SAMPLINGS; do
        v=$(median "$m" "$out/$n")
        if [ -n "$base" ] && [ "$n" != none ] && awk -v b="$base" 'BEGIN{exit !(b+0>0)}'; then
            printf ' %s (%.2f) |' "${v:--}" "$(awk -v v="${v:-0}" -v b="$base" 'BEGIN{print v/b}')"
        else
            printf ' %s |' "${v:--}"
        fi
    done
    printf '\n'
done
echo "# raw results in $out" >&2
