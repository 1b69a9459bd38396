//go:build unix

package main

import (
	"os"
	"path/filepath"
	"syscall"
)

// building reports whether Hugo holds the build lock of the site in dir
// (.hugo_build.lock, which it holds while it builds), so that the index is
// not made from half-written pages. With --noBuildLock it reports false.
func building(dir string) bool {
	f, err := os.Open(filepath.Join(dir, ".hugo_build.lock"))
	if err != nil {
		return false
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB); err != nil {
		return err == syscall.EWOULDBLOCK
	}
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return false
}
