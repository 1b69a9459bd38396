// Package sitetest builds Hugo sites with the project's pinned Hugo and
// reads what they publish. Tests share it instead of copying helpers.
package sitetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bodasadallah/boda-blog/tools/internal/repo"
)

var (
	hugoOnce sync.Once
	hugoPath string
	hugoErr  error
)

// Root is the repository root (the Hugo module).
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", "..", ".."))
}

// ToolsDir is the nested tools module.
func ToolsDir() string { return filepath.Join(Root(), "tools") }

// Hugo returns the path of the pinned Hugo binary (`go tool hugo`), built
// once per test process.
func Hugo(t testing.TB) string {
	t.Helper()
	Slow(t)
	hugoOnce.Do(func() {
		cmd := exec.Command("go", "tool", "-n", "hugo")
		cmd.Dir = Root()
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			hugoErr = fmt.Errorf("go tool -n hugo: %v\n%s", err, stderr.String())
			return
		}
		hugoPath = strings.TrimSpace(string(out))
	})
	if hugoErr != nil {
		t.Fatal(hugoErr)
	}
	return hugoPath
}

// Result is a finished build.
type Result struct {
	Public string // the published folder
	Output string // stdout and stderr of the build
}

// Options configure a build.
type Options struct {
	Source string   // the site folder; default: the repository root
	Args   []string // extra arguments to hugo
	Env    []string // extra environment, KEY=VALUE
	Public string   // where to publish; default: a fresh temporary folder
	// Timeout stops the build and fails TryBuild with ErrTimeout when it
	// runs longer, so a build that hangs fails its test; 0: no limit.
	Timeout time.Duration
}

// ErrTimeout is TryBuild's error for a build stopped by Options.Timeout.
var ErrTimeout = errors.New("the build ran past its timeout and was stopped")

// Run runs the pinned Hugo with args in dir and returns its combined output.
func Run(t testing.TB, dir string, env []string, args ...string) (string, error) {
	t.Helper()
	Slow(t)
	return run(t, 0, dir, env, args...)
}

// run is Run with a timeout (0: none).
func run(t testing.TB, timeout time.Duration, dir string, env []string, args ...string) (string, error) {
	t.Helper()
	ctx := context.Background()
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	cmd := exec.CommandContext(ctx, Hugo(t), args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	cmd.WaitDelay = 5 * time.Second
	out, err := cmd.CombinedOutput()
	if ctx.Err() == context.DeadlineExceeded {
		err = fmt.Errorf("%w (%s): %v", ErrTimeout, timeout, err)
	}
	return string(out), err
}

// Build builds a site into a fresh temporary folder with --panicOnWarning
// and fails the test on any error.
func Build(t testing.TB, o Options) *Result {
	t.Helper()
	r, err := TryBuild(t, o)
	if err != nil {
		t.Fatalf("hugo build of %s failed: %v\n%s", o.Source, err, r.Output)
	}
	return r
}

// TryBuild is Build that returns the error instead of failing.
func TryBuild(t testing.TB, o Options) (*Result, error) {
	t.Helper()
	Slow(t)
	src := o.Source
	if src == "" {
		src = Root()
	}
	public := o.Public
	if public == "" {
		public = t.TempDir()
	}
	args := append([]string{"--source", src, "--destination", public, "--panicOnWarning", "--logLevel", "warn", "--noBuildLock"}, o.Args...)
	out, err := run(t, o.Timeout, src, o.Env, args...)
	return &Result{Public: public, Output: out}, err
}

var (
	sharedMu sync.Mutex
	shared   = map[string]*sharedBuild{}
)

type sharedBuild struct {
	once   sync.Once
	result *Result
	err    error
}

// Site builds the repository's own site once per test process for each
// environment ("production" or "development") and returns the shared result.
// Tests must not write into it.
func Site(t testing.TB, environment string) *Result {
	t.Helper()
	Slow(t)
	sharedMu.Lock()
	b, ok := shared[environment]
	if !ok {
		b = &sharedBuild{}
		shared[environment] = b
	}
	sharedMu.Unlock()
	b.once.Do(func() {
		dir, err := processTempDir("site-" + environment)
		if err != nil {
			b.err = err
			return
		}
		args := []string{"--source", Root(), "--destination", dir, "--panicOnWarning", "--logLevel", "warn", "--noBuildLock", "--environment", environment}
		out, err := Run(t, Root(), nil, args...)
		b.result = &Result{Public: dir, Output: out}
		if err != nil {
			b.err = fmt.Errorf("%v\n%s", err, out)
		}
	})
	if b.err != nil {
		t.Fatalf("building the site (%s): %v", environment, b.err)
	}
	return b.result
}

// ProcessTempDir returns a temporary folder that lives as long as the test
// process, for builds shared between tests (t.TempDir is removed when the
// first test ends).
func ProcessTempDir(t testing.TB, name string) string {
	t.Helper()
	dir, err := processTempDir(name)
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// MakeProcessTempDir is ProcessTempDir for code that runs once per process
// (inside a sync.Once): it returns the error instead of failing a test.
func MakeProcessTempDir(name string) (string, error) { return processTempDir(name) }

func processTempDir(name string) (string, error) {
	dir, err := os.MkdirTemp("", "boda-"+name+"-")
	if err != nil {
		return "", err
	}
	processDirsMu.Lock()
	processDirs = append(processDirs, dir)
	processDirsMu.Unlock()
	return dir, nil
}

var (
	processDirsMu sync.Mutex
	processDirs   []string
)

// RemoveProcessTempDirs removes every folder ProcessTempDir and Site made;
// TestMain calls it when all tests have run.
func RemoveProcessTempDirs() {
	processDirsMu.Lock()
	defer processDirsMu.Unlock()
	for _, d := range processDirs {
		os.RemoveAll(d)
	}
	processDirs = nil
}

// File returns the content of a published file, failing if it is missing.
func (r *Result) File(t testing.TB, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(r.Public, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatalf("published file %s: %v", rel, err)
	}
	return string(b)
}

// Exists reports whether a published file exists.
func (r *Result) Exists(rel string) bool {
	_, err := os.Stat(filepath.Join(r.Public, filepath.FromSlash(rel)))
	return err == nil
}

// Page returns the parsed HTML of the page at a URL path such as
// "/notes/git/".
func (r *Result) Page(t testing.TB, urlPath string) *Doc {
	t.Helper()
	rel := strings.TrimPrefix(urlPath, "/")
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	return Parse(t, r.File(t, rel), urlPath)
}

// HTMLFiles lists every published .html file, relative and slash-separated.
func (r *Result) HTMLFiles(t testing.TB) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(r.Public, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(r.Public, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// CopyTree copies the files of src below dst, skipping the named top-level
// folders (".git", "public", …).
func CopyTree(t testing.TB, src, dst string, skip ...string) {
	t.Helper()
	if err := repo.CopyTree(src, dst, skip...); err != nil {
		t.Fatal(err)
	}
}

// CopySite copies the repository's site (not tools/, .git/ or build output)
// into a fresh temporary folder and returns it.
func CopySite(t testing.TB) string {
	t.Helper()
	Slow(t)
	dst := t.TempDir()
	CopyTree(t, Root(), dst, ".git", "tools", "public", "resources", "node_modules", ".ci")
	return dst
}
