package tests

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/npm"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
	"github.com/bodasadallah/boda-blog/tools/internal/tmplfmt"
)

// TestTemplatesAreFormatted is the formatting gate: every template that
// returns a value is as `go run ./tools/cmd/fmt` writes it.
func TestTemplatesAreFormatted(t *testing.T) {
	res, err := tmplfmt.Run(sitetest.Root(), npm.Modules(t), false)
	if err != nil {
		t.Fatal(err)
	}
	for _, rel := range res.Changed {
		t.Errorf("%s is not formatted: run go run ./tools/cmd/fmt", rel)
	}
	if len(res.Skipped) > 0 {
		t.Logf("left alone:\n%s", res.Report())
	}
}

// TestFormatterCatchesAnUnformattedTemplate runs the gate on a small site:
// an unformatted function partial is reported, and formatted by a second
// run; a template whose text is published, a doc block and a partial that
// writes a shortcode call are left as they are.
func TestFormatterCatchesAnUnformattedTemplate(t *testing.T) {
	doc := "{{/*\n  A doc block, kept as written: {{ partial \"x\" . }}\n  @returns {int}\n*/}}\n"
	files := map[string]string{
		"layouts/_partials/_funcs/messy.html":     doc + "{{- $x := 0 }}\n{{- if .a }}{{ $x = 1 }}{{ else }}{{ $x = 2 }}{{ end }}\n{{- return $x }}\n",
		"layouts/_partials/_funcs/shortcode.html": "{{- $s := \"{{< cmd >}}\" }}\n{{- if .a }}{{ $s = 1 }}{{ end }}\n{{- return $s }}\n",
		"layouts/page.html":                       "<p>{{ if .Title }}{{ .Title }}{{ end }}</p>\n",
	}
	dir := t.TempDir()
	sitetest.WriteFiles(t, dir, files)
	modules := npm.Modules(t)

	res, err := tmplfmt.Run(dir, modules, false)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Changed, []string{"layouts/_partials/_funcs/messy.html"}) {
		t.Fatalf("the check reported %q, want only the messy function partial", res.Changed)
	}
	if _, ok := res.Skipped["layouts/_partials/_funcs/shortcode.html"]; !ok {
		t.Errorf("a partial that writes a shortcode call was not skipped: %v", res.Skipped)
	}
	if _, err := tmplfmt.Run(dir, modules, true); err != nil {
		t.Fatal(err)
	}
	res, err = tmplfmt.Run(dir, modules, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changed) > 0 {
		t.Errorf("after formatting, the check still reports %q", res.Changed)
	}
	for rel, before := range files {
		b, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		if rel == "layouts/_partials/_funcs/messy.html" {
			if string(b) == before || string(b[:len(doc)]) != doc {
				t.Errorf("%s: not formatted, or its doc block changed:\n%s", rel, b)
			}
			continue
		}
		if string(b) != before {
			t.Errorf("%s was changed:\n%s", rel, b)
		}
	}
}
