package tests

import (
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/pagefind"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// TestSearchIndexReadsLikeProse indexes the site with Pagefind and checks
// the text it keeps for a note with formulas: each formula once, as the
// reader sees it (no TeX annotation after it), and no heading anchors.
func TestSearchIndexReadsLikeProse(t *testing.T) {
	site := sitetest.Site(t, "production")
	dir := t.TempDir()
	sitetest.CopyTree(t, site.Public, dir)
	pagefind.Index(t, dir)
	frags := pagefind.Fragments(t, dir)
	var text string
	for url, f := range frags {
		if strings.HasSuffix(url, "/courses/applied-deep-learning/deep-learning-overview/") {
			text = f.Content
		}
	}
	if text == "" {
		t.Fatalf("the deep learning overview is not in the index (%d pages)", len(frags))
	}
	if !strings.Contains(text, "fl∘fl−1∘⋯∘f1") {
		t.Errorf("the formula is not indexed as the reader sees it:\n%s", text)
	}
	for _, bad := range []string{`\circ`, "f_l", "overview#", "Reference#"} {
		if strings.Contains(text, bad) {
			t.Errorf("the indexed text holds %q:\n%s", bad, text)
		}
	}
}
