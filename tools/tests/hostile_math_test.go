package tests

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bodasadallah/boda-blog/tools/internal/fasttest"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
	"golang.org/x/net/html"
)

// Hostile and careless math: each test builds a copy of the site with the
// notes below written in and checks the build fails at the right file and
// line, or publishes something safe and valid.

// hostileMathNote is a note whose body starts on line 7 of its file.
func hostileMathNote(body string) string {
	return "---\ntitle: Hostile\ndescription: d\ndate: 2024-01-01\n---\n\n" + body + "\n"
}

// hostileBuild builds extra files (paths from the site root) in-process,
// failing a build that runs past a minute: with the notes fixture, or with
// the site's own notes when there are no files or a file joins a course.
func hostileBuild(t *testing.T, files map[string]string, env ...string) (*sitetest.Result, error) {
	t.Helper()
	o := fasttest.Options{Env: env, Timeout: time.Minute}
	base := fasttest.Fixture(t, "testdata/fast/notes.txtar")
	for name := range files {
		if strings.HasPrefix(name, "content/courses/") {
			o.Content, base = true, ""
		}
	}
	if len(files) == 0 {
		o.Content, base = true, "" // the site's own math
	}
	return fasttest.TryBuild(t, o, base, fasttest.FromMap(files))
}

// wantOutput checks the build output holds each string.
func wantOutput(t *testing.T, r *sitetest.Result, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(r.Output, w) {
			t.Errorf("the build output does not mention %q:\n%s", w, r.Output)
		}
	}
}

// TestHostileMathDeepFormulas: a formula nested deep enough to crash KaTeX's
// WebAssembly instance, followed by other new formulas, used to hang the
// build for ever. It must fail at once, at its file and line, before KaTeX
// sees it.
func TestHostileMathDeepFormulas(t *testing.T) {
	// Formulas no earlier build has rendered, so none comes from the cache.
	var fresh strings.Builder
	for i := range 6 {
		fmt.Fprintf(&fresh, "\n\nThen $x_{%d} + %d$.", time.Now().UnixNano(), i)
	}
	cases := []struct{ name, tex, depth string }{
		{"1200 braces", strings.Repeat("{", 1200) + "x" + strings.Repeat("}", 1200), "nests 1200 levels deep"},
		{"500 fractions", strings.Repeat(`\frac{`, 500) + "x" + strings.Repeat("}{y}", 500), "nests 500 levels deep"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			note := hostileMathNote("$$\n" + c.tex + "\n$$" + fresh.String())
			start := time.Now()
			r, err := hostileBuild(t, map[string]string{"content/notes/deep.md": note})
			if err == nil {
				t.Fatalf("the build succeeded")
			}
			wantOutput(t, r, "content/notes/deep.md:7:1", c.depth, "params.boda.math.maxNesting", "split it into several formulas")
			if strings.Contains(r.Output, "timeout") {
				t.Errorf("the formula reached KaTeX and timed out:\n%s", r.Output)
			}
			t.Logf("failed after %s", time.Since(start).Round(time.Millisecond))
		})
	}
}

// TestHostileMathLimitsConfigurable: the bounds come from params.boda.math.
func TestHostileMathLimitsConfigurable(t *testing.T) {
	notes := map[string]string{
		"content/notes/nested.md": hostileMathNote("Nested $\\sqrt{\\left( \\frac{a}{b^{2}} \\right)}$ here."),
		"content/notes/long.md":   hostileMathNote("$$\n" + strings.Repeat("a+", 30) + "b\n$$"),
		"content/notes/big.md":    hostileMathNote("A $\\rule{6em}{1em}$ bar."),
	}
	r, err := hostileBuild(t, notes, "HUGO_PARAMS_BODA_MATH_MAXNESTING=3", "HUGO_PARAMS_BODA_MATH_MAXLENGTH=50", "HUGO_PARAMS_BODA_MATH_MAXSIZE=5")
	if err == nil {
		t.Fatalf("the build succeeded with limits lowered below the notes' formulas")
	}
	wantOutput(t, r,
		"content/notes/nested.md:7:8", "nests 4 levels deep", "limit of 3 (params.boda.math.maxNesting)",
		"content/notes/long.md:7:1", "the formula is 63 characters long, more than the limit of 50 (params.boda.math.maxLength)",
		"content/notes/big.md:7:3", "size of 6em, more than the limit of 5em (params.boda.math.maxSize)",
	)

	r, err = hostileBuild(t, nil, "HUGO_PARAMS_BODA_MATH_MAXNESTING=deep")
	if err == nil {
		t.Fatalf("the build accepted maxNesting = deep")
	}
	wantOutput(t, r, "params.boda.math.maxNesting = deep must be a positive number")
}

// TestHostileMathErrors: math that KaTeX renders without an error but that
// must not reach a page, and heading ids the theme uses itself.
func TestHostileMathErrors(t *testing.T) {
	cases := []struct{ file, body string }{
		{"href.md", `A $\href{https://evil.example}{click}$ link.`},
		{"url.md", `A $\url{https://evil.example}$ link.`},
		{"graphics.md", "$$\n\\includegraphics{pwn.png}\n$$"},
		{"rule.md", `A $\rule{100000em}{100000em}$ square.`},
		{"empty-dollars.md", "$$ $$"},
		{"empty-brackets.md", "\\[ \\]"},
		{"empty-shortcode.md", "{{< math >}}{{< /math >}}"},
		{"dollar-math.md", `Price $\$$ here.`},
		{"id-main.md", "## Second {#main}\n\nText."},
		{"id-eq.md", "## Loss {#eq-loss}\n\nText."},
		{"id-auto.md", "## Main\n\nText."},
	}
	want := map[string][]string{
		"href.md":            {"href.md:7:3", `\href is not available in formulas`, "[text](https://…)"},
		"url.md":             {"url.md:7:3", `\url is not available in formulas`},
		"graphics.md":        {"graphics.md:7:1", `\includegraphics is not available in formulas`, "![description](image.png)"},
		"rule.md":            {"rule.md:7:3", "size of 100000em, more than the limit of 40em (params.boda.math.maxSize)"},
		"empty-dollars.md":   {"empty-dollars.md:7:1", "the formula is empty; write the TeX between the delimiters"},
		"empty-brackets.md":  {"empty-brackets.md:7:1", "the formula is empty"},
		"empty-shortcode.md": {"empty-shortcode.md:7:1", "math has an empty body"},
		"dollar-math.md":     {"dollar-math.md:7:7", `and \(…\) for math that holds a dollar`},
		"id-main.md":         {"id-main.md:7:1", `the heading id "main" is used by the theme (the main content, target of the skip link)`, "## Second {#section-main}"},
		"id-eq.md":           {"id-eq.md:7:1", `the heading id "eq-loss" is used by the theme (equation anchors`},
		"id-auto.md":         {"id-auto.md:7:1", `the heading id "main" is used by the theme`, "## Main {#section-main}"},
	}
	files := map[string]string{}
	for _, c := range cases {
		files["content/notes/"+c.file] = hostileMathNote(c.body)
	}
	r, err := hostileBuild(t, files)
	if err == nil {
		t.Fatalf("the build succeeded")
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			wantOutput(t, r, want[c.file]...)
		})
	}
	if n := strings.Count(r.Output, "empty-shortcode.md:7:1"); n != 1 {
		t.Errorf("the empty math shortcode is reported %d times, want once:\n%s", n, r.Output)
	}
}

// mathPage is the note TestHostileMathOutput reads.
const mathPage = `## The loss $L(\theta)$ and \(x^2\)

P1: I paid $5 for a\$ sign.

P2: Text before {{< math >}}b^2{{< /math >}} text after.

P3: A bar $\rule{10em}{0.1em}$ fits.

## Second

Text.

## Third

Text.
`

// TestHostileMathOutput: careless math that must publish valid, readable
// HTML.
func TestHostileMathOutput(t *testing.T) {
	lecture := func(title, number, body string) string {
		return fmt.Sprintf("---\ntitle: %s\ndescription: d\ndate: 2021-05-01\nnumber: %s\n---\n\n%s\n", title, number, body)
	}
	r, err := hostileBuild(t, map[string]string{
		"content/notes/careless.md":              hostileMathNote(mathPage),
		"content/courses/cs480-680/a_b.md":       lecture("Underscore", "40", "## Intro\n\nSee [the intro](#intro).\n\n## Title {#title}\n\nText."),
		"content/courses/cs480-680/a-b.md":       lecture("Hyphen", "41", "## Intro\n\nSee [the intro](#intro)."),
		"content/courses/cs480-680/a-b-intro.md": lecture("Hyphen intro", "42", "Text."),
	})
	if err != nil {
		t.Fatalf("build: %v\n%s", err, r.Output)
	}
	doc := r.Page(t, "/notes/careless/")

	t.Run("a closing \\$ is a literal dollar", func(t *testing.T) {
		p := paragraph(t, doc, "P1:")
		if got := sitetest.Text(p); got != "P1: I paid $5 for a$ sign." {
			t.Errorf("P1 reads %q", got)
		}
		if len(sitetest.Find(p, sitetest.Tag("math"))) != 0 {
			t.Errorf("P1 became math: %s", renderHTML(p))
		}
	})

	t.Run("math shortcode inside a paragraph", func(t *testing.T) {
		// An HTML parser closes a <p> at a <div>: then "text after" would
		// fall out of the paragraph.
		p := paragraph(t, doc, "P2:")
		if got := sitetest.VisibleText(p); !strings.HasSuffix(got, "text after.") {
			t.Errorf("the paragraph was split around the equation: %q", got)
		}
		if len(sitetest.Find(p, sitetest.Class("boda-math--display"))) != 1 {
			t.Errorf("no display equation inside the paragraph: %s", renderHTML(p))
		}
		if len(sitetest.Find(p, sitetest.Tag("div"))) != 0 {
			t.Errorf("a <div> inside a <p>: %s", renderHTML(p))
		}
	})

	t.Run("sizes under the limit", func(t *testing.T) {
		if h := renderHTML(paragraph(t, doc, "P3:")); !strings.Contains(h, `width="10em"`) {
			t.Errorf("the rule is missing: %s", h)
		}
	})

	t.Run("math in a heading", func(t *testing.T) {
		var entry *html.Node
		for _, a := range doc.All(sitetest.Tag("a")) {
			if href, _ := sitetest.Attr(a, "href"); href == "#the-loss--and" && inTOC(a) {
				entry = a
			}
		}
		if entry == nil {
			t.Fatalf("no table of contents entry for the heading with math")
		}
		if got := annotations(entry); strings.Join(got, "|") != `L(\theta)|x^2` {
			t.Errorf("the entry's formulas %q, want MathML for L(\\theta) and x^2: %s", got, renderHTML(entry))
		}
		if txt := sitetest.VisibleText(entry); strings.Contains(txt, "$") || strings.Contains(txt, `\(`) {
			t.Errorf("raw TeX in the table of contents: %q", txt)
		}
		for _, l := range doc.All(sitetest.Class("boda-heading-link")) {
			if href, _ := sitetest.Attr(l, "href"); href == "#the-loss--and" {
				label, _ := sitetest.Attr(l, "aria-label")
				if want := "Link to the section “The loss L(\\theta) and x^2”"; label != want {
					t.Errorf("aria-label %q, want %q", label, want)
				}
			}
		}
	})

	t.Run("print anchors", func(t *testing.T) {
		print := sitetest.Parse(t, r.File(t, "courses/cs480-680/print/index.html"), "print/index.html")
		ids := map[string]bool{}
		for _, n := range print.All(func(n *html.Node) bool { _, ok := sitetest.Attr(n, "id"); return ok }) {
			id, _ := sitetest.Attr(n, "id")
			if ids[id] {
				t.Errorf("duplicate id %q", id)
			}
			ids[id] = true
		}
		var notes []string
		for _, s := range print.All(sitetest.Class("boda-print__note")) {
			id, _ := sitetest.Attr(s, "id")
			notes = append(notes, id)
		}
		if len(notes) < 3 {
			t.Fatalf("print notes %q", notes)
		}
		for _, href := range print.Links() {
			if strings.HasPrefix(href, "#") && !ids[strings.TrimPrefix(href, "#")] {
				t.Errorf("link %s has no target", href)
			}
		}
	})
}

// inTOC reports whether n is inside the table of contents.
func inTOC(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if id, _ := sitetest.Attr(p, "id"); id == "TableOfContents" {
			return true
		}
	}
	return false
}
