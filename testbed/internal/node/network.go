package node

import (
	"fmt"
	"os"
	"os/exec"
	"strings"

	"golang.org/x/sys/unix"

	"netpol-conformance/testbed/internal/layout"
)

func sh(name string, args ...string) error {
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s %s: %v: %s", name, strings.Join(args, " "), err, strings.TrimSpace(string(out)))
	}
	return nil
}

// setupNetwork builds the node's network inside its own namespace: loopback, and the bridge
// tb0 holding the node's address (external hosts are attached to it later). Nothing routes
// out of the namespace: it has no interface that leaves it.
func setupNetwork() error {
	if err := unix.Sethostname([]byte(layout.NodeName)); err != nil {
		return fmt.Errorf("setting the hostname: %w", err)
	}
	steps := [][]string{
		{"link", "set", "lo", "up"},
		{"link", "add", layout.NodeBridge, "type", "bridge"},
		{"addr", "add", layout.NodeCIDR, "dev", layout.NodeBridge},
		{"link", "set", layout.NodeBridge, "up"},
	}
	for _, s := range steps {
		if err := sh("ip", s...); err != nil {
			return err
		}
	}
	// Routing between pods and external hosts, and bridged pod traffic through iptables (the
	// policy controller's rules see pod-to-pod packets on the same bridge only with this).
	sysctls := map[string]string{
		"/proc/sys/net/ipv4/ip_forward":                 "1",
		"/proc/sys/net/bridge/bridge-nf-call-iptables":  "1",
		"/proc/sys/net/bridge/bridge-nf-call-ip6tables": "1",
	}
	for path, value := range sysctls {
		if err := os.WriteFile(path, []byte(value), 0o644); err != nil {
			return fmt.Errorf("setting %s: %w", path, err)
		}
	}
	return nil
}
