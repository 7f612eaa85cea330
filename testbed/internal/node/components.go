package node

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"

	"netpol-conformance/testbed/internal/layout"
)

// component is one long-running process of the test bed.
type component struct {
	name  string
	bin   string
	args  []string
	ready func(ctx context.Context) error
	// readyWithin is how long ready may take.
	readyWithin time.Duration
}

// exit reports a component that stopped.
type exit struct {
	name string
	err  error
}

type processes struct {
	run   layout.Run
	exits chan exit
}

func (p *processes) start(c component) error {
	logFile, err := os.OpenFile(p.run.Log(c.name), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	cmd := exec.Command(c.bin, c.args...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		logFile.Close()
		return fmt.Errorf("starting %s: %w", c.name, err)
	}
	go func() {
		err := cmd.Wait()
		logFile.Close()
		p.exits <- exit{name: c.name, err: err}
	}()
	return nil
}

// startAndWait starts c and waits until it is ready, failing early when it exits.
func (p *processes) startAndWait(c component) error {
	if err := p.start(c); err != nil {
		return err
	}
	if c.ready == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), c.readyWithin)
	defer cancel()
	var last error
	for {
		if last = c.ready(ctx); last == nil {
			return nil
		}
		select {
		case e := <-p.exits:
			return fmt.Errorf("%s exited while starting (%v)%s", e.name, e.err, p.lastWords(e.name))
		case <-ctx.Done():
			return fmt.Errorf("%s not ready after %s: %v%s", c.name, c.readyWithin, last, p.lastWords(c.name))
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// lastWords is the last error-looking line of a component's log, for one-line failures.
func (p *processes) lastWords(name string) string {
	f, err := os.Open(p.run.Log(name))
	if err != nil {
		return ""
	}
	defer f.Close()
	var last, lastError string
	s := bufio.NewScanner(f)
	s.Buffer(make([]byte, 64*1024), 1024*1024)
	for s.Scan() {
		line := strings.TrimSpace(s.Text())
		if line == "" {
			continue
		}
		last = line
		if strings.HasPrefix(line, "E") || strings.Contains(line, "error") || strings.Contains(line, "Error") {
			lastError = line
		}
	}
	if lastError == "" {
		lastError = last
	}
	if lastError == "" {
		return ""
	}
	if len(lastError) > 300 {
		lastError = lastError[:300] + "..."
	}
	return fmt.Sprintf("; %s says: %s (log: %s)", name, lastError, p.run.Log(name))
}
