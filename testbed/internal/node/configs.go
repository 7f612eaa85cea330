package node

import (
	"fmt"
	"os"
	"path/filepath"

	"netpol-conformance/testbed/internal/layout"
)

const containerdSocket = "/run/containerd/containerd.sock"

func writeFile(path, text string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(text), 0o644)
}

// containerdConfig: the CRI plugin with runc (cgroupfs), the test bed's pause image and CNI
// configuration; plugins that would write outside the run directory are disabled. OOM scores
// are never lowered below containerd's own: lowering needs CAP_SYS_RESOURCE, which machines
// like this one (a VM whose root lacks it) refuse, and runc then fails every sandbox.
func containerdConfig(run layout.Run, cniBin string) string {
	return fmt.Sprintf(`version = 2
root = "/var/lib/containerd"
state = "/run/containerd"
disabled_plugins = ["io.containerd.internal.v1.opt", "io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper", "io.containerd.tracing.processor.v1.otlp"]

[grpc]
  address = %q

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = %q
  enable_selinux = false
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = %q
    conf_dir = %q
`, containerdSocket, layout.PauseImage, cniBin, run.Path("cni"))
}

// cniConfig: one bridge (cni0) for the node's pod range, no masquerading (external hosts see
// pod addresses, as ipBlock rules on real clusters expect).
func cniConfig() string {
	return fmt.Sprintf(`{
  "cniVersion": "1.0.0",
  "name": "testbed",
  "plugins": [
    {
      "type": "bridge",
      "bridge": %q,
      "isGateway": true,
      "ipMasq": false,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "ranges": [[{"subnet": %q}]],
        "routes": [{"dst": "0.0.0.0/0"}]
      }
    }
  ]
}
`, layout.PodBridge, layout.NodePodCIDR)
}

// kubeletConfig: cgroup v1 allowed (this kernel's controllers live there), x509 authentication
// of the API server, no eviction or image garbage collection to get in the way of a short run.
func kubeletConfig(run layout.Run) string {
	pki := run.PKI()
	return fmt.Sprintf(`apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
failCgroupV1: false
cgroupDriver: cgroupfs
containerRuntimeEndpoint: unix://%s
address: %s
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: 10248
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: false}
  x509: {clientCAFile: %s}
authorization: {mode: AlwaysAllow}
tlsCertFile: %s
tlsPrivateKeyFile: %s
failSwapOn: false
resolvConf: %s
clusterDomain: cluster.local
evictionHard:
  memory.available: "50Mi"
  nodefs.available: "1%%"
  imagefs.available: "1%%"
  nodefs.inodesFree: "1%%"
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
serializeImagePulls: false
`, containerdSocket, layout.NodeIP, filepath.Join(pki, "ca.crt"), filepath.Join(pki, "kubelet-serving.crt"), filepath.Join(pki, "kubelet-serving.key"), run.Path("resolv.conf"))
}

func writeNodeConfigs(run layout.Run, cniBin string) error {
	files := map[string]string{
		run.Path("containerd.toml"):            containerdConfig(run, cniBin),
		run.Path("cni", "10-testbed.conflist"): cniConfig(),
		run.Path("kubelet.yaml"):               kubeletConfig(run),
		// Pods resolve nothing: every probe uses addresses.
		run.Path("resolv.conf"): "nameserver 127.0.0.1\n",
	}
	for path, text := range files {
		if err := writeFile(path, text); err != nil {
			return err
		}
	}
	return nil
}
