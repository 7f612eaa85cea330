// Package supervisor is the test bed's outer process, in the host's namespaces: it writes the
// certificates and kubeconfigs, starts the node (PID 1 of new mount, network, PID, UTS, IPC
// and cgroup namespaces) inside its own cgroup, forwards the host's loopback port to the API
// server inside, keeps status.json current, and on stop or death of its owner kills the node
// (every process in it dies with its PID namespace) and removes the cgroups and run state.
package supervisor

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"netpol-conformance/testbed/internal/layout"
)

// Status is what status.json holds; the harness reads it (`testbed status`).
type Status struct {
	Phase      string   `json:"phase"` // starting, ready, failed, stopped
	Message    string   `json:"message"`
	Pid        int      `json:"pid"`
	NodePid    int      `json:"nodePid,omitempty"`
	APIPort    int      `json:"apiPort,omitempty"`
	Kubeconfig string   `json:"kubeconfig,omitempty"`
	Context    string   `json:"context"`
	Components []string `json:"components"`
	Started    string   `json:"started"`
	Steps      []string `json:"steps"`
}

type supervisor struct {
	run    layout.Run
	status Status
	log    io.Writer
}

func (s *supervisor) save() {
	data, _ := json.MarshalIndent(s.status, "", "  ")
	tmp := s.run.Status() + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err == nil {
		_ = os.Rename(tmp, s.run.Status())
	}
}

func (s *supervisor) step(text string) {
	fmt.Fprintf(s.log, "%s %s\n", time.Now().Format(time.RFC3339), text)
	s.status.Steps = append(s.status.Steps, text)
	s.status.Message = text
	s.save()
}

// Main is `testbed supervise --dir RUN [--port N] [--components ...] [--owner-pid P] [--images DIR]`.
func Main(args []string) int {
	fs := flag.NewFlagSet("supervise", flag.ContinueOnError)
	dir := fs.String("dir", "", "run directory (created; must not hold a running test bed)")
	port := fs.Int("port", 0, "host loopback port for the API server (0: any free port)")
	components := fs.String("components", "control-plane,node,kube-router", "what to start")
	owner := fs.Int("owner-pid", 0, "stop when this process exits (0: run until stopped)")
	images := fs.String("images", "", "directory with agnhost.tar and pause.tar (for the node)")
	cniBin := fs.String("cni-bin", "/usr/lib/cni", "directory with the CNI plugins bridge, host-local and loopback")
	var crds layout.Dirs
	fs.Var(&crds, "crds", "a directory whose CustomResourceDefinitions (*.yaml) are installed once the API server is up (repeatable)")
	if err := fs.Parse(args); err != nil || *dir == "" {
		fmt.Fprintln(os.Stderr, "usage: testbed supervise --dir RUN [--port N] [--components control-plane,node,kube-router] [--owner-pid P] [--images DIR]")
		return 2
	}
	// Pdeathsig is tied to the thread that started the node: keep this goroutine on one thread.
	runtime.LockOSThread()
	abs, err := filepath.Abs(*dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	// The node runs from /: every path it gets must be absolute.
	for i := range crds {
		if crds[i], err = filepath.Abs(crds[i]); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
	}
	for _, path := range []*string{images, cniBin} {
		if *path != "" {
			if *path, err = filepath.Abs(*path); err != nil {
				fmt.Fprintln(os.Stderr, err)
				return 2
			}
		}
	}
	run := layout.Run{Dir: abs}
	if err := prepareRunDir(run); err != nil {
		fmt.Fprintf(os.Stderr, "testbed: %v\n", err)
		return 3
	}
	logFile, err := os.OpenFile(run.Log("supervisor"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		fmt.Fprintf(os.Stderr, "testbed: %v\n", err)
		return 3
	}
	defer logFile.Close()
	s := &supervisor{run: run, log: logFile, status: Status{Phase: "starting", Pid: os.Getpid(), Context: layout.Context, Components: strings.Split(*components, ","), Started: time.Now().Format(time.RFC3339)}}
	nodeArgs := []string{"--images", *images, "--cni-bin", *cniBin}
	for _, dir := range crds {
		nodeArgs = append(nodeArgs, "--crds", dir)
	}
	code := s.serve(*port, *components, *owner, nodeArgs)
	return code
}

func prepareRunDir(run layout.Run) error {
	if data, err := os.ReadFile(run.PidFile()); err == nil {
		if pid, _ := strconv.Atoi(strings.TrimSpace(string(data))); pid > 0 && syscall.Kill(pid, 0) == nil {
			return fmt.Errorf("a test bed is already running from %s (supervisor pid %d); stop it first", run.Dir, pid)
		}
	}
	if err := os.RemoveAll(run.Dir); err != nil {
		return fmt.Errorf("clearing %s: %w", run.Dir, err)
	}
	if err := os.MkdirAll(run.Logs(), 0o755); err != nil {
		return err
	}
	return os.WriteFile(run.PidFile(), []byte(strconv.Itoa(os.Getpid())), 0o644)
}

func (s *supervisor) fail(format string, args ...any) int {
	s.status.Phase = "failed"
	s.step(fmt.Sprintf(format, args...))
	return 1
}
