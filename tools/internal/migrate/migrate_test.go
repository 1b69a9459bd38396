package migrate

import (
	"fmt"
	"strings"
	"testing"
)

const fm = "---\ntitle: T\ndate: 2024-01-01\n---\n\n"

// convert runs Convert on a body under a dated front matter (body line 1
// is file line 6) and returns the body and the findings as "line: kind: msg".
func convert(t *testing.T, body string) (string, []string) {
	t.Helper()
	out, finds, _ := Convert("content/posts/x.md", []byte(fm+body))
	if !strings.HasPrefix(string(out), fm) {
		t.Fatalf("front matter changed:\n%s", out)
	}
	var lines []string
	for _, f := range finds {
		lines = append(lines, fmt.Sprintf("%d: %s: %s", f.Line, f.Kind, f.Msg))
	}
	return strings.TrimPrefix(string(out), fm), lines
}

// has reports whether some finding starts with prefix and contains part.
func has(finds []string, prefix, part string) bool {
	for _, f := range finds {
		if strings.HasPrefix(f, prefix) && strings.Contains(f, part) {
			return true
		}
	}
	return false
}

func TestSpacedMathIsTightenedWhenClearlyMath(t *testing.T) {
	for in, want := range map[string]string{
		`$ \nabla f(x) $`:   `$\nabla f(x)$`,
		`$ W^T x$`:          `$W^T x$`,
		`$x_1 + x_2 $`:      `$x_1 + x_2$`,
		`$ p(y \mid x)$`:    `$p(y \mid x)$`,
		`$ a_i \le b_i $`:   `$a_i \le b_i$`,
		`$ \|w\|^2 $`:       `$\|w\|^2$`,
		`$ x $`:             `$x$`,
		`$ f(x) = wx + b $`: `$f(x) = wx + b$`,
		`$ \sin x + 1 $`:    `$\sin x + 1$`,
	} {
		got, finds := convert(t, "Say "+in+" here.\n")
		if got != "Say "+want+" here.\n" {
			t.Errorf("%s → %q, want %q", in, got, want)
		}
		if !has(finds, "6: change: ", "spaces inside $ … $ removed") {
			t.Errorf("%s: no change reported at line 6: %q", in, finds)
		}
	}
}

func TestPricesStayProse(t *testing.T) {
	for _, in := range []string{
		"It costs $5, or $10 with shipping.",
		"US$20 and US$30",
		"between $ 5 and $ 10",
		"A range $1-$2.",
		"It costs $ 5 + tax, or $ 7 without.",
		"Pay $ 3 and get $ back.",
	} {
		got, finds := convert(t, in+"\n")
		if got != in+"\n" || len(finds) != 0 {
			t.Errorf("%q changed to %q (%q)", in, got, finds)
		}
	}
}

func TestMathInCodeIsLeftAlone(t *testing.T) {
	in := "Run `echo $ x $` and `a<br>b`.\n\n```sh\necho \"$ y $\" <br>\n```\n\n~~~\n$ \\alpha $\n~~~\n"
	got, finds := convert(t, in)
	if got != in || len(finds) != 0 {
		t.Errorf("code changed:\n%s\n%q", got, finds)
	}
}

func TestIndentedCodeIsLeftAlone(t *testing.T) {
	in := "Text.\n\n    echo \"$ x $\" <br>\n    more\n\nAfter $ x^2 $.\n\n- item\n\n    in the item $ y^2 $\n"
	want := "Text.\n\n    echo \"$ x $\" <br>\n    more\n\nAfter $x^2$.\n\n- item\n\n    in the item $y^2$\n"
	if got, finds := convert(t, in); got != want {
		t.Errorf("got %q, want %q (%q)", got, want, finds)
	}
}

func TestLoveItEscapesInMath(t *testing.T) {
	for in, want := range map[string]string{
		`\theta\_{t+1}`:           `\theta_{t+1}`,
		`a \* b`:                  `a * b`,
		`a \\\\ b`:                `a \\ b`,
		`A @>a\>> B`:              `A @>a>> B`,
		`\\{x\\}`:                 `\{x\}`,
		`\\|w\\|`:                 `\|w\|`,
		`a\\,b`:                   `a\,b`,
		`\alpha + \{x\} \\ \beta`: `\alpha + \{x\} \\ \beta`,
		`\_`:                      `_`,
	} {
		got, _ := fixTeX(in)
		if got != want {
			t.Errorf("fixTeX(%q) = %q, want %q", in, got, want)
		}
	}
	got, finds := convert(t, "The step $\\theta\\_{t+1} = \\theta\\_t$ and $$a \\\\\\\\ b$$.\n")
	if got != "The step $\\theta_{t+1} = \\theta_t$ and $$a \\\\ b$$.\n" {
		t.Errorf("got %q", got)
	}
	if !has(finds, "6: change: ", `\_ → _`) || !has(finds, "6: change: ", `\\\\ → \\`) {
		t.Errorf("escapes not reported: %q", finds)
	}
}

func TestDisplayMathStaysInItsParagraph(t *testing.T) {
	in := "It costs $$5.\n\n<img src=\"a.png\" alt=\"A\">\n\nAnd $$ a \\_ b $$.\n\n\\begin{itemize}\n\\end{itemize}\n"
	want := "It costs $$5.\n\n![A](a.png)\n\nAnd $$ a _ b $$.\n\n\\begin{itemize}\n\\end{itemize}\n"
	if got, finds := convert(t, in); got != want {
		t.Errorf("got %q, want %q (%q)", got, want, finds)
	}
}

func TestLoveItDisplayForms(t *testing.T) {
	in := "\\\\[ A\\_{ij} \\\\]\n\nInline \\\\( x^\\* \\\\) here.\n\n\\begin{align}\n  a &= b \\\\\\\\\n  c &= d\n\\end{align}\n\nA \\[citation\\] in brackets.\n"
	want := "\\[ A_{ij} \\]\n\nInline \\( x^* \\) here.\n\n$$\n\\begin{align}\n  a &= b \\\\\n  c &= d\n\\end{align}\n$$\n\nA \\[citation\\] in brackets.\n"
	got, finds := convert(t, in)
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	for _, w := range [][2]string{{"6: change: ", `\\[ … \\] is written \[ … \]`}, {"8: change: ", `\\( … \\) is written \( … \)`},
		{"10: change: ", `bare \begin{align} is math only between $$ lines`}, {"15: note: ", `is math here, while LoveIt showed the bracket`}} {
		if !has(finds, w[0], w[1]) {
			t.Errorf("no %s%s in %q", w[0], w[1], finds)
		}
	}
}

func TestRawImages(t *testing.T) {
	cases := []struct{ in, want, line, msg string }{
		{"Look <img src=\"a.png\" alt=\"A cat\"> here.\n", "Look ![A cat](a.png) here.\n", "6: change: ", "→ ![A cat](a.png)"},
		{"<p align=\"center\">\n  <img src=\"a.png\" alt=\"A cat\" width=\"300\">\n</p>\n", "![A cat](a.png)\n", "7: change: ", `dropped width="300"`},
		{"<p align=\"center\">\n  <img src=\"a.png\" alt=\"A cat\" width=\"300\">\n</p>\n", "![A cat](a.png)\n", "6: change: ", `<p align="center"> removed`},
		{"<center><img src='b.png' alt=A><br>The caption</center>\n", "![A](b.png \"The caption\")\n", "6: change: ", `"The caption", is its caption`},
		{"<img src=\"loss-curve.png\"/>\n", "![loss curve](loss-curve.png)\n", "6: change: ", `"loss curve" made from the file name`},
		{"<img src=\"a.png\" title=\"T\" alt=\"x\">\n", "![x](a.png \"T\")\n", "6: change: ", `![x](a.png "T")`},
		{"<center><img src=\"a.png\" alt=\"A\"><br>Loss $ L(\\theta) $</center>\n", "![A](a.png)\\\nLoss $L(\\theta)$\n", "6: change: ", "$L(\\theta)$"},
		{"<img\n  src=\"a b.png\"\n  alt=\"A\">\n", "![A](<a b.png>)\n", "6: change: ", "![A](<a b.png>)"},
		{"See <img src=\"https://x.org/a.png\" alt=\"A\">.\n", "See ![A](https://x.org/a.png).\n", "6: change: ", "img-src 'self'"},
		{"<div align=\"center\">\n<img src=\"a.png\" alt=\"A\">\n<img src=\"b.png\" alt=\"B\">\n</div>\n", "![A](a.png)\n\n![B](b.png)\n", "8: change: ", "![B](b.png)"},
		{"Some <em>word</em> and <a href=\"https://x.org\">a link</a>.\n", "Some *word* and [a link](https://x.org).\n", "6: change: ", "[a link](https://x.org)"},
		{"![](plots/loss_curve.png) and ![](b.png \"Bee\")\n", "![loss curve](plots/loss_curve.png) and ![Bee](b.png \"Bee\")\n", "6: change: ", "made from the file name"},
		{"![A](https://x.org/a.png)\n", "![A](https://x.org/a.png)\n", "6: note: ", "img-src 'self'"},
		{"Fences <code>```js</code> open.\n", "Fences <code>```js</code> open.\n", "6: cannot convert: ", "raw HTML <code> is dropped"},
	}
	for _, c := range cases {
		got, finds := convert(t, c.in)
		if got != c.want {
			t.Errorf("%q → %q, want %q", c.in, got, c.want)
		}
		if !has(finds, c.line, c.msg) {
			t.Errorf("%q: no %s…%s in %q", c.in, c.line, c.msg, finds)
		}
	}
}

func TestBreaks(t *testing.T) {
	cases := []struct{ in, want, line, msg string }{
		{"One<br>\nTwo\n", "One\\\nTwo\n", "6: change: ", `a trailing \ (a hard line break)`},
		{"One <br/>\nTwo\n", "One\\\nTwo\n", "6: change: ", `a trailing \`},
		{"One<br />Two\n", "One\\\nTwo\n", "6: change: ", "a new line"},
		{"- One<br>Two\n", "- One\\\n- Two\n", "", ""}, // replaced below
		{"One\n<br>\nTwo\n", "One\n\nTwo\n", "7: change: ", "a new paragraph"},
		{"One<br>\n\nTwo\n", "One\n\nTwo\n", "6: change: ", "end of a paragraph removed"},
		{"| a | b<br>c |\n", "| a | b<br>c |\n", "6: cannot convert: ", "table cell"},
		{"## A<br>B\n", "## A<br>B\n", "6: cannot convert: ", "heading"},
		{"a | b\n--|--\nc | d<br>e\n", "a | b\n--|--\nc | d<br>e\n", "8: cannot convert: ", "table cell"},
	}
	cases[3] = struct{ in, want, line, msg string }{"- One<br>Two\n", "- One\\\nTwo\n", "6: change: ", "a new line"}
	for _, c := range cases {
		got, finds := convert(t, c.in)
		if got != c.want {
			t.Errorf("%q → %q, want %q", c.in, got, c.want)
		}
		if !has(finds, c.line, c.msg) {
			t.Errorf("%q: no %s…%s in %q", c.in, c.line, c.msg, finds)
		}
	}
}

func TestOtherHTMLIsReported(t *testing.T) {
	got, finds := convert(t, "H<sub>2</sub>O and <kbd>Ctrl</kbd>.\n")
	if got != "H<sub>2</sub>O and <kbd>Ctrl</kbd>.\n" {
		t.Errorf("changed: %q", got)
	}
	if !has(finds, "6: cannot convert: ", "raw HTML <sub> is dropped") || !has(finds, "6: cannot convert: ", "<kbd>") {
		t.Errorf("not reported: %q", finds)
	}
	in := "<!-- old: <img src=\"x.png\"> $ x^2 $ -->\n\n<pre>\n<code>$ y^2 $</code> <br>\n</pre>\n"
	got, finds = convert(t, in)
	if got != in || len(finds) != 1 || !has(finds, "8: cannot convert: ", "raw HTML <pre>… is dropped") {
		t.Errorf("comment or <pre> converted: %q %q", got, finds)
	}
	_, finds = convert(t, "<a name=\"top\"></a>Text.\n")
	if !has(finds, "6: cannot convert: ", "{#anchor}") {
		t.Errorf("anchor not reported: %q", finds)
	}
}

func TestShortcodes(t *testing.T) {
	cases := []struct{ in, want, line, msg string }{
		{"{{< admonition type=tip title=\"A\" open=false >}}\nBody $ x^2 $.\n{{< /admonition >}}\n", "{{< admonition type=tip title=\"A\" open=false >}}\nBody $x^2$.\n{{< /admonition >}}\n", "7: change: ", "spaces inside"},
		{`{{< image src="a.png" alt="A" caption="Cap" width=300 >}}` + "\n", "![A](a.png \"Cap\")\n", "6: change: ", "dropped width=300"},
		{`{{< image "a.png" "A" >}}` + "\n", "![A](a.png)\n", "6: change: ", "→ ![A](a.png)"},
		{`See {{< link href="https://x.org" content="X" title="Go" >}}.` + "\n", "See [X](https://x.org \"Go\").\n", "6: change: ", "[X](https://x.org \"Go\")"},
		{`See {{< link "https://x.org" >}}.` + "\n", "See [https://x.org](https://x.org).\n", "6: change: ", "[https://x.org](https://x.org)"},
		{"{{< mermaid >}}\ngraph LR\n  A --> B\n{{< /mermaid >}}\n", "```mermaid\ngraph LR\n  A --> B\n```\n", "6: change: ", "```mermaid code block"},
		{"{{< raw >}}\\(\\mathbf{E}_{i}\\){{< /raw >}}\n", "\\(\\mathbf{E}_{i}\\)\n", "6: change: ", "removed around a formula"},
		{"{{< raw >}}<b>x</b>{{< /raw >}}\n", "{{< raw >}}<b>x</b>{{< /raw >}}\n", "6: cannot convert: ", "raw"},
		{"{{< bilibili id=BV1Sx411T7QQ p=3 >}}\n", "[Video BV1Sx411T7QQ on Bilibili](https://www.bilibili.com/video/BV1Sx411T7QQ?p=3)\n", "6: change: ", "blocks embedded players"},
		{"{{< version 0.2.0 >}} and {{< version 0.3.1 deleted >}}\n", "*New in 0.2.0* and *Removed in 0.3.1*\n", "6: change: ", "→ *Removed in 0.3.1*"},
		{`{{< person "https://x.org/" Ada "wrote it" >}}` + "\n", "[Ada](https://x.org/ \"wrote it\")\n", "6: change: ", "[Ada](https://x.org/ \"wrote it\")"},
		{"{{< style \"text-align: right;\" >}}\nText.\n{{< /style >}}\n", "\nText.\n\n", "6: change: ", "the text kept"},
		{"{{< typeit >}}\nHello.\n{{< /typeit >}}\n", "\nHello.\n\n", "6: change: ", "the text kept"},
		{"{{< typeit code=java >}}\nclass A { int x = $ y^2 $; }\n{{< /typeit >}}\n", "```java\nclass A { int x = $ y^2 $; }\n```\n", "6: change: ", "```java code block"},
		{"{{< typeit tag=h4 >}}\nHi\n{{< /typeit >}}\n", "{{< typeit tag=h4 >}}\nHi\n{{< /typeit >}}\n", "6: cannot convert: ", "animates nothing"},
		{"{{< youtube w7Ft2ymGmfc >}}\n", "{{< youtube w7Ft2ymGmfc >}}\n", "6: note: ", "link to it instead"},
		{"{{< music netease song 1868553 >}}\n", "{{< music netease song 1868553 >}}\n", "6: cannot convert: ", "link to the track"},
		{`Mail {{< link "mailto:a@x.org" >}}.` + "\n", "Mail [a@x.org](mailto:a@x.org).\n", "6: change: ", "[a@x.org](mailto:a@x.org)"},
		{"{{< sparkle >}}\n", "{{< sparkle >}}\n", "6: cannot convert: ", "no `sparkle` shortcode"},
		{"{{</* image src=\"a.png\" */>}}\n", "{{</* image src=\"a.png\" */>}}\n", "", ""},
		{"Gone :(fas fa-campground): now.\n", "Gone :(fas fa-campground): now.\n", "6: cannot convert: ", "Font Awesome"},
		{"[Hugo]^(A generator) and [1]/[2]\n", "[Hugo]^(A generator) and [1]/[2]\n", "6: cannot convert: ", "ruby"},
	}
	for _, c := range cases {
		got, finds := convert(t, c.in)
		if got != c.want {
			t.Errorf("%q → %q, want %q", c.in, got, c.want)
		}
		if c.line == "" && len(finds) != 0 || c.line != "" && !has(finds, c.line, c.msg) {
			t.Errorf("%q: want %s…%s, got %q", c.in, c.line, c.msg, finds)
		}
	}
	_, finds := convert(t, "{{< admonition warning \"Careful\" >}}\nText.\n{{< /admonition >}}\n")
	if len(finds) != 0 {
		t.Errorf("admonition reported: %q", finds)
	}
}

func TestFrontMatter(t *testing.T) {
	src := "---\ntitle: T\nsubtitle: S\nfeaturedImage: f.png\nmath: true\nlightgallery: true\ncategories: [a]\ntwemoji: false\n---\nText.\n"
	out, finds, facts := Convert("content/posts/2022-02-01-hello/index.md", []byte(src))
	if string(out) != src {
		t.Errorf("front matter changed:\n%s", out)
	}
	want := map[int]string{1: `date = [":filename", ":default"]`, 5: "`math`: not needed", 6: "`lightgallery`: not needed", 8: "`twemoji` is for Twemoji"}
	for line, msg := range want {
		found := false
		for _, f := range finds {
			found = found || f.Line == line && f.Kind == Note && strings.Contains(f.Msg, msg)
		}
		if !found {
			t.Errorf("no note %q at line %d: %+v", msg, line, finds)
		}
	}
	if len(finds) != len(want) {
		t.Errorf("%d findings, want %d: %+v", len(finds), len(want), finds)
	}
	if !facts.Categories || !facts.DateFromName {
		t.Errorf("facts %+v", facts)
	}
	for name, src := range map[string]string{
		"content/posts/2022-02-01-hello.md": "+++\ntitle = \"T\"\ndate = 2022-02-01\n+++\n",
		"content/posts/hello.md":            "---\ntitle: T\n---\n",
	} {
		if _, finds, facts := Convert(name, []byte(src)); len(finds) != 0 || facts.DateFromName {
			t.Errorf("%s: %+v %+v", name, finds, facts)
		}
	}
	if _, _, facts := Convert("content/posts/2022-02-01-hello.md", []byte("+++\ntitle = \"T\"\n[math]\nenable = true\n+++\n")); !facts.DateFromName {
		t.Errorf("undated TOML page with a dated name: %+v", facts)
	}
}

func TestFeaturedImageResources(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"---\ntitle: T\ndate: 2020-01-01\nresources:\n- name: \"featured-image\"\n  src: \"featured-image.jpg\"\n- name: featured-image-preview\n  src: small.jpg\ntags: [a]\n---\nText.\n",
			"---\ntitle: T\ndate: 2020-01-01\nresources:\n- name: \"featured-image\"\n  src: \"featured-image.jpg\"\n- name: featured-image-preview\n  src: small.jpg\ntags: [a]\nfeaturedImage: \"featured-image.jpg\"\nfeaturedImagePreview: \"small.jpg\"\n---\nText.\n"},
		{"+++\ntitle = \"T\"\ndate = 2020-01-01\n[[resources]]\n  src = \"f.png\"\n  name = \"featured-image\"\n+++\n",
			"+++\ntitle = \"T\"\ndate = 2020-01-01\nfeaturedImage = \"f.png\"\n[[resources]]\n  src = \"f.png\"\n  name = \"featured-image\"\n+++\n"},
		{"---\ntitle: T\ndate: 2020-01-01\nfeaturedImage: mine.png\nresources:\n- name: featured-image\n  src: f.png\n---\n", ""},
		{"---\ntitle: T\ndate: 2020-01-01\nresources:\n- src: a.png\n  name: hero\n---\n", ""},
	} {
		out, finds, _ := Convert("content/posts/x/index.md", []byte(c.in))
		want := c.want
		if want == "" {
			want = c.in
		}
		if string(out) != want {
			t.Errorf("%q → %q, want %q", c.in, out, want)
		}
		if (c.want != "") != (len(finds) > 0) {
			t.Errorf("%q: findings %+v", c.in, finds)
		}
	}
}

func TestOverlappingEditIsReportedNotMade(t *testing.T) {
	c := &conv{src: "abcdef"}
	c.change(0, 4, "X", "first")
	c.change(2, 5, "Y", "second")
	if got := c.apply(); got != "Xef" {
		t.Errorf("apply = %q", got)
	}
	f := c.findings()
	if f[0].Kind != Change || f[1].Kind != Manual || !strings.HasPrefix(f[1].Msg, "not converted, as it overlaps") {
		t.Errorf("findings %+v", f)
	}
}
