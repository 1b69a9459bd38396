package tests

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// TestCiteServerForgetsADeletedCitation: under hugo server, a citation
// deleted from a note leaves its bibliography on the next rebuild. The
// cited keys are recorded in the page's Store, which Hugo keeps across
// rebuilds of an unchanged page; an edited note is a new page with a new
// Store, and this test holds it so.
func TestCiteServerForgetsADeletedCitation(t *testing.T) {
	sitetest.Slow(t)
	dir := sitetest.CopySite(t)
	csl, err := os.ReadFile(filepath.Join(sitetest.ToolsDir(), "testdata", "cite", "bibliography.json"))
	if err != nil {
		t.Fatal(err)
	}
	note := func(marker, cites string) string {
		return "---\ntitle: Citing\ndescription: A note that cites.\ndate: 2024-01-01\n---\n\n" +
			marker + ": transformers " + cites + ".\n"
	}
	sitetest.WriteFiles(t, dir, map[string]string{
		"data/bibliography.json":  string(csl),
		"content/notes/citing.md": note("first", `{{< cite "vaswani2017" "lecun2015" >}}`),
	})
	srv := startDevServer(t, dir, "BODA_DEVSEARCH=off")
	page := func(want string) string {
		t.Helper()
		return srv.Await(t, "/notes/citing/", want)
	}
	body := page("first:")
	for _, id := range []string{`id="bib-vaswani2017"`, `id="bib-lecun2015"`} {
		if !strings.Contains(body, id) {
			t.Fatalf("the served note lacks %s before the edit", id)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "content/notes/citing.md"), []byte(note("second", `{{< cite "vaswani2017" >}}`)), 0o644); err != nil {
		t.Fatal(err)
	}
	body = page("second:")
	if !strings.Contains(body, `id="bib-vaswani2017"`) {
		t.Errorf("after the edit the bibliography lost the work still cited")
	}
	if strings.Contains(body, `id="bib-lecun2015"`) {
		t.Errorf("after the edit the bibliography still lists lecun2015, no longer cited")
	}
}
