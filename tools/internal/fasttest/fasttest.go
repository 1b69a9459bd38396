// Package fasttest builds small sites in-process with Hugo's own
// integration test builder (hugolib.Test): the theme's real layouts,
// assets, i18n, archetypes and configuration, read from the repository,
// plus the files of a txtar fixture. A build takes well under a second,
// where a build by the hugo binary takes several: template-level tests
// (ordering, parsing, error messages, text outputs) live on this tier.
//
// The build is hermetic: files are written to a temporary folder, Hugo's
// caches live in another, and the
// theme's one module import (Popper, for the browser scripts) is replaced
// by a stub, so nothing is downloaded. Git info is off: there is no git
// history in memory.
package fasttest

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/bep/logg"
	"github.com/gohugoio/hugo/config"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/rogpeppe/go-internal/txtar"
)

// themeParts are the folders of the repository that make up the theme and
// its configuration, without the notes.
var themeParts = []string{"archetypes", "assets", "config", "i18n", "layouts"}

// skipped are repository files the in-memory build leaves out: the module
// configuration only imports Popper (replaced by popperStub) and sets how
// modules are downloaded.
var skipped = map[string]bool{"config/_default/module.toml": true}

// popperStub stands in for the Popper module, which only the browser
// scripts use.
const popperStub = "-- assets/@popperjs/core.js --\nexport function createPopper() { return { destroy() {}, update() {} }; }\n"

var (
	themeOnce sync.Once
	theme     string
	themeErr  error
)

// Root is the repository root (the Hugo module).
func Root() string {
	wd, err := os.Getwd()
	if err != nil {
		panic(err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "layouts", "baseof.html")); err == nil {
			return dir
		}
		if filepath.Dir(dir) == dir {
			panic("fasttest: no repository root above " + wd)
		}
	}
}

// Theme returns the theme's files as a txtar archive, read from the
// repository once per test process.
func Theme(t testing.TB) string {
	t.Helper()
	themeOnce.Do(func() { theme, themeErr = readTheme(Root()) })
	if themeErr != nil {
		t.Fatal(themeErr)
	}
	return theme
}

func readTheme(root string) (string, error) {
	var b strings.Builder
	for _, part := range themeParts {
		err := filepath.WalkDir(filepath.Join(root, part), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, err := filepath.Rel(root, p)
			if err != nil {
				return err
			}
			rel = filepath.ToSlash(rel)
			if skipped[rel] || rel == "assets/jsconfig.json" {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			writeFile(&b, rel, string(data))
			return nil
		})
		if err != nil {
			return "", err
		}
	}
	b.WriteString(popperStub)
	return b.String(), nil
}

// writeFile appends one txtar file to b.
func writeFile(b *strings.Builder, name, data string) {
	fmt.Fprintf(b, "-- %s --\n%s", name, data)
	if !strings.HasSuffix(data, "\n") {
		b.WriteString("\n")
	}
}

// Fixture reads a txtar fixture, e.g. "testdata/fast/courses.txtar"
// (relative to the test's folder).
func Fixture(t testing.TB, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// Files is a txtar archive of the given files, name then content, to add
// to a fixture: a later file replaces an earlier one of the same name.
func Files(nameContent ...string) string {
	if len(nameContent)%2 != 0 {
		panic("fasttest.Files: want name, content pairs")
	}
	var b strings.Builder
	for i := 0; i < len(nameContent); i += 2 {
		writeFile(&b, nameContent[i], nameContent[i+1])
	}
	return b.String()
}

// Result is a finished in-process build.
type Result struct {
	B   *hugolib.IntegrationTestBuilder
	Log string // what Hugo logged, warnings and errors included
}

// Output is the build's error and its log, as the hugo binary would print
// them.
func (r *Result) Output(err error) string {
	if err == nil {
		return r.Log
	}
	return err.Error() + "\n" + r.Log
}

// File is the text of a published file, slash-separated below public/.
func (r *Result) File(t testing.TB, name string) string {
	t.Helper()
	if !r.Exists(name) {
		t.Fatalf("the build published no %s", name)
	}
	return r.B.FileContent("public/" + name)
}

// Exists reports whether the build published name.
func (r *Result) Exists(name string) bool {
	_, err := r.B.H.Fs.PublishDir.Stat(filepath.FromSlash(name))
	return err == nil
}

var warning = regexp.MustCompile(`(?m)^WARN `)

// ErrWarning is TryBuild's error for a build that logged a warning: the
// slow tier builds with --panicOnWarning, and so does this one in effect.
var ErrWarning = fmt.Errorf("the build logged a warning")

// Options change a build.
type Options struct {
	// AllowWarnings lets a build that warns succeed (the log still holds
	// the warnings).
	AllowWarnings bool
	// Environment is "production" (the default) or "development".
	Environment string
}

// TryBuild builds the theme plus the fixtures (txtar archives, later files
// replacing earlier ones) and returns the result and the build's error.
func TryBuild(t testing.TB, o Options, fixtures ...string) (*Result, error) {
	t.Helper()
	env := o.Environment
	if env == "" {
		env = "production"
	}
	flags := config.New()
	flags.Set("environment", env)
	flags.Set("enableGitInfo", false)
	flags.Set("cacheDir", cacheDir(t))
	files := Theme(t) + strings.Join(fixtures, "")
	b, err := hugolib.TestE(t, files, hugolib.TestOptWithConfig(func(c *hugolib.IntegrationTestConfig) {
		c.BaseCfg = flags
		// css.Build and js.Build (esbuild) read imports from disk.
		c.NeedsOsFS = true
		c.LogLevel = logg.LevelWarn
	}))
	r := &Result{B: b, Log: b.LogString()}
	if b.H != nil {
		t.Cleanup(func() { b.H.Close() })
	}
	if err == nil && !o.AllowWarnings && warning.MatchString(r.Log) {
		err = ErrWarning
	}
	return r, err
}

// Build is TryBuild that fails the test on an error or a warning.
func Build(t testing.TB, o Options, fixtures ...string) *Result {
	t.Helper()
	r, err := TryBuild(t, o, fixtures...)
	if err != nil {
		t.Fatalf("the build failed: %s", r.Output(err))
	}
	return r
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

// RemoveCache removes the shared cacheDir; TestMain calls it after the
// tests.
func RemoveCache() {
	if cachePath != "" {
		os.RemoveAll(cachePath)
	}
}

// Txtar parses an archive, for tests that edit a fixture's files.
func Txtar(s string) *txtar.Archive { return txtar.Parse([]byte(s)) }
