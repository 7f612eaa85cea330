package supervisor

import (
	"errors"
	"fmt"
	"net"

	"golang.org/x/sys/unix"

	"netpol-conformance/testbed/internal/layout"
	"netpol-conformance/testbed/internal/pki"
)

// writePKI issues every certificate the components use and the kubeconfigs: the components'
// (API server at 127.0.0.1:6443 inside the node) and the harness's (the forwarded host port).
func writePKI(run layout.Run, hostPort int) error {
	dir := run.PKI()
	ca, err := pki.NewCA(dir)
	if err != nil {
		return err
	}
	nodeIP := net.ParseIP(layout.NodeIP)
	loopback := net.ParseIP("127.0.0.1")
	leaves := []pki.Leaf{
		{Name: "etcd-server", CN: "etcd", IPs: []net.IP{loopback}, DNS: []string{"localhost"}, Server: true, Client: true},
		{Name: "apiserver-etcd-client", CN: "kube-apiserver-etcd-client", Client: true},
		{Name: "apiserver", CN: "kube-apiserver", Server: true,
			IPs: []net.IP{loopback, nodeIP, net.ParseIP(layout.APIServiceIP)},
			DNS: []string{"localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local"}},
		{Name: "apiserver-kubelet-client", CN: "kube-apiserver-kubelet-client", Orgs: []string{"system:masters"}, Client: true},
		{Name: "admin", CN: "netpol-conformance", Orgs: []string{"system:masters"}, Client: true},
		{Name: "controller-manager", CN: "system:kube-controller-manager", Client: true},
		{Name: "scheduler", CN: "system:kube-scheduler", Client: true},
		{Name: "kubelet", CN: "system:node:" + layout.NodeName, Orgs: []string{"system:nodes"}, Client: true},
		{Name: "kubelet-serving", CN: layout.NodeName, IPs: []net.IP{nodeIP, loopback}, DNS: []string{layout.NodeName}, Server: true},
		// kube-router watches pods, namespaces, policies and nodes; the test bed gives it full rights.
		{Name: "kube-router", CN: "kube-router", Orgs: []string{"system:masters"}, Client: true},
	}
	for _, leaf := range leaves {
		if err := ca.Issue(leaf); err != nil {
			return err
		}
	}
	if err := pki.ServiceAccountKey(dir); err != nil {
		return err
	}
	inside := fmt.Sprintf("https://127.0.0.1:%d", layout.APIPort)
	for _, name := range []string{"admin", "controller-manager", "scheduler", "kubelet", "kube-router"} {
		k := pki.Kubeconfig{Path: run.Internal(name), Server: inside, Context: layout.Context, Cert: name}
		if err := k.Write(dir); err != nil {
			return err
		}
	}
	sctp := ""
	if why := sctpUnsupported(); why != "" {
		sctp = fmt.Sprintf(`, "sctp": %q`, why)
	}
	extension := fmt.Sprintf(`{"runDir": %q, "agnhostImage": %q, "podCidr": %q, "serviceCidr": %q, "nodeIp": %q%s}`,
		run.Dir, layout.AgnhostImage, layout.PodCIDR, layout.ServiceCIDR, layout.NodeIP, sctp)
	harness := pki.Kubeconfig{Path: run.Kubeconfig(), Server: fmt.Sprintf("https://127.0.0.1:%d", hostPort), Context: layout.Context, Cert: "admin", Extension: extension}
	return harness.Write(dir)
}

// sctpUnsupported says why the node (this kernel) cannot serve SCTP, or "" when it can: opening
// an SCTP socket is the test (it also loads the module where there is one).
func sctpUnsupported() string {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM, unix.IPPROTO_SCTP)
	if err == nil {
		_ = unix.Close(fd)
		return ""
	}
	if errors.Is(err, unix.EPROTONOSUPPORT) || errors.Is(err, unix.ESOCKTNOSUPPORT) {
		return "the test bed's kernel has no SCTP (socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP): " + err.Error() + ")"
	}
	return "cannot open an SCTP socket on the test bed's kernel: " + err.Error()
}
