// testbed is one multi-call binary for the whole test bed (one link instead of six, which is
// most of a cold build's time): the upstream control-plane and node components, selected by the
// first argument, and the test bed's own commands (see internal/cli).
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"k8s.io/component-base/cli"
	_ "k8s.io/component-base/logs/json/register"
	_ "k8s.io/component-base/metrics/prometheus/clientgo"
	_ "k8s.io/component-base/metrics/prometheus/version"
	apiserver "k8s.io/kubernetes/cmd/kube-apiserver/app"
	controllermanager "k8s.io/kubernetes/cmd/kube-controller-manager/app"
	scheduler "k8s.io/kubernetes/cmd/kube-scheduler/app"
	kubelet "k8s.io/kubernetes/cmd/kubelet/app"

	"netpol-conformance/testbed/internal/etcd"
	"netpol-conformance/testbed/internal/images"
	"netpol-conformance/testbed/internal/kuberouter"
	"netpol-conformance/testbed/internal/node"
	"netpol-conformance/testbed/internal/supervisor"
)

var components = map[string]func(args []string) int{
	"etcd":                    etcd.Main,
	"kube-apiserver":          func([]string) int { return cli.Run(apiserver.NewAPIServerCommand()) },
	"kube-controller-manager": func([]string) int { return cli.Run(controllermanager.NewControllerManagerCommand()) },
	"kube-scheduler":          func([]string) int { return cli.Run(scheduler.NewSchedulerCommand()) },
	"kubelet":                 func([]string) int { return cli.Run(kubelet.NewKubeletCommand(context.Background())) },
	"kube-router":             kuberouter.Main,
	// The test bed's own commands.
	"supervise": supervisor.Main,
	"node-init": node.InitMain,
	"node":      node.Main,
	"images":    images.Main,
}

func main() {
	name := filepath.Base(os.Args[0])
	if _, ok := components[name]; !ok && len(os.Args) > 1 {
		// `testbed kubelet --flags...`: shift so each component sees its own flags only.
		name = os.Args[1]
		os.Args = os.Args[1:]
	}
	run, ok := components[name]
	if !ok {
		names := make([]string, 0, len(components))
		for n := range components {
			names = append(names, n)
		}
		sort.Strings(names)
		fmt.Fprintf(os.Stderr, "usage: testbed COMPONENT [flags]; components: %v\n", names)
		os.Exit(2)
	}
	os.Exit(run(os.Args[1:]))
}
