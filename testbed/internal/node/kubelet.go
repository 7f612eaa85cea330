package node

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"netpol-conformance/testbed/internal/layout"
)

// bringUpNode starts containerd, imports the images built here, and starts the kubelet.
func bringUpNode(p *processes, self string, admin *http.Client, images, cniBin string) error {
	run := p.run
	if err := writeNodeConfigs(run, cniBin); err != nil {
		return err
	}
	step("starting containerd")
	if err := p.startAndWait(component{name: "containerd", bin: "containerd", args: []string{"--config", run.Path("containerd.toml")}, readyWithin: 60 * time.Second, ready: socketUp(containerdSocket)}); err != nil {
		return err
	}
	for _, image := range []string{"pause", "agnhost"} {
		step("importing the %s image", image)
		tar := filepath.Join(images, image+".tar")
		if _, err := os.Stat(tar); err != nil {
			return fmt.Errorf("image %s: %w", image, err)
		}
		if err := sh("ctr", "--address", containerdSocket, "--namespace", "k8s.io", "images", "import", tar); err != nil {
			return err
		}
	}
	step("starting the kubelet")
	return p.startAndWait(component{name: "kubelet", bin: self, readyWithin: 180 * time.Second, args: []string{"kubelet",
		"--config=" + run.Path("kubelet.yaml"),
		"--kubeconfig=" + run.Internal("kubelet"),
		"--hostname-override=" + layout.NodeName,
		"--node-ip=" + layout.NodeIP,
		"--v=1",
	}, ready: nodeReady(admin)})
}

func kubeRouter(run layout.Run, self string) component {
	return component{name: "kube-router", bin: self, readyWithin: 120 * time.Second, args: []string{"kube-router",
		"--kubeconfig=" + run.Internal("kube-router"),
		"--hostname-override=" + layout.NodeName,
		"--run-firewall=true",
		"--run-router=false",
		"--run-service-proxy=false",
		"--metrics-port=0",
		"--health-port=20244",
	}, ready: func(ctx context.Context) error {
		return httpOK(http.DefaultClient, "http://127.0.0.1:20244/healthz")(ctx)
	}}
}
