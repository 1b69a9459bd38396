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

// Each template lands in the group that does its job; the README's and
// docs/performance.md's table by group is this function's output.
func TestGroupOf(t *testing.T) {
	for tmpl, want := range map[string]string{
		"_partials/components/code.html":            "code and command blocks",
		"_partials/_funcs/cmd/lines.html":           "code and command blocks",
		"_markup/render-codeblock-sh.html":          "code and command blocks",
		"_partials/_funcs/cmd/markdown-fences.html": "Markdown copies",
		"page.md":                                  "Markdown copies",
		"home.llms.txt":                            "Markdown copies",
		"_shortcodes/cmd.md":                       "Markdown copies",
		"_partials/components/math.html":           "math",
		"_markup/render-passthrough.html":          "math",
		"_markup/render-heading.html":              "other render hooks",
		"_partials/head/jsonld.html":               "the head",
		"_partials/_funcs/page/description.html":   "the head",
		"_partials/page/related.html":              "related notes",
		"_partials/_funcs/related/candidates.html": "related notes",
		"_partials/page/backlinks.html":            "backlinks",
		"rss.xml":                                  "feeds",
		"_partials/_funcs/page/extras.html":        "front-matter checks",
		"_partials/_funcs/page/validate.html":      "front-matter checks",
		"_partials/_funcs/order/course.html":       "course order",
		"_partials/page/series-box.html":           "course order",
		"courses/section.html":                     "course order",
		"_partials/components/list-item.html":      "lists and sections",
		"page.html":                                "the page's layout",
		"baseof.html":                              "the page's layout",
	} {
		if got := groupOf(tmpl).name; !strings.HasPrefix(got, want) {
			t.Errorf("%s is in %q, want %q", tmpl, got, want)
		}
	}
}

// The groups add up to the time in templates, largest first, and the
// share without a counterpart adds up the marked groups.
func TestFormatGroups(t *testing.T) {
	r, err := parseTags(tagsOut + "")
	if err != nil {
		t.Fatal(err)
	}
	r.rows = append(r.rows, row{"_partials/page/related.html", 20 * time.Second}, row{"_partials/_funcs/related/candidates.html", 5 * time.Second})
	var sum time.Duration
	for _, g := range r.groupTotals() {
		sum += g.self
	}
	var rows time.Duration
	for _, x := range r.rows {
		rows += x.self
	}
	if sum != rows {
		t.Errorf("groups add up to %v, the templates to %v", sum, rows)
	}
	out := r.formatGroups()
	lines := strings.Split(out, "\n")
	if !strings.Contains(lines[1], "72.00 s") || !strings.Contains(lines[1], "the head") {
		t.Errorf("the largest group is not first:\n%s", out)
	}
	for _, s := range []string{"   25.00 s   9.2 % * related notes", "   27.50 s  10.2 %   code and command blocks", "groups marked *: 25.00 s, 9.2 % of the CPU", "outside any template"} {
		if !strings.Contains(out, s) {
			t.Errorf("the table lacks %q:\n%s", s, out)
		}
	}
}
