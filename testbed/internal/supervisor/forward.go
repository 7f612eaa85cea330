package supervisor

import (
	"fmt"
	"io"
	"net"
	"os"
	"runtime"

	"golang.org/x/sys/unix"
)

// Forwarder accepts connections on the host's loopback and connects each to an address inside
// the node's network namespace: the harness reaches the API server without any interface or
// route being added to the host (traffic stays on loopback and inside the test bed).
type Forwarder struct {
	listener net.Listener
	nsPath   string // /proc/<pid>/ns/net of a process in the node's network namespace
	target   string
}

// Listen opens 127.0.0.1:port (port 0 picks a free one).
func Listen(port int) (*Forwarder, error) {
	l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		return nil, err
	}
	return &Forwarder{listener: l}, nil
}

// Port is the host port the harness connects to.
func (f *Forwarder) Port() int { return f.listener.Addr().(*net.TCPAddr).Port }

// Serve forwards to target (e.g. 127.0.0.1:6443) inside the network namespace of pid.
func (f *Forwarder) Serve(pid int, target string) {
	f.nsPath = fmt.Sprintf("/proc/%d/ns/net", pid)
	f.target = target
	for {
		conn, err := f.listener.Accept()
		if err != nil {
			return
		}
		go f.handle(conn)
	}
}

func (f *Forwarder) Close() { _ = f.listener.Close() }

func (f *Forwarder) handle(client net.Conn) {
	defer client.Close()
	upstream, err := dialInNamespace(f.nsPath, f.target)
	if err != nil {
		fmt.Fprintf(os.Stderr, "forwarder: %v\n", err)
		return
	}
	defer upstream.Close()
	done := make(chan struct{}, 2)
	pipe := func(dst, src net.Conn) {
		_, _ = io.Copy(dst, src)
		if tcp, ok := dst.(*net.TCPConn); ok {
			_ = tcp.CloseWrite()
		}
		done <- struct{}{}
	}
	go pipe(upstream, client)
	go pipe(client, upstream)
	<-done
	<-done
}

// dialInNamespace creates the socket while this OS thread is in the other network namespace;
// a socket stays in the namespace it was created in, so the thread can switch back at once.
func dialInNamespace(nsPath, address string) (net.Conn, error) {
	runtime.LockOSThread()
	self, err := os.Open(fmt.Sprintf("/proc/self/task/%d/ns/net", unix.Gettid()))
	if err != nil {
		runtime.UnlockOSThread()
		return nil, err
	}
	defer self.Close()
	target, err := os.Open(nsPath)
	if err != nil {
		runtime.UnlockOSThread()
		return nil, fmt.Errorf("the node's network namespace is gone: %w", err)
	}
	defer target.Close()
	if err := unix.Setns(int(target.Fd()), unix.CLONE_NEWNET); err != nil {
		runtime.UnlockOSThread()
		return nil, fmt.Errorf("entering the node's network namespace: %w", err)
	}
	conn, dialErr := net.Dial("tcp", address)
	if err := unix.Setns(int(self.Fd()), unix.CLONE_NEWNET); err == nil {
		runtime.UnlockOSThread()
	} // else the thread stays locked and Go terminates it with this goroutine: it is in the wrong namespace
	return conn, dialErr
}
