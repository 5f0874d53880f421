#!/usr/bin/env bash
# Runs the whole test suite: unit tests, then the end-to-end tests on real devices in network
# namespaces (needs root). Installs the Debian packages the tests use when they are missing.
set -euo pipefail
cd "$(dirname "$0")"

need=()
for pkg_cmd in iproute2:ip openvswitch-common:ovs-ofctl openvswitch-switch:ovs-vswitchd tshark:tshark iperf3:iperf3 pmacct:sfacctd \
               iputils-ping:ping arping:arping tcpdump:tcpdump ethtool:ethtool; do
  command -v "${pkg_cmd#*:}" >/dev/null 2>&1 || need+=("${pkg_cmd%%:*}")
done
if [ "${#need[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "run-tests: installing ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
    # The package may start a system Open vSwitch; the tests run private instances only.
    if [ -x /etc/init.d/openvswitch-switch ]; then /etc/init.d/openvswitch-switch stop >/dev/null 2>&1 || true; fi
  else
    echo "run-tests: missing ${need[*]} (run as root to install them)" >&2
  fi
fi

exec mvn -B verify "$@"
