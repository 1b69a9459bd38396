// Package fasttest builds small sites in-process with Hugo's own
// integration test builder (hugolib.Test): a txtar fixture (the notes and
// any file a test adds) in a temporary folder, with the repository's
// configuration and its layouts, assets, i18n and archetypes mounted in
// place, so every build tests the files as they are on disk. A build takes
// a fraction of a second where the hugo binary takes several: the
// template-level tests (ordering, parsing, error messages, text outputs)
// live on this tier.
//
// The build is hermetic: Hugo's caches live in a temporary folder, git info
// is off, and the theme's one module import (Popper, for the browser
// scripts) is replaced by a stub, so nothing is downloaded.
package fasttest

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bep/logg"
	"github.com/gohugoio/hugo/config"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// mounted are the folders of the repository the fixture site mounts, read
// in place: the theme without its notes.
var mounted = []string{"layouts", "assets", "i18n", "archetypes"}

// moduleConfig replaces config/_default/module.toml, whose one import
// (Popper, for the browser scripts) would be downloaded: the fixture's own
// folders come first, so that a fixture can add or shadow a file, then the
// repository's, then a stub of Popper.
const moduleConfig = `
[[mounts]]
  source = "content"
  target = "content"
%s[[mounts]]
  source = "layouts"
  target = "layouts"
[[mounts]]
  source = "assets"
  target = "assets"
[[mounts]]
  source = "i18n"
  target = "i18n"
[[mounts]]
  source = "static"
  target = "static"
%s[[mounts]]
  source = "_stub"
  target = "assets"
`

// popperStub stands in for the Popper module, which only the browser
// scripts use.
const popperStub = "export function createPopper() { return { destroy() {}, update() {} }; }\n"

var (
	themeOnce sync.Once
	theme     string
	themeErr  error
)

// Theme returns what every fixture site starts from, as a txtar archive
// read once per test process: the repository's configuration (but its
// module.toml, see moduleConfig), the Popper stub and the folders the
// mounts expect.
func Theme(t testing.TB) string {
	t.Helper()
	themeOnce.Do(func() { theme, themeErr = readTheme(sitetest.Root()) })
	if themeErr != nil {
		t.Fatal(themeErr)
	}
	return theme
}

func readTheme(root string) (string, error) {
	var b strings.Builder
	writeFile(&b, "_stub/@popperjs/core.js", popperStub)
	// Empty folders keep the fixture's mounts valid.
	for _, dir := range []string{"content", "layouts", "assets", "i18n", "static"} {
		writeFile(&b, dir+"/.keep", "")
	}
	err := filepath.WalkDir(filepath.Join(root, "config"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel == "config/_default/module.toml" {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		writeFile(&b, rel, string(data))
		return nil
	})
	return b.String(), err
}

// modules is the fixture's module configuration: its own folders (and,
// when asked, the repository's notes), then the theme's folders in the
// repository.
func modules(repoContent bool) string {
	root := sitetest.Root()
	content := ""
	if repoContent {
		content = fmt.Sprintf("[[mounts]]\n  source = %q\n  target = \"content\"\n", filepath.Join(root, "content"))
	}
	var mounts strings.Builder
	for _, part := range mounted {
		fmt.Fprintf(&mounts, "[[mounts]]\n  source = %q\n  target = %q\n", filepath.Join(root, part), part)
	}
	return fmt.Sprintf(moduleConfig, content, mounts.String())
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

// FromMap is a txtar archive of files keyed by their slash-separated path
// in the site, in name order.
func FromMap(files map[string]string) string {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, name := range names {
		writeFile(&b, name, files[name])
	}
	return b.String()
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
	// Content mounts the repository's own notes after the fixture's.
	Content bool
	// Timeout fails a build that runs longer; default: two minutes.
	Timeout time.Duration
	// Env is extra environment for the configuration, KEY=VALUE (such as
	// HUGO_PARAMS_BODA_MATH_MAXSIZE=5).
	Env []string
	// WorkingDir is where the site is written and published; default: a
	// temporary folder removed with the test.
	WorkingDir string
	// SocialCards draws each page's link-preview picture, as a real build
	// does. Off by default: drawing them is most of a small build's time,
	// and the slow tier (social_cards_test.go) tests them on the binary.
	SocialCards bool
}

// TryBuild builds the theme plus the fixtures (txtar archives, later files
// replacing earlier ones) and returns what it published, in a folder
// sitetest's readers take (Result.Page, File, Exists), its log, and its
// error. Output holds the error and the log, as the hugo binary prints
// them.
func TryBuild(t testing.TB, o Options, fixtures ...string) (*sitetest.Result, error) {
	t.Helper()
	parallel(t)
	env := o.Environment
	if env == "" {
		env = "production"
	}
	flags := config.New()
	flags.Set("environment", env)
	flags.Set("enableGitInfo", false)
	flags.Set("cacheDir", cacheDir(t))
	var files strings.Builder
	files.WriteString(Theme(t))
	writeFile(&files, "config/_default/module.toml", modules(o.Content))
	for _, f := range fixtures {
		// Only the files: a fixture's opening comment would otherwise
		// join the file before it.
		for _, file := range txtar.Parse([]byte(f)).Files {
			writeFile(&files, file.Name, string(file.Data))
		}
	}
	timeout := o.Timeout
	if timeout == 0 {
		timeout = 2 * time.Minute
	}
	var (
		b    *hugolib.IntegrationTestBuilder
		err  error
		done = make(chan struct{})
	)
	go func() {
		defer close(done)
		b, err = build(t, files.String(), flags, o)
	}()
	select {
	case <-done:
	case <-time.After(timeout):
		t.Fatalf("the build ran past %s: a template or a formula hangs it", timeout)
	}
	if b.H != nil {
		t.Cleanup(func() { b.H.Close() })
	}
	log := b.LogString()
	if err == nil && !o.AllowWarnings && warning.MatchString(log) {
		err = ErrWarning
	}
	r := &sitetest.Result{Public: filepath.Join(b.Cfg.WorkingDir, "public"), Output: log}
	if err != nil {
		r.Output = err.Error() + "\n" + log
	}
	return r, err
}

// build runs Hugo's integration test builder.
func build(t testing.TB, files string, flags config.Provider, o Options) (*hugolib.IntegrationTestBuilder, error) {
	return hugolib.TestE(t, files, hugolib.TestOptWithConfig(func(c *hugolib.IntegrationTestConfig) {
		c.BaseCfg = flags
		c.WorkingDir = o.WorkingDir
		c.Environ = o.Env
		if !o.SocialCards {
			c.Environ = append([]string{"HUGO_PARAMS_BODA_SOCIALCARDS_ENABLE=false"}, o.Env...)
		}
		c.LogLevel = logg.LevelWarn
		// css.Build and js.Build (esbuild) read their imports from disk.
		c.NeedsOsFS = true
	}))
}

// Build is TryBuild that fails the test on an error or a warning.
func Build(t testing.TB, o Options, fixtures ...string) *sitetest.Result {
	t.Helper()
	r, err := TryBuild(t, o, fixtures...)
	if err != nil {
		t.Fatalf("the build failed: %s", r.Output)
	}
	return r
}
