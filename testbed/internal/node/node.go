package node

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"netpol-conformance/testbed/internal/layout"
)

// Main is `testbed node --dir RUN --components LIST --images DIR` (PID 2 of the namespaces).
// It prints `step ...` lines as it goes, `ready` once everything answers, and `fail ...` with
// the reason before it exits on any failure; the supervisor turns them into status.json.
func Main(args []string) int {
	fs := flag.NewFlagSet("node", flag.ContinueOnError)
	dir := fs.String("dir", "", "run directory")
	list := fs.String("components", "control-plane", "control-plane,node,kube-router")
	images := fs.String("images", "", "directory with agnhost.tar and pause.tar")
	cniBin := fs.String("cni-bin", "/usr/lib/cni", "CNI plugins directory")
	var crds layout.Dirs
	fs.Var(&crds, "crds", "a directory whose CustomResourceDefinitions are installed (repeatable)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	wanted := map[string]bool{}
	for _, c := range strings.Split(*list, ",") {
		wanted[strings.TrimSpace(c)] = true
	}
	run := layout.Run{Dir: *dir}
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	p := &processes{run: run, exits: make(chan exit, 16)}
	if err := bringUp(p, wanted, *images, *cniBin, crds); err != nil {
		fmt.Printf("fail %s\n", oneLine(err.Error()))
		return 1
	}
	fmt.Println("ready")
	select {
	case e := <-p.exits:
		fmt.Printf("fail %s exited (%v)%s\n", e.name, e.err, oneLine(p.lastWords(e.name)))
		return 1
	case <-signals:
		return 0
	}
}

func oneLine(text string) string { return strings.Join(strings.Fields(text), " ") }

func step(format string, args ...any) {
	fmt.Printf("step "+format+"\n", args...)
}

func bringUp(p *processes, wanted map[string]bool, images, cniBin string, crds []string) error {
	run := p.run
	step("node namespaces: mounts and network")
	if err := setupMounts(run.Dir); err != nil {
		return err
	}
	if err := setupNetwork(); err != nil {
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	admin, err := client(run, "admin")
	if err != nil {
		return err
	}
	etcdClient, err := client(run, "apiserver-etcd-client")
	if err != nil {
		return err
	}
	pki := func(name string) string { return filepath.Join(run.PKI(), name) }
	api := fmt.Sprintf("https://127.0.0.1:%d", layout.APIPort)
	var plan []component
	if wanted["control-plane"] {
		plan = append(plan,
			component{name: "etcd", bin: self, readyWithin: 60 * time.Second,
				args:  []string{"etcd", "--data-dir", run.Path("etcd"), "--client-url", fmt.Sprintf("https://127.0.0.1:%d", layout.EtcdClientPort), "--peer-url", fmt.Sprintf("http://127.0.0.1:%d", layout.EtcdPeerPort), "--cert", pki("etcd-server.crt"), "--key", pki("etcd-server.key"), "--ca", pki("ca.crt")},
				ready: httpOK(etcdClient, fmt.Sprintf("https://127.0.0.1:%d/health", layout.EtcdClientPort))},
			component{name: "kube-apiserver", bin: self, readyWithin: 180 * time.Second, args: apiserverArgs(run), ready: httpOK(admin, api+"/readyz")},
			component{name: "kube-controller-manager", bin: self, readyWithin: 120 * time.Second, args: controllerManagerArgs(run), ready: httpOK(insecureClient, "https://127.0.0.1:10257/healthz")},
			component{name: "kube-scheduler", bin: self, readyWithin: 120 * time.Second, args: schedulerArgs(run), ready: httpOK(insecureClient, "https://127.0.0.1:10259/healthz")},
		)
	}
	for _, c := range plan {
		step("starting %s", c.name)
		if err := p.startAndWait(c); err != nil {
			return err
		}
	}
	for _, dir := range crds {
		step("installing the CustomResourceDefinitions in %s", dir)
		names, err := installCRDs(admin, dir)
		if err != nil {
			return err
		}
		step("installed %s", strings.Join(names, ", "))
	}
	if wanted["node"] {
		if err := bringUpNode(p, self, admin, images, cniBin); err != nil {
			return err
		}
	}
	if wanted["kube-router"] {
		step("starting kube-router (network policy controller)")
		if err := p.startAndWait(kubeRouter(run, self)); err != nil {
			return err
		}
	}
	return nil
}
