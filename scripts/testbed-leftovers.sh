#!/bin/sh
# What the test bed could leave on the host, for the real-cluster suite (scripts/test-testbed.sh):
#   testbed-leftovers.sh snapshot         the host's iptables rules and ipsets, on stdout
#   testbed-leftovers.sh check SNAPSHOT   exit 1, one line each, if a process or cgroup of the test
#                                         bed, a mount below its directory, an external host's network
#                                         namespace, or an iptables rule or ipset not in SNAPSHOT remains
#   testbed-leftovers.sh logs             the last lines of the test bed's logs (after a failed start)
# Everything of the test bed lives in its node's namespaces and its cgroup "netpol-testbed", so none
# of these should ever be found; this checks it instead of trusting it.
set -eu
cd "$(dirname "$0")/.."
dir="${NETPOL_TESTBED_DIR:-$PWD/.testbed}"

host_state() {
  # Counters change on their own; the rules and set names are what matter.
  if command -v iptables-save >/dev/null 2>&1; then iptables-save 2>/dev/null | grep -v '^#' | sed 's/\[[0-9]*:[0-9]*\]//'; fi
  if command -v ipset >/dev/null 2>&1; then ipset list -n 2>/dev/null | sed 's/^/ipset /'; fi
}

case "${1:-}" in
  snapshot) host_state ;;
  check)
    [ -n "${2:-}" ] || { echo "usage: $0 check SNAPSHOT" >&2; exit 2; }
    found=0
    say() { echo "left behind by the test bed: $*"; found=1; }
    for f in /proc/[0-9]*/cgroup; do
      if grep -q '/netpol-testbed' "$f" 2>/dev/null; then
        pid="${f#/proc/}"; pid="${pid%/cgroup}"
        say "process $pid ($(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-80))"
      fi
    done
    for d in $(find /sys/fs/cgroup -maxdepth 6 -type d -name netpol-testbed 2>/dev/null); do say "cgroup $d"; done
    while read -r _ _ _ _ point _; do
      case "$point" in "$dir"/*) say "mount $point" ;; esac
    done </proc/self/mountinfo
    for ns in $(ls /run/netns 2>/dev/null); do
      case "$ns" in ext-*) say "network namespace $ns (an external host's name)" ;; esac
    done
    now="$(mktemp)"
    host_state >"$now"
    if ! diff "$2" "$now" >/dev/null; then
      diff "$2" "$now" | grep '^[<>]' | while read -r line; do echo "left behind by the test bed: host rules changed: $line"; done
      found=1
    fi
    rm -f "$now"
    if [ "$found" = 0 ]; then echo "nothing of the test bed is left on the host (processes, cgroups, mounts, network namespaces, iptables rules, ipsets)"; fi
    exit "$found"
    ;;
  logs)
    for log in "$dir/supervisor.out" "$dir/run/logs/node.log" $(ls -t "$dir"/run/logs/*.log 2>/dev/null | head -n 2); do
      [ -f "$log" ] || continue
      echo "---- last lines of $log"
      tail -n 15 "$log"
    done
    ;;
  *) echo "usage: $0 snapshot | check SNAPSHOT | logs" >&2; exit 2 ;;
esac
