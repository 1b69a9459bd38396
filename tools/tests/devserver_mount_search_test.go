package tests

import (
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/browser"
	"github.com/bodasadallah/boda-blog/tools/internal/npm"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// readSearchDoc returns the command lines of each ```sh block in README's
// "### Search in your site", comments removed.
func readSearchDoc(t *testing.T) [][]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sitetest.Root(), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	section, ok := strings.CutPrefix(string(b)[strings.Index(string(b), "\n### Search in your site\n")+1:], "### Search in your site\n")
	if !ok {
		t.Fatal(`README.md has no "### Search in your site" section`)
	}
	if end := strings.Index(section, "\n#"); end >= 0 {
		section = section[:end]
	}
	var blocks [][]string
	for _, m := range fence.FindAllStringSubmatch(section, -1) {
		if m[1] != "sh" {
			continue
		}
		var lines []string
		for _, line := range strings.Split(strings.TrimSpace(m[2]), "\n") {
			line, _, _ = strings.Cut(line, "#")
			lines = append(lines, strings.TrimSpace(line))
		}
		blocks = append(blocks, lines)
	}
	if len(blocks) != 2 {
		t.Fatalf(`README's "Search in your site" has %d sh blocks; the test runs two: the production build, then the development server`, len(blocks))
	}
	return blocks
}

// TestMountedSiteSearch follows README's "Search in your site" in a site that
// mounts the theme: Pagefind indexes its production build, and beside its
// `hugo server` (Hugo alone, without the indexing of our pinned entry
// point) the search dialog finds its own post.
func TestMountedSiteSearch(t *testing.T) {
	if testing.Short() {
		t.Skip("mounts the module, runs hugo server, Pagefind and Chromium")
	}
	modules := npm.SiteModules(t)
	browser.Path(t)
	blocks := readSearchDoc(t)
	m := newModEnv(t)
	dir := m.consumer(t, readMountDoc(t), mountThemeOnly, "theme-only")
	var pkg struct{ Version string }
	if b, err := os.ReadFile(filepath.Join(modules, "pagefind", "package.json")); err != nil || json.Unmarshal(b, &pkg) != nil {
		t.Fatalf("reading Pagefind's version: %v", err)
	}
	var srv *devServer
	run := func(step string) {
		f := strings.Fields(step)
		switch {
		case len(f) == 0:
		case f[0] == "npm":
			// Installed here from our own lock file, not the registry.
			if want := "npm install --save-dev pagefind@" + pkg.Version; step != want {
				t.Errorf("README installs Pagefind with %q; the version tested is %q", step, want)
			}
			if err := os.Symlink(modules, filepath.Join(dir, "node_modules")); err != nil {
				t.Fatal(err)
			}
		case len(f) > 1 && f[0] == "hugo" && f[1] == "server":
			srv = startServer(t, dir, append(m.env, "BODA_DEVSEARCH=off"), sitetest.Hugo(t), f[1:]...)
		case f[0] == "hugo":
			if out, err := sitetest.Run(t, dir, m.env, f[1:]...); err != nil {
				t.Fatalf("%s: %v\n%s", step, err, out)
			}
		case f[0] == "npx":
			cmd := exec.Command(f[0], f[1:]...)
			cmd.Dir = dir
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("%s: %v\n%s", step, err, out)
			}
		default:
			t.Fatalf("README's search commands: the test does not know how to run %q", step)
		}
	}

	for _, line := range blocks[0] {
		for _, step := range strings.Split(line, "&&") {
			run(strings.TrimSpace(step))
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "pagefind", "pagefind.js")); err != nil {
		t.Fatalf("the production commands published no index: %v", err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "public")); err != nil {
		t.Fatal(err)
	}

	for _, line := range blocks[1] {
		run(line)
	}
	if srv == nil {
		t.Fatal("README's development commands start no hugo server")
	}
	if code := status(t, srv.base+"/pagefind/pagefind.js"); code != http.StatusOK {
		t.Fatalf("/pagefind/pagefind.js is %d on the mounted site's development server", code)
	}
	ctx := browser.New(t, browser.Options{})
	openSearch(t, ctx, srv.base+"/")
	if got := search(t, ctx, "energy"); len(got) == 0 || got[0].URL != "/posts/first/" {
		t.Errorf(`"energy" on the mounted site's development server found %+v, want its first post`, got)
	}
}
