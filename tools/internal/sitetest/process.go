package sitetest

import (
	"net"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// FreePort returns a 127.0.0.1 port that nothing listens on now, for a
// server a test starts (and a site built for the URL it will be served at).
func FreePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// StartGroup starts cmd in a process group of its own, so that everything
// it starts (Hugo under `go tool`, Pagefind, Node's children) stops with it,
// and stops the group when the test ends: stop first, then SIGKILL after
// grace. It returns a channel closed when cmd has exited.
func StartGroup(t testing.TB, cmd *exec.Cmd, stop syscall.Signal, grace time.Duration) <-chan struct{} {
	t.Helper()
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Setpgid = true
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		syscall.Kill(-cmd.Process.Pid, stop)
		select {
		case <-exited:
		case <-time.After(grace):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-exited
		}
	})
	return exited
}
