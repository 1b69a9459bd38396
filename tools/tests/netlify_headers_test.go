package tests

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/netlify"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// TestNetlifyMatchesHeaderPathsItsOwnWay plants header rules whose `for`
// Netlify reads differently from a plain glob, serves a small site with
// `netlify dev` under them, and checks what the responses carry: so the
// header tests see Netlify's matching, not ours. Netlify matches without
// regard to case, makes a trailing "/" optional, and lets a standalone "*"
// match nothing at all, the "/" before it included: "/notes/*" also covers
// "/notes", "/notes.html" and even "/notes-archive/".
//
// One difference from a deploy shows here too: when a redirect rule matches
// the path (ours sends every unknown path to the 404 page), `netlify dev`
// matches the header rules against the file it serves, so "/notes/git/" is
// matched as "/notes/git/index.html" and a rule for "/notes/git" gives it
// nothing, where a deploy matches the URL path. The rules in netlify.toml
// are "/*" and folder prefixes, which both readings match alike.
func TestNetlifyMatchesHeaderPathsItsOwnWay(t *testing.T) {
	base, err := os.ReadFile(filepath.Join(sitetest.Root(), "netlify.toml"))
	if err != nil {
		t.Fatal(err)
	}
	config := string(base) + `
[[headers]]
  for = "/notes/*"
  [headers.values]
    X-Probe-Splat = "notes"

[[headers]]
  for = "/NOTES/GIT"
  [headers.values]
    X-Probe-Dir = "git"

[[headers]]
  for = "/FEED.XML/"
  [headers.values]
    X-Probe-File = "feed"
`
	public := t.TempDir()
	page := "<!doctype html><html lang=en><title>a page</title><p>x</p></html>"
	sitetest.WriteFiles(t, public, map[string]string{
		"index.html":                page,
		"404.html":                  page,
		"feed.xml":                  "<rss/>",
		"notes.html":                page,
		"notes/index.html":          page,
		"notes/git/index.html":      page,
		"notes/git/more/index.html": page,
		"notes-archive/index.html":  page,
		"other/index.html":          page,
	})
	srv := netlify.Serve(t, public, 0, config)
	for _, c := range []struct {
		path, status, splat, dir, file string
	}{
		{"/notes/", "200", "notes", "", ""},
		{"/notes", "200", "notes", "", ""},
		{"/notes.html", "200", "notes", "", ""},
		{"/notes-archive/", "200", "notes", "", ""},
		{"/notes/git/more/", "200", "notes", "", ""},
		{"/notes/git/", "200", "notes", "", ""}, // matched as /notes/git/index.html
		{"/feed.xml", "200", "", "", "feed"},
		{"/other/", "200", "", "", ""},
		// An unknown path gets the 404 page, and the headers of /404.html.
		{"/Notes/", "404", "", "", ""},
	} {
		status, h, _ := get(t, srv.Base+c.path)
		if h.Get("Server") != "Netlify" {
			t.Fatalf("%s was not answered by netlify dev: %v", c.path, h)
		}
		got := []string{strconv.Itoa(status), h.Get("X-Probe-Splat"), h.Get("X-Probe-Dir"), h.Get("X-Probe-File")}
		if want := []string{c.status, c.splat, c.dir, c.file}; !slices.Equal(got, want) {
			t.Errorf("%s: status and X-Probe-Splat, -Dir, -File are %q; netlify dev gives %q", c.path, got, want)
		}
		if h.Get("Content-Security-Policy") == "" {
			t.Errorf("%s: served without the Content-Security-Policy", c.path)
		}
	}
	if t.Failed() {
		t.Logf("netlify dev said:\n%s", srv.Log())
	}
}
