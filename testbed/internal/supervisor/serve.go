package supervisor

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"netpol-conformance/testbed/internal/layout"
)

func (s *supervisor) serve(port int, components string, owner int, nodeArgs []string) int {
	fwd, err := Listen(port)
	if err != nil {
		return s.fail("cannot listen on 127.0.0.1:%d for the API server: %v", port, err)
	}
	defer fwd.Close()
	s.status.APIPort = fwd.Port()
	s.step("writing certificates and kubeconfigs")
	if err := writePKI(s.run, fwd.Port()); err != nil {
		return s.fail("writing certificates: %v", err)
	}
	s.status.Kubeconfig = s.run.Kubeconfig()

	cgroups, err := NewCgroups("netpol-testbed")
	if err != nil {
		return s.fail("cgroups: %v", err)
	}
	if err := cgroups.Create(); err != nil {
		return s.fail("cgroups: %v", err)
	}
	defer cgroups.Remove()

	node, stdout, err := s.startNode(cgroups, components, nodeArgs)
	if err != nil {
		return s.fail("starting the node: %v", err)
	}
	s.status.NodePid = node.Process.Pid
	s.save()
	go fwd.Serve(node.Process.Pid, fmt.Sprintf("127.0.0.1:%d", layout.APIPort))

	exited := make(chan error, 1)
	lines := make(chan string)
	go func() {
		scanner := bufio.NewScanner(stdout)
		for scanner.Scan() {
			lines <- scanner.Text()
		}
		close(lines)
	}()
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP)
	ownerGone := watchOwner(owner)
	lastFailure := ""
	stop := func(phase, why string) int {
		_ = node.Process.Signal(syscall.SIGKILL)
		<-exited
		s.status.Phase = phase
		s.step(why)
		s.cleanup()
		if phase == "failed" {
			return 1
		}
		return 0
	}
	go func() { exited <- node.Wait() }()
	for {
		select {
		case line, ok := <-lines:
			if !ok {
				lines = nil
				continue
			}
			s.handleLine(line, &lastFailure)
		case err := <-exited:
			exited <- err // stop() reads it again
			drain(lines, func(line string) { s.handleLine(line, &lastFailure) })
			why := lastFailure
			if why == "" {
				why = fmt.Sprintf("the node exited (%v); see %s", err, s.run.Logs())
			}
			return stop("failed", why)
		case sig := <-signals:
			return stop("stopped", fmt.Sprintf("stopped by %v", sig))
		case <-ownerGone:
			return stop("stopped", fmt.Sprintf("stopped: owner process %d exited", owner))
		}
	}
}

// drain handles what the node printed before it died (its last words say why), for at most 2 s.
func drain(lines <-chan string, handle func(string)) {
	if lines == nil {
		return
	}
	deadline := time.After(2 * time.Second)
	for {
		select {
		case line, ok := <-lines:
			if !ok {
				return
			}
			handle(line)
		case <-deadline:
			return
		}
	}
}

func (s *supervisor) handleLine(line string, lastFailure *string) {
	switch {
	case strings.HasPrefix(line, "step "):
		s.step(strings.TrimPrefix(line, "step "))
	case line == "ready":
		s.status.Phase = "ready"
		s.step("ready")
	case strings.HasPrefix(line, "fail "):
		*lastFailure = strings.TrimPrefix(line, "fail ")
		s.step("failure: " + *lastFailure)
	default:
		fmt.Fprintln(s.log, line)
	}
}

// startNode starts `testbed node-init` as PID 1 of new namespaces, inside the test bed's cgroups
// (entered only while it is forked, so the supervisor itself stays where it was).
func (s *supervisor) startNode(cgroups *Cgroups, components string, nodeArgs []string) (*exec.Cmd, *os.File, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, nil, err
	}
	nodeLog, err := os.OpenFile(s.run.Log("node"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, nil, err
	}
	defer nodeLog.Close()
	r, w, err := os.Pipe()
	if err != nil {
		return nil, nil, err
	}
	defer w.Close()
	cmd := exec.Command(self, append([]string{"node-init", "--dir", s.run.Dir, "--components", components}, nodeArgs...)...)
	cmd.Stdout = w
	cmd.Stderr = nodeLog
	cmd.Dir = "/"
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Cloneflags: syscall.CLONE_NEWNS | syscall.CLONE_NEWNET | syscall.CLONE_NEWPID | syscall.CLONE_NEWUTS | syscall.CLONE_NEWIPC | syscall.CLONE_NEWCGROUP,
		Pdeathsig:  syscall.SIGKILL,
		Setpgid:    true,
	}
	if err := cgroups.Enter(); err != nil {
		return nil, nil, err
	}
	startErr := cmd.Start()
	if err := cgroups.Leave(); err != nil && startErr == nil {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return nil, nil, err
	}
	if startErr != nil {
		return nil, nil, fmt.Errorf("creating the node's namespaces: %w", startErr)
	}
	return cmd, r, nil
}

func watchOwner(pid int) <-chan struct{} {
	gone := make(chan struct{})
	if pid <= 0 {
		return gone
	}
	go func() {
		for syscall.Kill(pid, 0) == nil {
			time.Sleep(500 * time.Millisecond)
		}
		close(gone)
	}()
	return gone
}

// cleanup leaves only the logs and status.json: the node's mounts, network and processes died
// with its namespaces; what it wrote to disk (etcd data, images, pod directories) goes here.
func (s *supervisor) cleanup() {
	entries, _ := os.ReadDir(s.run.Dir)
	for _, e := range entries {
		name := e.Name()
		if name == "logs" || name == "status.json" {
			continue
		}
		_ = os.RemoveAll(filepath.Join(s.run.Dir, name))
	}
}
