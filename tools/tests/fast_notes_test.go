package tests

import (
	"fmt"
	"strings"
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

// fastReader builds the reader fixture (readerFiles) in-process, once per
// test process, for the
// reader tests that read pages and text outputs; the tests that drive a
// browser or the quality gates over it build it with the binary
// (readerFixture).
func fastReader(t *testing.T) *sitetest.Result {
	t.Helper()
	return fasttest.Shared(t, "reader", fasttest.Options{}, fasttest.FromMap(readerFiles))
}

// fastSite builds the repository's site in-process with files (paths from
// the site root) added or shadowing its own: the fast tier's
// CopySite-and-build.
func fastSite(t *testing.T, files map[string]string) (*sitetest.Result, error) {
	t.Helper()
	return fasttest.TryBuild(t, fasttest.Options{Content: true}, fasttest.FromMap(files))
}

// caseFile is the file name of case i of a table built in one site, such
// as "cmd-03.md".
func caseFile(prefix string, i int) string { return fmt.Sprintf("%s-%02d.md", prefix, i) }

// linesNaming are the lines of a build's output that name file (a path
// ending in /file, followed by its line or a colon).
func linesNaming(out, file string) []string {
	var lines []string
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "/"+file+":") {
			lines = append(lines, line)
		}
	}
	return lines
}

// wantOnlyReportedErrors checks that a table built as one site failed only
// by reported errors (errorf): a template that fails hard stops the build
// before the other cases are rendered, so their messages would go missing.
func wantOnlyReportedErrors(t *testing.T, out string) {
	t.Helper()
	if strings.Contains(out, "execute of template failed") {
		t.Fatalf("a case failed hard in a template instead of reporting its error; build the cases one by one:\n%s", out)
	}
}

// wantErrorLine checks that one line of the output names file and says
// every string of want: a table of mistakes builds as one site, one file a
// case, and each message must belong to its own file.
func wantErrorLine(t *testing.T, out, file string, want ...string) {
	t.Helper()
	for _, line := range linesNaming(out, file) {
		ok := true
		for _, w := range want {
			ok = ok && strings.Contains(line, w)
		}
		if ok {
			return
		}
	}
	t.Errorf("no line of the build output names %s and says %q:\n%s", file, want, out)
}
