package tests

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// hostTheme is another theme with a heading render hook of its own, the
// same path as ours.
var hostTheme = map[string]string{
	"themes/host/layouts/_markup/render-heading.html": `<h{{ .Level }} id="{{ .Anchor }}" class="host-heading">{{ .Text }}</h{{ .Level }}>`,
}

// TestMountOrderDecidesWhoseHooksWin checks the rule docs/mounting.md's notes-only
// section states, in both ways of naming the other theme: with
// theme = "…" our import comes first and our files win; with both as
// [[module.imports]], the first listed wins.
func TestMountOrderDecidesWhoseHooksWin(t *testing.T) {
	doc := readMountDoc(t)
	m := newModEnv(t)
	const page = "/notes/boda/notes/git/"
	cases := []struct {
		name     string
		edit     func(cfg string) string
		hostWins bool
	}{
		{"theme key", func(cfg string) string { return "theme = \"host\"\n" + cfg }, false},
		{"host imported first", func(cfg string) string {
			return strings.Replace(cfg, "[[module.imports]]", "[[module.imports]]\n  path = \"host\"\n\n[[module.imports]]", 1)
		}, true},
		{"host imported after us", func(cfg string) string { return cfg + "\n[[module.imports]]\n  path = \"host\"\n" }, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := m.consumer(t, doc, mountNotesOnly, "notes-only")
			cfgPath := filepath.Join(dir, "hugo.toml")
			b, err := os.ReadFile(cfgPath)
			if err != nil {
				t.Fatal(err)
			}
			sitetest.WriteFiles(t, dir, hostTheme)
			if err := os.WriteFile(cfgPath, []byte(c.edit(string(b))), 0o644); err != nil {
				t.Fatal(err)
			}
			site := m.build(t, dir)
			p := site.Page(t, page)
			host := len(p.All(sitetest.Class("host-heading"))) > 0
			ours := len(p.All(sitetest.Class("boda-heading-link"))) > 0
			if host != c.hostWins || ours == c.hostWins {
				t.Errorf("host theme's heading hook used: %v, ours: %v; want the host's: %v", host, ours, c.hostWins)
			}
		})
	}
}
