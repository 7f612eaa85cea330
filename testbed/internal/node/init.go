// Package node is the test bed inside its namespaces. `node-init` is PID 1 of the new PID
// namespace: it only reaps orphans (containerd's shims are re-parented to it) and runs `node`,
// the orchestrator, whose exit ends the namespace and with it every process inside.
package node

import (
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
)

// InitMain is `testbed node-init ARGS...`: runs `testbed node ARGS...` as PID 2 and reaps.
func InitMain(args []string) int {
	self, err := os.Executable()
	if err != nil {
		fmt.Println("fail cannot find the testbed binary:", err)
		return 1
	}
	signals := make(chan os.Signal, 8)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT, syscall.SIGCHLD)
	cmd := exec.Command(self, append([]string{"node"}, args...)...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		fmt.Println("fail cannot start the node:", err)
		return 1
	}
	child := cmd.Process.Pid
	for sig := range signals {
		if sig != syscall.SIGCHLD {
			_ = cmd.Process.Signal(sig)
			continue
		}
		for {
			var status syscall.WaitStatus
			pid, err := syscall.Wait4(-1, &status, syscall.WNOHANG, nil)
			if err != nil || pid <= 0 {
				break
			}
			if pid == child {
				if status.Exited() {
					return status.ExitStatus()
				}
				return 1
			}
		}
	}
	return 1
}
