package tests

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// TestServerEditsKeepBacklinksAndRelatedNotes: under hugo server the
// backlinks map and the related-notes lists are kept across rebuilds and
// patched for the notes edited since (_funcs/links/backlinks.html,
// _funcs/related/groups.html). After each kind of edit (a link moved from
// one note to another, a note's title, a note's tags, a note deleted) the
// pages served show what a fresh build shows. One note is saved per
// rebuild.
func TestServerEditsKeepBacklinksAndRelatedNotes(t *testing.T) {
	sitetest.Slow(t)
	dir := sitetest.CopySite(t)
	note := func(title, tags, body string) string {
		return fmt.Sprintf("---\ntitle: %s\ndescription: A note of the edit test.\ndate: 2024-01-01\ntags: [%s]\n---\n\n%s\n", title, tags, body)
	}
	files := map[string]string{
		"content/notes/target.md": note("Target", "target-only", "Linked to."),
		"content/notes/from-a.md": note("From A", "from-only", "See [the target](/notes/target/)."),
		"content/notes/from-b.md": note("From B", "from-only", "No link yet."),
		"content/notes/rel-1.md":  note("Rel One", "kin", "One."),
		"content/notes/rel-2.md":  note("Rel Two", "kin", "Two."),
		"content/notes/rel-3.md":  note("Rel Three", "stranger", "Three."),
	}
	sitetest.WriteFiles(t, dir, files)
	srv := startDevServer(t, dir, "BODA_DEVSEARCH=off")
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// serve waits until the page holds marker and returns the titles of
	// its section with the given class.
	serve := func(path, marker, class string) []string {
		t.Helper()
		var out []string
		for _, sec := range sitetest.Parse(t, srv.Await(t, path, marker), path).All(sitetest.Class(class)) {
			for _, a := range sitetest.Find(sec, sitetest.Tag("a")) {
				out = append(out, sitetest.Text(a))
			}
		}
		return out
	}
	check := func(step, path, marker, class string, want ...string) {
		t.Helper()
		if got := serve(path, marker, class); !slices.Equal(got, want) {
			t.Errorf("%s: %s lists %q in .%s, want %q", step, path, got, class, want)
		}
	}
	check("first build", "/notes/target/", "Linked to.", "boda-backlinks", "From A")
	check("first build", "/notes/rel-1/", "One.", "boda-related", "Rel Two")

	// The link moves from A to B; the target is edited so that it renders.
	write("content/notes/from-a.md", note("From A", "from-only", "The link is gone."))
	write("content/notes/from-b.md", note("From B", "from-only", "Now [the target](/notes/target/)."))
	time.Sleep(2 * time.Second)
	write("content/notes/target.md", note("Target", "target-only", "Linked to, again."))
	check("a link moved", "/notes/target/", "Linked to, again.", "boda-backlinks", "From B")

	// A retitled note keeps its tags: the lists take the new page.
	write("content/notes/rel-2.md", note("Rel Two Renamed", "kin", "Two."))
	time.Sleep(2 * time.Second)
	write("content/notes/rel-1.md", note("Rel One", "kin", "One, edited."))
	check("a note retitled", "/notes/rel-1/", "One, edited.", "boda-related", "Rel Two Renamed")

	// A note takes the shared tag: every note is filed again.
	write("content/notes/rel-3.md", note("Rel Three", "kin", "Three."))
	time.Sleep(2 * time.Second)
	write("content/notes/rel-1.md", note("Rel One", "kin", "One, edited twice."))
	check("a note's tags changed", "/notes/rel-1/", "One, edited twice.", "boda-related", "Rel Three", "Rel Two Renamed")

	// A note deleted leaves both.
	if err := os.Remove(filepath.Join(dir, "content/notes/rel-3.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "content/notes/from-b.md")); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second)
	write("content/notes/rel-1.md", note("Rel One", "kin", "One, edited thrice."))
	time.Sleep(2 * time.Second)
	write("content/notes/target.md", note("Target", "target-only", "Linked to, thrice."))
	check("notes deleted", "/notes/rel-1/", "One, edited thrice.", "boda-related", "Rel Two Renamed")
	check("notes deleted", "/notes/target/", "Linked to, thrice.", "boda-backlinks")

}
