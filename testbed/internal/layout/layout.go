// Package layout names the test bed's addresses and the files in its state directory, so the
// supervisor (outside the namespaces), the node (inside) and the harness agree on them.
package layout

import (
	"path/filepath"
	"strings"
)

// The node's network, all inside the test bed's own network namespace.
const (
	NodeName       = "netpol-testbed"
	Context        = "netpol-testbed"
	NodeIP         = "172.30.0.2"
	NodeCIDR       = "172.30.0.2/24"
	NodeBridge     = "tb0"
	PodCIDR        = "10.244.0.0/16"
	NodePodCIDR    = "10.244.0.0/24" // the controller-manager's first allocation from PodCIDR
	PodBridge      = "cni0"
	ServiceCIDR    = "10.96.0.0/16"
	APIServiceIP   = "10.96.0.1"
	APIPort        = 6443
	EtcdClientPort = 2379
	EtcdPeerPort   = 2380
	// Images imported into containerd (built here from source, never pulled).
	AgnhostImage = "netpol-testbed.local/agnhost:2.66.1"
	PauseImage   = "netpol-testbed.local/pause:3.10"
)

// Dirs is a repeatable directory flag (--crds A --crds B).
type Dirs []string

func (d *Dirs) String() string { return strings.Join(*d, ",") }

// Set adds one directory.
func (d *Dirs) Set(value string) error {
	*d = append(*d, value)
	return nil
}

// Run is the runtime directory of one `up` (removed by `down`).
type Run struct{ Dir string }

func (r Run) Path(parts ...string) string { return filepath.Join(append([]string{r.Dir}, parts...)...) }

func (r Run) PKI() string                 { return r.Path("pki") }
func (r Run) Logs() string                { return r.Path("logs") }
func (r Run) Log(name string) string      { return r.Path("logs", name+".log") }
func (r Run) Kubeconfig() string          { return r.Path("kubeconfig") }
func (r Run) Internal(name string) string { return r.Path("kubeconfigs", name+".kubeconfig") }
func (r Run) Status() string              { return r.Path("status.json") }
func (r Run) PidFile() string             { return r.Path("supervisor.pid") }
