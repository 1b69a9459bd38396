package fasttest

import (
	"os"
	"sync"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

var (
	sharedMu   sync.Mutex
	shared     = map[string]*sharedBuild{}
	sharedDirs []string
)

type sharedBuild struct {
	once   sync.Once
	result *sitetest.Result
	err    error
}

// Shared builds the fixtures once per test process for every test that
// asks with the same key, and returns the shared result; tests must not
// write into it.
func Shared(t testing.TB, key string, o Options, fixtures ...string) *sitetest.Result {
	t.Helper()
	parallel(t)
	sharedMu.Lock()
	b, ok := shared[key]
	if !ok {
		b = &sharedBuild{}
		shared[key] = b
	}
	sharedMu.Unlock()
	b.once.Do(func() {
		dir, err := os.MkdirTemp("", "boda-fasttest-"+key+"-")
		if err != nil {
			b.err = err
			return
		}
		sharedMu.Lock()
		sharedDirs = append(sharedDirs, dir)
		sharedMu.Unlock()
		o.WorkingDir = dir
		b.result, b.err = TryBuild(t, o, fixtures...)
	})
	if b.err != nil {
		out := ""
		if b.result != nil {
			out = b.result.Output
		}
		t.Fatalf("building %s in-process: %v\n%s", key, b.err, out)
	}
	return b.result
}

// Site builds the repository's own site (its notes, theme and
// configuration) in production, once per test process; see Shared. Unlike
// sitetest.Site it has no git info: updated dates come from front matter
// or file times.
func Site(t testing.TB) *sitetest.Result {
	t.Helper()
	return Shared(t, "site", Options{Content: true})
}

var parallelTests sync.Map

// parallel runs the test in parallel with the other fast tests, once:
// t.Parallel panics when called twice.
func parallel(t testing.TB) {
	if p, ok := t.(interface{ Parallel() }); ok {
		if _, done := parallelTests.LoadOrStore(t, true); !done {
			p.Parallel()
		}
	}
}

var (
	cacheOnce sync.Once
	cachePath string
	cacheErr  error
)

// cacheDir is Hugo's cacheDir for every build of the test process: a
// temporary folder, so no build reads what another process left, shared so
// that KaTeX's WebAssembly is compiled once (Hugo keeps the compiled module
// there) and removed by RemoveCache.
func cacheDir(t testing.TB) string {
	t.Helper()
	cacheOnce.Do(func() { cachePath, cacheErr = os.MkdirTemp("", "boda-fasttest-cache-") })
	if cacheErr != nil {
		t.Fatal(cacheErr)
	}
	return cachePath
}

// RemoveCache removes the shared cacheDir and the shared builds; TestMain
// calls it after the tests.
func RemoveCache() {
	sharedMu.Lock()
	defer sharedMu.Unlock()
	for _, dir := range append(sharedDirs, cachePath) {
		if dir != "" {
			os.RemoveAll(dir)
		}
	}
}
