package tests

import (
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
	"golang.org/x/net/html"
)

// TestMinifiedPagesMeanTheSame renders the production site with and without
// HTML minification and compares, page by page, the visible text, every
// MathML tree, every <pre> block byte for byte and every inline code span.
func TestMinifiedPagesMeanTheSame(t *testing.T) {
	minified := sitetest.Site(t, "production")
	plain := sitetest.Build(t, sitetest.Options{
		Args: []string{"--environment", "production"},
		Env:  []string{"HUGO_MINIFY_MINIFYOUTPUT=false"},
	})
	files := minified.HTMLFiles(t)
	if len(files) < 20 {
		t.Fatalf("only %d pages published", len(files))
	}
	sawMath, sawPre := false, false
	for _, f := range files {
		a := sitetest.Parse(t, minified.File(t, f), f)
		b := sitetest.Parse(t, plain.File(t, f), f)
		if len(minified.File(t, f)) >= len(plain.File(t, f)) && strings.Contains(f, "notes/git") {
			t.Errorf("%s: the minified page is not smaller than the plain one", f)
		}
		if ta, tb := sitetest.VisibleText(a.Root), sitetest.VisibleText(b.Root); ta != tb {
			t.Errorf("%s: visible text differs after minification:\n min: %s\nplain: %s", f, firstDiff(ta, tb), firstDiff(tb, ta))
		}
		ma, mb := mathTrees(a), mathTrees(b)
		if len(ma) != len(mb) {
			t.Errorf("%s: %d math elements minified, %d plain", f, len(ma), len(mb))
		}
		for i := range ma {
			sawMath = true
			if i < len(mb) && ma[i] != mb[i] {
				t.Errorf("%s: math %d differs:\n min: %s\nplain: %s", f, i, ma[i], mb[i])
			}
		}
		pa, pb := a.All(sitetest.Tag("pre")), b.All(sitetest.Tag("pre"))
		for i := range pa {
			sawPre = true
			if i < len(pb) && sitetest.RawText(pa[i]) != sitetest.RawText(pb[i]) {
				t.Errorf("%s: <pre> %d differs:\n min: %q\nplain: %q", f, i, sitetest.RawText(pa[i]), sitetest.RawText(pb[i]))
			}
		}
		ca, cb := a.All(sitetest.Tag("code")), b.All(sitetest.Tag("code"))
		for i := range ca {
			if i < len(cb) && sitetest.RawText(ca[i]) != sitetest.RawText(cb[i]) {
				t.Errorf("%s: <code> %d differs: %q vs %q", f, i, sitetest.RawText(ca[i]), sitetest.RawText(cb[i]))
			}
		}
	}
	if !sawMath || !sawPre {
		t.Errorf("the comparison saw no math (%v) or no <pre> (%v)", sawMath, sawPre)
	}
}

// mathTrees serialises every <math> element as tags and trimmed text.
func mathTrees(d *sitetest.Doc) []string {
	var out []string
	for _, m := range d.All(sitetest.Tag("math")) {
		var b strings.Builder
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			switch n.Type {
			case html.ElementNode:
				b.WriteString("<" + n.Data)
				for _, a := range n.Attr {
					b.WriteString(" " + a.Key + "=" + a.Val)
				}
				b.WriteString(">")
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c)
				}
				b.WriteString("</" + n.Data + ">")
			case html.TextNode:
				b.WriteString(strings.TrimSpace(n.Data))
			}
		}
		walk(m)
		out = append(out, b.String())
	}
	return out
}

func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	start := max(0, i-40)
	return a[start:min(len(a), i+40)]
}
