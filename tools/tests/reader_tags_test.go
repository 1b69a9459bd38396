package tests

import (
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/fasttest"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

func TestTagsPageCountsAndTermPagesList(t *testing.T) {
	site := fastReader(t)
	tags := site.Page(t, "/tags/")
	counts := map[string]string{}
	for _, a := range tags.All(sitetest.Class("boda-tag")) {
		href, _ := sitetest.Attr(a, "href")
		if c := sitetest.Find(a, sitetest.Class("boda-terms__count")); len(c) == 1 {
			counts[href] = sitetest.Text(c[0])
		}
	}
	for href, want := range map[string]string{"/tags/links/": "2", "/tags/ml/": "2", "/tags/alone/": "1", "/tags/arabic/": "1"} {
		if counts[href] != want {
			t.Errorf("tags page: %s counts %q, want %q", href, counts[href], want)
		}
	}
	// Screen readers hear "#links, 2 notes", not "#links 2".
	for _, a := range tags.All(sitetest.Class("boda-tag")) {
		if href, _ := sitetest.Attr(a, "href"); href == "/tags/links/" {
			if hidden := sitetest.Find(a, sitetest.Class("boda-visually-hidden")); len(hidden) != 1 || sitetest.Text(hidden[0]) != ", 2 notes" {
				t.Errorf("the links tag has no spoken count")
			}
		}
	}
	term := site.Page(t, "/tags/links/")
	if !term.HasLink("/notes/alpha/") || !term.HasLink("/notes/beta/") || term.HasLink("/notes/gamma/") {
		t.Errorf("the links term page does not list exactly alpha and beta: %v", term.Links())
	}
	if !strings.Contains(site.File(t, "tags/links/index.xml"), "<link>") {
		t.Error("the term page has no feed")
	}
}

func TestNotesHaveSocialCards(t *testing.T) {
	site := fasttest.Site(t)
	raw := site.File(t, "notes/git/index.html")
	for _, want := range []string{`property="og:title" content="GIT"`, `property="og:type" content="article"`, `property="og:url" content="https://boda-blog.netlify.app/notes/git/"`, `name="twitter:card"`, `name="twitter:title" content="GIT"`} {
		if !strings.Contains(raw, want) {
			t.Errorf("the git note has no %s", want)
		}
	}
	if !strings.Contains(raw, `<link rel="alternate" type="text/markdown" href="https://boda-blog.netlify.app/notes/git/index.md"`) {
		t.Error("the git note does not link its Markdown copy")
	}
}
