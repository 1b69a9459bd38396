// Package npm installs the npm tools the tests run (the Nu Html Checker,
// axe-core, Lighthouse, …) from the repository's package-lock.json, so a
// fresh clone needs no setup step beyond `go test -count=1 -timeout 30m ./tools/...`.
//
// The packages are installed with `npm ci --ignore-scripts`: no install
// script runs, so nothing downloads a browser or a Java runtime; the tests
// use the machine's Chromium and Java. node_modules/ is reinstalled only when
// package-lock.json changed since the last install, and an exclusive lock
// keeps test processes that start together from installing at once.
package npm

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// stamp records, inside node_modules, the hash of the lock file it was
// installed from.
const stamp = ".boda-lock-sha256"

var (
	once    sync.Once
	modules string
	missing string
	failure error
)

// Modules installs the locked packages once per test process and returns the
// node_modules folder. Without npm the test fails under CI=true and is
// skipped, loudly, elsewhere.
func Modules(t testing.TB) string {
	t.Helper()
	sitetest.Slow(t)
	once.Do(func() { modules, missing, failure = install(sitetest.Root()) })
	if missing != "" {
		sitetest.Missing(t, missing)
	}
	if failure != nil {
		t.Fatal(failure)
	}
	return modules
}

// File returns the path of a file inside an installed package, such as
// File(t, "axe-core", "axe.min.js").
func File(t testing.TB, pkg string, rel ...string) string {
	t.Helper()
	p := filepath.Join(append([]string{Modules(t), pkg}, rel...)...)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("npm package %s: %v (is it in package.json?)", pkg, err)
	}
	return p
}

// Install is Modules for programs: it returns an error instead of failing a
// test.
func Install() (string, error) {
	once.Do(func() { modules, missing, failure = install(sitetest.Root()) })
	if missing != "" {
		return "", fmt.Errorf("%s", missing)
	}
	return modules, failure
}

func install(root string) (dir, missing string, err error) {
	dir = filepath.Join(root, "node_modules")
	if _, err := exec.LookPath("npm"); err != nil {
		return "", "npm is not installed: install Node.js 20 and npm to run the quality gates", nil
	}
	lock, err := os.ReadFile(filepath.Join(root, "package-lock.json"))
	if err != nil {
		return "", "", fmt.Errorf("reading the npm lock file: %w", err)
	}
	sum := sha256.Sum256(lock)
	want := hex.EncodeToString(sum[:])
	if current(dir, want) {
		return dir, "", nil
	}

	// Serialise installs across processes, then look again: another process
	// may have installed while this one waited.
	lf, err := os.OpenFile(filepath.Join(os.TempDir(), "boda-blog-npm-"+want[:16]+".lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return "", "", err
	}
	defer lf.Close()
	if err := syscall.Flock(int(lf.Fd()), syscall.LOCK_EX); err != nil {
		return "", "", err
	}
	defer syscall.Flock(int(lf.Fd()), syscall.LOCK_UN)
	if current(dir, want) {
		return dir, "", nil
	}
	cmd := exec.Command("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel", "error")
	cmd.Dir = root
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return "", "", fmt.Errorf("npm ci --ignore-scripts: %v\n%s", err, out.String())
	}
	if err := os.WriteFile(filepath.Join(dir, stamp), []byte(want+"\n"), 0o644); err != nil {
		return "", "", err
	}
	return dir, "", nil
}

// current reports whether node_modules was installed from the lock file
// whose hash is want.
func current(dir, want string) bool {
	b, err := os.ReadFile(filepath.Join(dir, stamp))
	return err == nil && string(bytes.TrimSpace(b)) == want
}
