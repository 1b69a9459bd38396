package main

import (
	"strings"
	"testing"
	"time"
)

// A report as go tool pprof -tags prints it, with pprof's own units.
const tagsOut = ` template: Total 241.20s of 270.60s (89.14%)
              72s (26.61%): _partials/head/jsonld.html
           27.50s ( 10.17%): _partials/components/code.html
            810ms (  0.30%): page.html
             90us (     0%): _partials/_funcs/order/weight.html

`

func TestParseTags(t *testing.T) {
	r, err := parseTags(tagsOut)
	if err != nil {
		t.Fatal(err)
	}
	if want := 270600 * time.Millisecond; r.total != want {
		t.Errorf("total %v, want %v", r.total, want)
	}
	if want := 241200 * time.Millisecond; r.labelled != want {
		t.Errorf("in templates %v, want %v", r.labelled, want)
	}
	want := []row{
		{"_partials/head/jsonld.html", 72 * time.Second},
		{"_partials/components/code.html", 27500 * time.Millisecond},
		{"page.html", 810 * time.Millisecond},
		{"_partials/_funcs/order/weight.html", 90 * time.Microsecond},
	}
	if len(r.rows) != len(want) {
		t.Fatalf("rows %v, want %v", r.rows, want)
	}
	for i := range want {
		if r.rows[i] != want[i] {
			t.Errorf("row %d: %v, want %v", i, r.rows[i], want[i])
		}
	}
	out := r.format(2)
	for _, s := range []string{"CPU samples: 270.60 s", "in templates: 241.20 s (89.1 %)", "   72.00 s  26.6 %  _partials/head/jsonld.html", "(2 more templates)"} {
		if !strings.Contains(out, s) {
			t.Errorf("the report lacks %q:\n%s", s, out)
		}
	}
}

// Without a template label the command fails rather than print an empty
// table: that is what a build without the patch gives.
func TestParseTagsWithoutLabels(t *testing.T) {
	if _, err := parseTags(""); err == nil {
		t.Error("no error for a profile without template labels")
	}
}

func TestPatchStore(t *testing.T) {
	src := "func x() {\n" + execAnchor + "}\n"
	got, err := patchStore(src)
	if err != nil {
		t.Fatal(err)
	}
	if want := "func x() {\n\tlabelTemplate(templ.Name())\n" + execAnchor + "\tlabelParent(parent)\n}\n"; got != want {
		t.Errorf("patched:\n%s\nwant:\n%s", got, want)
	}
	if _, err := patchStore("func x() {}\n"); err == nil {
		t.Error("no error when Hugo's template store no longer has the line")
	}
}
