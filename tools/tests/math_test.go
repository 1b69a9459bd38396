package tests

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
	"golang.org/x/net/html"
)

// mathNote is a note exercising every way of writing math. Each paragraph
// starts with a tag ("P1:") so a test can find it.
const mathNote = `---
title: Math fixture
description: Every way of writing math.
date: 2024-01-01
tags: [math]
---

P0: Forward reference to {{< eqref second >}}.

P1: dollar $a^2$ and paren \(b^2\) inline.

$$
c^2
$$

\[
d^2
\]

P2: It costs $5, or $10 with shipping.

P3: Apples $5 and $10 pears.

P4: A range $1-$2 of dollars.

P5: Spaced $ x$ and $y $ pairs.

P6: Escaped \$3 and \$4 dollars, then $z$.

P7: Code ` + "`$x$`" + ` span and ` + "`a $ b`" + ` too.

P8: Kept $5 for *one*, or $6.

P9: It costs $5. Then $ more.

P10: Less $5 < 6 and 7 > $8.

P11: Macros $\R^n$ and $\E[x]$.

P12: The \(x \$ y\) keeps its escaped dollar.

` + "```" + `
$not math$ in a code block
` + "```" + `

{{< math label="loss" >}}L(\theta) = \E_{x}\left[\ell(x; \theta)\right]{{< /math >}}

P13: See {{< eqref loss >}} or [the loss](#eq-loss).

{{< math >}}e^{i\pi} + 1 = 0{{< /math >}}

{{< math numbered=true >}}a^2 + b^2 = c^2{{< /math >}}

{{< math label="second" >}}\sum_{i=1}^{n} i = \frac{n(n+1)}{2}{{< /math >}}

P14: And {{< eqref second >}}.

P15: Styles $\mathbf{x} \boldsymbol{v} \mathcal{L} \mathcal{B} \mathfrak{g} \mathfrak{H} \mathsf{A} \mathtt{z} + \mathbb{1} + \mathbf{0} + \mathbb{10} + \mathbf{ab} + \mathbf{\theta}$.
`

// mathFixture builds a copy of the site with extra notes and returns the
// result.
func mathFixture(t *testing.T, notes map[string]string) (*sitetest.Result, error) {
	t.Helper()
	dir := sitetest.CopySite(t)
	for name, body := range notes {
		if err := os.WriteFile(filepath.Join(dir, "content", "notes", name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return sitetest.TryBuild(t, sitetest.Options{Source: dir})
}

// paragraph returns the <p> whose text starts with tag.
func paragraph(t *testing.T, doc *sitetest.Doc, tag string) *html.Node {
	t.Helper()
	for _, p := range doc.All(sitetest.Tag("p")) {
		if strings.HasPrefix(sitetest.Text(p), tag) {
			return p
		}
	}
	t.Fatalf("no paragraph %s", tag)
	return nil
}

// renderHTML is the HTML of n's children.
func renderHTML(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		html.Render(&b, c)
	}
	return b.String()
}

// annotations lists the TeX annotations of the <math> elements below n.
func annotations(n *html.Node) []string {
	var out []string
	for _, m := range sitetest.Find(n, sitetest.Tag("math")) {
		for _, a := range sitetest.Find(m, sitetest.Tag("annotation")) {
			if enc, _ := sitetest.Attr(a, "encoding"); enc == "application/x-tex" {
				out = append(out, sitetest.RawText(a))
			}
		}
	}
	return out
}

func TestMath(t *testing.T) {
	site, err := fastNotes(t, map[string]string{"math-fixture.md": mathNote})
	if err != nil {
		t.Fatalf("build: %v\n%s", err, site.Output)
	}
	doc := site.Page(t, "/notes/math-fixture/")
	raw := site.File(t, "notes/math-fixture/index.html")

	t.Run("delimiters", func(t *testing.T) {
		p := paragraph(t, doc, "P1:")
		if got := annotations(p); strings.Join(got, "|") != "a^2|b^2" {
			t.Errorf("inline math: %q", got)
		}
		for _, m := range sitetest.Find(p, sitetest.Tag("math")) {
			if d, _ := sitetest.Attr(m, "display"); d == "block" {
				t.Errorf("inline math rendered as display")
			}
		}
		if got := len(sitetest.Find(p, sitetest.Class("boda-math--inline"))); got != 2 {
			t.Errorf("%d inline math spans, want 2", got)
		}
		var display []string
		for _, d := range doc.All(sitetest.Class("boda-math--display")) {
			for _, m := range sitetest.Find(d, sitetest.Tag("math")) {
				if v, _ := sitetest.Attr(m, "display"); v != "block" {
					t.Errorf("display math without display=block")
				}
			}
			display = append(display, strings.TrimSpace(strings.Join(annotations(d), "")))
		}
		for _, want := range []string{"c^2", "d^2"} {
			if !contains(display, want) {
				t.Errorf("no display math %q among %q", want, display)
			}
		}
		if strings.Contains(sitetest.VisibleText(doc.Root), "$$") || strings.Contains(raw, `\[`) {
			t.Errorf("a display delimiter reached the page")
		}
	})

	t.Run("dollar rule", func(t *testing.T) {
		prose := map[string]string{
			"P2:":  "It costs $5, or $10 with shipping.",
			"P3:":  "Apples $5 and $10 pears.",
			"P4:":  "A range $1-$2 of dollars.",
			"P5:":  "Spaced $ x$ and $y $ pairs.",
			"P8:":  "Kept $5 for one, or $6.",
			"P9:":  "It costs $5. Then $ more.",
			"P10:": "Less $5 < 6 and 7 > $8.",
		}
		for tag, want := range prose {
			p := paragraph(t, doc, tag)
			if got := annotations(p); len(got) != 0 {
				t.Errorf("%s became math: %q", tag, got)
			}
			if got := sitetest.Text(p); got != tag+" "+want {
				t.Errorf("%s reads %q, want %q", tag, got, tag+" "+want)
			}
		}
		if p := paragraph(t, doc, "P8:"); len(sitetest.Find(p, sitetest.Tag("em"))) != 1 {
			t.Errorf("P8: the emphasis between the dollars was lost: %s", renderHTML(p))
		}
		if p := paragraph(t, doc, "P9:"); len(sitetest.Find(p, sitetest.Tag("ol"))) != 0 {
			t.Errorf("P9: the text between the dollars became a list")
		}
		if !strings.Contains(raw, "P10: Less $5 &lt; 6 and 7 ") {
			t.Errorf("P10: prose between dollars is not HTML-escaped: %s", renderHTML(paragraph(t, doc, "P10:")))
		}
	})

	t.Run("escaped dollar", func(t *testing.T) {
		p := paragraph(t, doc, "P6:")
		if got := annotations(p); strings.Join(got, "|") != "z" {
			t.Errorf("P6 math %q, want only z", got)
		}
		if got := sitetest.VisibleText(p); !strings.HasPrefix(got, "P6: Escaped $3 and $4 dollars, then") {
			t.Errorf("P6 reads %q", got)
		}
		if got := annotations(paragraph(t, doc, "P12:")); len(got) != 1 || got[0] != `x \$ y` {
			t.Errorf("P12: %q, want the TeX x \\$ y", got)
		}
	})

	t.Run("code is never math", func(t *testing.T) {
		p := paragraph(t, doc, "P7:")
		if got := annotations(p); len(got) != 0 {
			t.Errorf("math in a code span: %q", got)
		}
		var code []string
		for _, c := range sitetest.Find(p, sitetest.Tag("code")) {
			code = append(code, sitetest.RawText(c))
		}
		if strings.Join(code, "|") != "$x$|a $ b" {
			t.Errorf("code spans %q", code)
		}
		found := false
		for _, pre := range doc.All(sitetest.Tag("pre")) {
			if strings.Contains(sitetest.RawText(pre), "$not math$ in a code block") {
				found = true
				if len(sitetest.Find(pre, sitetest.Tag("math"))) != 0 {
					t.Errorf("math in a code block")
				}
			}
		}
		if !found {
			t.Errorf("the code block lost its dollars")
		}
	})

	t.Run("macros", func(t *testing.T) {
		p := paragraph(t, doc, "P11:")
		if got := annotations(p); strings.Join(got, "|") != `\R^n|\E[x]` {
			t.Errorf("P11 annotations %q", got)
		}
		h := renderHTML(p)
		for _, want := range []string{`<mi>ℝ</mi>`, `<mi>𝔼</mi>`} {
			if !strings.Contains(h, want) {
				t.Errorf("macro not expanded: no %s in %s", want, h)
			}
		}
	})

	t.Run("styled letters", func(t *testing.T) {
		// Chromium ignores mathvariant on letters, so each styled Latin
		// letter or digit is written as its Unicode math symbol; Greek
		// keeps its mathvariant.
		h := renderHTML(paragraph(t, doc, "P15:"))
		for _, want := range []string{`<mi>𝐱</mi>`, `<mi>𝒗</mi>`, `<mi>ℒ</mi>`, `<mi>ℬ</mi>`, `<mi>𝔤</mi>`, `<mi>ℌ</mi>`, `<mi>𝖠</mi>`, `<mi>𝚣</mi>`, `<mn>𝟙</mn>`, `<mn>𝟎</mn>`, `<mn>𝟙𝟘</mn>`, `𝐚`, `𝐛`, `mathvariant="bold"`} {
			if !strings.Contains(h, want) {
				t.Errorf("no %s in %s", want, h)
			}
		}
		if n := strings.Count(h, "mathvariant="); n != 1 {
			t.Errorf("%d mathvariant attributes left, want 1 (the bold theta): %s", n, h)
		}
	})

	t.Run("labels numbers and references", func(t *testing.T) {
		type eq struct{ id, number, tex string }
		var got []eq
		for _, d := range doc.All(sitetest.Class("boda-math--display")) {
			id, _ := sitetest.Attr(d, "id")
			var number string
			if n := sitetest.Find(d, sitetest.Class("boda-math__number")); len(n) > 0 {
				number = sitetest.Text(n[0])
			}
			got = append(got, eq{id, number, strings.TrimSpace(strings.Join(annotations(d), ""))})
		}
		want := []eq{
			{"", "", "c^2"},
			{"", "", "d^2"},
			{"eq-loss", "(1)", `L(\theta) = \E_{x}\left[\ell(x; \theta)\right]`},
			{"", "", `e^{i\pi} + 1 = 0`},
			{"eq-2", "(2)", `a^2 + b^2 = c^2`},
			{"eq-second", "(3)", `\sum_{i=1}^{n} i = \frac{n(n+1)}{2}`},
		}
		if len(got) != len(want) {
			t.Fatalf("display equations %q, want %q", got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("equation %d: %q, want %q", i, got[i], want[i])
			}
		}
		refs := renderHTML(paragraph(t, doc, "P13:"))
		if !strings.Contains(refs, `<a class="boda-eqref" href="#eq-loss">(1)</a>`) {
			t.Errorf("eqref loss: %s", refs)
		}
		if !strings.Contains(refs, `<a href="#eq-loss">the loss</a>`) {
			t.Errorf("plain link to #eq-loss: %s", refs)
		}
		if refs := renderHTML(paragraph(t, doc, "P14:")); !strings.Contains(refs, `href="#eq-second">(3)</a>`) {
			t.Errorf("eqref second: %s", refs)
		}
		if refs := renderHTML(paragraph(t, doc, "P0:")); !strings.Contains(refs, `<a class="boda-eqref" href="#eq-second">(3)</a>`) {
			t.Errorf("forward eqref second: %s", refs)
		}
	})

	t.Run("accessible markup", func(t *testing.T) {
		maths := doc.All(sitetest.Tag("math"))
		if len(maths) < 10 {
			t.Fatalf("only %d <math> elements", len(maths))
		}
		for _, m := range maths {
			if len(annotations(m)) != 1 {
				t.Errorf("a <math> without its TeX annotation: %s", renderHTML(m))
			}
		}
		for _, s := range doc.All(sitetest.Class("boda-math__scroll")) {
			tab, _ := sitetest.Attr(s, "tabindex")
			role, _ := sitetest.Attr(s, "role")
			label, _ := sitetest.Attr(s, "aria-label")
			if tab != "0" || role != "group" || !strings.HasPrefix(label, "Equation") {
				t.Errorf("scroll box: tabindex=%q role=%q aria-label=%q", tab, role, label)
			}
		}
	})

	t.Run("no math JavaScript or styles", func(t *testing.T) {
		if m := regexp.MustCompile(`(?i)<script[^>]*(katex|mathjax)|katex[^"]*\.css|style="`).FindString(raw); m != "" {
			t.Errorf("the page loads math scripts or styles: %s", m)
		}
	})
}

func TestMathErrors(t *testing.T) {
	cases := []struct {
		name, note string
		want       []string
	}{
		{
			"broken LaTeX",
			"---\ntitle: Broken\ndescription: d\ndate: 2024-01-01\n---\n\nIntro.\n\nBroken $\\frac{a}{b$ here.\n",
			[]string{"math-error.md:9:8", "KaTeX parse error", `\frac{a}{b`},
		},
		{
			"broken display LaTeX",
			"---\ntitle: Broken\ndescription: d\ndate: 2024-01-01\n---\n\n$$\n\\begin{pmatrix} a \\end{bmatrix}\n$$\n",
			[]string{"math-error.md:7:1", "KaTeX parse error", `\begin{pmatrix} a \end{bmatrix}`},
		},
		{
			"broken shortcode LaTeX",
			"---\ntitle: Broken\ndescription: d\ndate: 2024-01-01\n---\n\n{{< math >}}\\sqrt{{< /math >}}\n",
			[]string{"math-error.md:7:1", "KaTeX parse error", `\sqrt`},
		},
		{
			"unknown shortcode parameter",
			"---\ntitle: Broken\ndescription: d\ndate: 2024-01-01\n---\n\n{{< math lable=\"loss\" >}}x{{< /math >}}\n",
			[]string{"math-error.md:7:1", `math has no parameter "lable"`},
		},
		{
			"eqref to a missing label",
			"---\ntitle: Broken\ndescription: d\ndate: 2024-01-01\n---\n\nSee {{< eqref nowhere >}}.\n",
			[]string{"math-error.md:7:5", `no equation labelled "nowhere"`},
		},
		{
			"eqref without a label",
			"---\ntitle: Broken\ndescription: d\ndate: 2024-01-01\n---\n\nSee {{< eqref >}}.\n",
			[]string{"math-error.md:7:5", `eqref needs the label of an equation`},
		},
		{
			"eqref with two labels",
			"---\ntitle: Broken\ndescription: d\ndate: 2024-01-01\n---\n\nSee {{< eqref a b >}}.\n",
			[]string{"math-error.md:7:5", `eqref takes one argument`},
		},
		{
			"duplicate label",
			"---\ntitle: Broken\ndescription: d\ndate: 2024-01-01\n---\n\n{{< math label=\"a\" >}}x{{< /math >}}\n\n{{< math label=\"a\" >}}y{{< /math >}}\n",
			[]string{"math-error.md:9:1", `label "a" is used twice`},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := fastNotes(t, map[string]string{"math-error.md": c.note})
			if err == nil {
				t.Fatalf("the build succeeded")
			}
			for _, w := range c.want {
				if !strings.Contains(r.Output, w) {
					t.Errorf("the error does not mention %q:\n%s", w, r.Output)
				}
			}
			if strings.Contains(r.Output, "error calling ToMath") {
				t.Errorf("the message keeps the template call chain:\n%s", r.Output)
			}
			// KaTeX's message is said once, without the U+0332 underline.
			if n := strings.Count(r.Output, "KaTeX parse error"); strings.Contains(c.want[1], "KaTeX") && n != 1 {
				t.Errorf("KaTeX's message appears %d times, want once:\n%s", n, r.Output)
			}
			if strings.Contains(r.Output, "\u0332") {
				t.Errorf("the message keeps KaTeX's combining underline:\n%s", r.Output)
			}
		})
	}
}

func TestMathOutputIsMathMLOnly(t *testing.T) {
	dir := sitetest.CopySite(t)
	r, err := sitetest.TryBuild(t, sitetest.Options{Source: dir, Env: []string{"HUGO_PARAMS_BODA_MATH_OUTPUT=htmlAndMathml"}})
	if err == nil {
		t.Fatalf("the build accepted output = htmlAndMathml, which needs KaTeX's CSS, fonts and style attributes")
	}
	if !strings.Contains(r.Output, `params.boda.math.output = "htmlAndMathml" is not supported`) {
		t.Errorf("the error does not name the setting:\n%s", r.Output)
	}
}
