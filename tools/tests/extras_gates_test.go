package tests

import (
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/gates"
)

// TestExtrasPassTheGates holds the extras notebook to the quality gates:
// valid HTML and CSS (the Nu checker, every page), no broken links (the
// archive's year and month anchors included), and axe-core in light and
// dark mode on the pages that show the new parts: the archive, a GoAT
// diagram, and notes with related notes and social cards.
func TestExtrasPassTheGates(t *testing.T) {
	site, _ := extrasSite(t)
	report := func(ps []gates.Problem) {
		t.Helper()
		for _, p := range ps {
			t.Error(p)
		}
	}
	report(gates.HTML(t, site.Public))
	report(gates.Links(t, site.Public, ""))
	problems, _ := gates.Audit(t, site.Public, []string{"/archive/", "/notes/diagram/", "/notes/tf-one/", "/courses/ml/lecture-1/"})
	report(problems)
}
