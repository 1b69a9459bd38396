package tests

import (
	"reflect"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

func TestBacklinksListTheNotesThatLinkHere(t *testing.T) {
	site := readerFixture(t)
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
