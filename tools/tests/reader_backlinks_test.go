package tests

import (
	"reflect"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

func TestBacklinksListTheNotesThatLinkHere(t *testing.T) {
	site := fastReader(t)
	want := map[string][]string{
		"/notes/alpha/":           {"/notes/beta/"},
		"/notes/beta/":            {"/notes/alpha/", "/courses/ml/lecture-2/"}, // by title
		"/courses/ml/lecture-2/":  {"/notes/alpha/"},
		"/notes/gamma/":           nil,
		"/courses/ml/lecture-10/": nil,
	}
	for url, sources := range want {
		doc := site.Page(t, url)
		var got []string
		for _, sec := range doc.All(sitetest.Class("boda-backlinks")) {
			if h := sitetest.Find(sec, sitetest.Tag("h2")); len(h) == 0 || sitetest.Text(h[0]) != "Referenced by" {
				t.Errorf("%s: the backlinks have no “Referenced by” heading", url)
			}
			for _, a := range sitetest.Find(sec, sitetest.Tag("a")) {
				href, _ := sitetest.Attr(a, "href")
				got = append(got, href)
			}
		}
		if !reflect.DeepEqual(got, sources) {
			t.Errorf("%s is referenced by %q, want %q", url, got, sources)
		}
	}
}

// A link to another site is not a link to a note, even when its path names
// one: "//example.com/notes/gamma/" stays as written, is marked external and
// gives gamma no backlink (TestBacklinksListTheNotesThatLinkHere).
func TestProtocolRelativeLinksAreExternal(t *testing.T) {
	doc := fastReader(t).Page(t, "/notes/beta/")
	var found bool
	for _, a := range doc.All(sitetest.Tag("a")) {
		if sitetest.Text(a) != "without its scheme" {
			continue
		}
		found = true
		href, _ := sitetest.Attr(a, "href")
		rel, _ := sitetest.Attr(a, "rel")
		if href != "//example.com/notes/gamma/" || rel != "external" {
			t.Errorf("protocol-relative link rendered as href=%q rel=%q, want href=%q rel=%q", href, rel, "//example.com/notes/gamma/", "external")
		}
	}
	if !found {
		t.Fatal("the protocol-relative link is missing from /notes/beta/")
	}
}
