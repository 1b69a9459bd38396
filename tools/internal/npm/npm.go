// Package npm installs the npm packages the tests run, from two lock files:
//
//   - tools/npm/package-lock.json: the test suite's own tools (the Nu Html
//     Checker, axe-core, Lighthouse, Netlify's CLI).
//     A deploy never installs these.
//   - package-lock.json at the root: what a deploy runs after Hugo
//     (Pagefind), installed for the tests exactly as Netlify installs it.
//
// So a fresh clone needs no setup step beyond
// `go test -count=1 -timeout 30m ./tools/...`.
//
// Each set is installed with `npm ci --ignore-scripts`: no install script
// runs, so nothing downloads a browser or a Java runtime; the tests use the
// machine's Chromium and Java. A node_modules folder is reinstalled only
// when its lock file changed since the last install, and an exclusive lock
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

// set is one package.json and lock file, installed at most once per process.
type set struct {
	dir     func() string // the folder holding package.json
	once    sync.Once
	modules string
	missing string
	failure error
}

func (s *set) install() (string, error) {
	s.once.Do(func() { s.modules, s.missing, s.failure = install(s.dir()) })
	if s.missing != "" {
		return "", fmt.Errorf("%s", s.missing)
	}
	return s.modules, s.failure
}

func (s *set) must(t testing.TB) string {
	t.Helper()
	sitetest.Slow(t)
	s.once.Do(func() { s.modules, s.missing, s.failure = install(s.dir()) })
	if s.missing != "" {
		sitetest.Missing(t, s.missing)
	}
	if s.failure != nil {
		t.Fatal(s.failure)
	}
	return s.modules
}

var (
	tools = &set{dir: func() string { return filepath.Join(sitetest.ToolsDir(), "npm") }}
	site  = &set{dir: sitetest.Root}
)

// Modules installs the test tools once per test process and returns their
// node_modules folder (tools/npm/node_modules). Without npm the test fails
// under CI=true and is skipped, loudly, elsewhere.
func Modules(t testing.TB) string {
	t.Helper()
	return tools.must(t)
}

// SiteModules installs the deploy's own packages (Pagefind) from the root
// package-lock.json once per test process and returns the root
// node_modules folder.
func SiteModules(t testing.TB) string {
	t.Helper()
	return site.must(t)
}

// File returns the path of a file inside an installed test tool, such as
// File(t, "axe-core", "axe.min.js").
func File(t testing.TB, pkg string, rel ...string) string {
	t.Helper()
	p := filepath.Join(append([]string{Modules(t), pkg}, rel...)...)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("npm package %s: %v (is it in tools/npm/package.json?)", pkg, err)
	}
	return p
}

// Bin returns the path of a test tool's command, such as Bin(t, "netlify").
func Bin(t testing.TB, name string) string {
	t.Helper()
	p := filepath.Join(Modules(t), ".bin", name)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("npm command %s: %v (is its package in tools/npm/package.json?)", name, err)
	}
	return p
}

// Install is Modules for programs: it returns an error instead of failing a
// test.
func Install() (string, error) { return tools.install() }

// InstallSite is SiteModules for programs.
func InstallSite() (string, error) { return site.install() }

func install(root string) (dir, missing string, err error) {
	dir = filepath.Join(root, "node_modules")
	if _, err := exec.LookPath("npm"); err != nil {
		return "", "npm is not installed: install Node.js 20 and npm to run the quality gates", nil
	}
	lock, err := os.ReadFile(filepath.Join(root, "package-lock.json"))
	if err != nil {
		return "", "", fmt.Errorf("reading the npm lock file: %w", err)
	}
	sum := sha256.Sum256(append([]byte(root+"\n"), lock...))
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
		return "", "", fmt.Errorf("npm ci --ignore-scripts in %s: %v\n%s", root, err, out.String())
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
