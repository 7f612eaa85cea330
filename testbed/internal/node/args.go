package node

import (
	"fmt"
	"path/filepath"

	"netpol-conformance/testbed/internal/layout"
)

func apiserverArgs(run layout.Run) []string {
	pki := func(name string) string { return filepath.Join(run.PKI(), name) }
	return []string{"kube-apiserver",
		"--advertise-address=" + layout.NodeIP,
		"--bind-address=0.0.0.0",
		fmt.Sprintf("--secure-port=%d", layout.APIPort),
		fmt.Sprintf("--etcd-servers=https://127.0.0.1:%d", layout.EtcdClientPort),
		"--etcd-cafile=" + pki("ca.crt"),
		"--etcd-certfile=" + pki("apiserver-etcd-client.crt"),
		"--etcd-keyfile=" + pki("apiserver-etcd-client.key"),
		"--tls-cert-file=" + pki("apiserver.crt"),
		"--tls-private-key-file=" + pki("apiserver.key"),
		"--client-ca-file=" + pki("ca.crt"),
		"--kubelet-client-certificate=" + pki("apiserver-kubelet-client.crt"),
		"--kubelet-client-key=" + pki("apiserver-kubelet-client.key"),
		"--kubelet-certificate-authority=" + pki("ca.crt"),
		"--kubelet-preferred-address-types=InternalIP",
		"--service-account-issuer=https://kubernetes.default.svc.cluster.local",
		"--service-account-key-file=" + pki("sa.pub"),
		"--service-account-signing-key-file=" + pki("sa.key"),
		"--service-cluster-ip-range=" + layout.ServiceCIDR,
		"--authorization-mode=Node,RBAC",
		"--allow-privileged=true",
		"--profiling=false",
		"--v=1",
	}
}

// controllerArgs are the flags kube-controller-manager and kube-scheduler share: one kubeconfig
// for the API server and for delegated authentication and authorisation, listening on loopback
// only, a single instance (no leader election), then the component's own flags.
func controllerArgs(component, kubeconfig string, own ...string) []string {
	args := []string{component,
		"--kubeconfig=" + kubeconfig,
		"--authentication-kubeconfig=" + kubeconfig,
		"--authorization-kubeconfig=" + kubeconfig,
		"--bind-address=127.0.0.1",
		"--leader-elect=false",
	}
	args = append(args, own...)
	return append(args, "--profiling=false", "--v=1")
}

func controllerManagerArgs(run layout.Run) []string {
	pki := func(name string) string { return filepath.Join(run.PKI(), name) }
	return controllerArgs("kube-controller-manager", run.Internal("controller-manager"),
		"--root-ca-file="+pki("ca.crt"),
		"--service-account-private-key-file="+pki("sa.key"),
		"--use-service-account-credentials=true",
		"--allocate-node-cidrs=true",
		"--cluster-cidr="+layout.PodCIDR,
		"--node-cidr-mask-size=24",
		"--service-cluster-ip-range="+layout.ServiceCIDR,
	)
}

func schedulerArgs(run layout.Run) []string {
	return controllerArgs("kube-scheduler", run.Internal("scheduler"))
}
