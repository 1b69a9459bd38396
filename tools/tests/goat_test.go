package tests

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// TestGoatDiagram: a ```goat fence becomes inline SVG without a single
// style attribute (the CSP blocks them; Hugo's own goat output writes one on
// every letter), drawn in currentColor so it follows the palette, its
// hollow circles filled by our CSS instead of white, named for screen
// readers by its alt, captioned by its title, and kept out of search.
func TestGoatDiagram(t *testing.T) {
	site, _ := extrasSite(t)
	doc := site.Page(t, "/notes/diagram/")
	figs := doc.All(sitetest.Class("boda-goat"))
	if len(figs) != 1 {
		t.Fatalf("found %d goat figures, want 1", len(figs))
	}
	fig := figs[0]
	if _, ok := sitetest.Attr(fig, "data-pagefind-ignore"); !ok {
		t.Error("the diagram's letters would be indexed by search: no data-pagefind-ignore")
	}
	svgs := sitetest.Find(fig, sitetest.Tag("svg"))
	if len(svgs) != 1 {
		t.Fatalf("found %d svg elements in the figure", len(svgs))
	}
	svg := svgs[0]
	for name, want := range map[string]string{"role": "img", "aria-label": "Box A points to box B, past a hollow and a solid circle", "class": "boda-goat__svg"} {
		if got, _ := sitetest.Attr(svg, name); got != want {
			t.Errorf("svg %s=%q, want %q", name, got, want)
		}
	}
	if vb, _ := sitetest.Attr(svg, "viewBox"); !regexp.MustCompile(`^0 0 \d+ \d+$`).MatchString(vb) {
		t.Errorf("svg viewBox=%q", vb)
	}
	raw := renderHTML(fig)
	if strings.Contains(raw, "style=") {
		t.Errorf("the diagram carries a style attribute, which the CSP blocks:\n%s", raw)
	}
	if strings.Contains(raw, "#fff") {
		t.Errorf("the diagram fills something white, a white disc in the dark palette:\n%s", raw)
	}
	if n := len(sitetest.Find(svg, sitetest.Class("boda-goat__hollow"))); n != 1 {
		t.Errorf("found %d hollow circles (class boda-goat__hollow), want 1", n)
	}
	if !strings.Contains(raw, `stroke="currentColor"`) || !strings.Contains(raw, `fill="currentColor"`) {
		t.Errorf("the diagram is not drawn in currentColor:\n%s", raw)
	}
	// The letters are escaped text, not markup.
	var letters strings.Builder
	for _, tx := range sitetest.Find(svg, sitetest.Tag("text")) {
		letters.WriteString(sitetest.Text(tx))
	}
	for _, c := range []string{"A", "B", "a", "&", "<", "b", ">"} {
		if !strings.Contains(letters.String(), c) {
			t.Errorf("the diagram's letters %q lack %q", letters.String(), c)
		}
	}
	if len(sitetest.Find(svg, sitetest.Tag("b"))) != 0 {
		t.Error("the diagram's <b> became an element")
	}
	if caps := sitetest.Find(fig, sitetest.Tag("figcaption")); len(caps) != 1 || sitetest.Text(caps[0]) != "The pipeline" {
		t.Errorf("the diagram's caption is missing or wrong")
	}

	// The palette: our stylesheet styles the classes with our tokens.
	css, err := os.ReadFile(filepath.Join(sitetest.Root(), "assets", "css", "components", "goat.css"))
	if err != nil {
		t.Fatal(err)
	}
	for _, rule := range []string{".boda-goat__svg", "color: var(--boda-text)", ".boda-goat__hollow { fill: var(--boda-bg); }"} {
		if !strings.Contains(string(css), rule) {
			t.Errorf("goat.css has no %q", rule)
		}
	}

	// The Markdown copy keeps the diagram as its fence.
	if md := site.File(t, "notes/diagram/index.md"); !strings.Contains(md, "```goat") || !strings.Contains(md, "| A +---->| B |") {
		t.Errorf("the Markdown copy lost the diagram:\n%s", md)
	}
}
