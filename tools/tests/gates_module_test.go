package tests

import (
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/gates"
)

// TestQualityGatesOnMountedSites holds the sites that mount the module as
// README shows (everything, and the theme alone with the site's own posts)
// to the same gates as our own site. The notes-only fixture is left out: its
// pages come from that site's own templates, not ours.
func TestQualityGatesOnMountedSites(t *testing.T) {
	doc := readMountDoc(t)
	m := newModEnv(t)
	for _, c := range []struct{ way, fixture string }{
		{mountEverything, "everything"},
		{mountThemeOnly, "theme-only"},
	} {
		t.Run(c.fixture, func(t *testing.T) {
			site := m.build(t, m.consumer(t, doc, c.way, c.fixture), "--environment", "production")
			weights := gates.CheckSite(t, site.Public, gates.Options{})
			if len(weights) > 0 {
				t.Logf("page weight, first visit, gzip:\n%s", gates.Summary(weights, nil))
			}
		})
	}
}
