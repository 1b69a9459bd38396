package migrate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunReportsThenWrites(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"posts/2023-05-06-a/index.md": "---\ntitle: A\ncategories: [x]\n---\n\nSee $ x^2 $.\n",
		"posts/b.markdown":            "---\ntitle: B\ndate: 2023-01-01\n---\n\nLine<br>\nnext\n",
		"posts/c.md":                  "---\ntitle: C\ndate: 2023-01-01\n---\n\nNothing to do.\n",
		"themes/loveit/x.md":          "<img src=\"skip.png\">\n",
		"public/x.md":                 "<img src=\"skip.png\">\n",
		".hidden/x.md":                "<img src=\"skip.png\">\n",
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out strings.Builder
	s, err := Run(dir, false, &out)
	if err != nil {
		t.Fatal(err)
	}
	if s.Files != 3 || s.Changed != 2 || s.Changes != 2 || s.Categories != 1 || s.Dated != 1 {
		t.Errorf("summary %+v\n%s", s, out.String())
	}
	a := filepath.Join(dir, "posts", "2023-05-06-a", "index.md")
	for _, want := range []string{
		a + ":6: change: $ x^2 $ → $x^2$",
		filepath.Join(dir, "posts", "b.markdown") + `:6: change: <br> → a trailing \`,
		`site: categories are set in 1 file`,
		`site: the date of 1 file comes from the name only`,
		"2 changes in 2 of 3 files, 1 note, 0 to rewrite by hand. Dry run: nothing written",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "skip.png") {
		t.Errorf("themes/, public/ or a hidden folder was read:\n%s", out.String())
	}
	if b, _ := os.ReadFile(a); string(b) != files["posts/2023-05-06-a/index.md"] {
		t.Errorf("a dry run wrote %s", a)
	}

	out.Reset()
	if _, err := Run(dir, true, &out); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(a); !strings.Contains(string(b), "See $x^2$.") {
		t.Errorf("--write left %s:\n%s", a, b)
	}
	if !strings.HasSuffix(out.String(), "2 files written.\n") {
		t.Errorf("report: %s", out.String())
	}
}
