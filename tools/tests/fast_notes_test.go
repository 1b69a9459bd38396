package tests

import (
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/fasttest"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// fastNotes builds, in-process, testdata/fast/notes.txtar (the theme and
// an empty notes section) plus notes written into content/notes/, keyed by
// file name, and returns the result and the build's error. It is the fast
// tier's mathFixture: the published pages read the same, the site's own
// notes are left out.
func fastNotes(t *testing.T, notes map[string]string) (*sitetest.Result, error) {
	t.Helper()
	files := map[string]string{}
	for name, body := range notes {
		files["content/notes/"+name] = body
	}
	return fasttest.TryBuild(t, fasttest.Options{}, fasttest.Fixture(t, "testdata/fast/notes.txtar"), fasttest.FromMap(files))
}

// fastReader builds the reader fixture (readerFiles) in-process, for the
// reader tests that read pages and text outputs; the tests that drive a
// browser or the quality gates over it build it with the binary
// (readerFixture).
func fastReader(t *testing.T) *sitetest.Result {
	t.Helper()
	return fasttest.Build(t, fasttest.Options{}, fasttest.FromMap(readerFiles))
}

// fastSite builds the repository's site in-process with files (paths from
// the site root) added or shadowing its own: the fast tier's
// CopySite-and-build.
func fastSite(t *testing.T, files map[string]string) (*sitetest.Result, error) {
	t.Helper()
	return fasttest.TryBuild(t, fasttest.Options{Content: true}, fasttest.FromMap(files))
}
