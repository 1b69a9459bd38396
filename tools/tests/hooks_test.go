package tests

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// hookNames are the extension points of layouts/_partials/hooks/, with
// the pages that call each one.
var hookNames = map[string][]string{
	"head-end":      {"/", "/notes/git/", "/tags/", "/courses/", "/papers/"},
	"body-start":    {"/", "/notes/git/", "/tags/", "/courses/", "/papers/"},
	"body-end":      {"/", "/notes/git/", "/tags/", "/courses/", "/papers/"},
	"footer-end":    {"/", "/notes/git/", "/tags/", "/courses/", "/papers/"},
	"content-start": {"/notes/git/", "/courses/cs480-680/lecture-16/"},
	"content-end":   {"/notes/git/", "/courses/cs480-680/lecture-16/"},
}

// TestHooksGetTheirPage shadows every hook with one that prints the page's
// path, and checks each page shows its own path in each hook: a hook that
// is rendered once and reused shows another page's path.
func TestHooksGetTheirPage(t *testing.T) {
	files := map[string]string{}
	for name := range hookNames {
		body := fmt.Sprintf(`<span class="hook-probe" data-hook=%q data-page="{{ .RelPermalink }}"></span>`, name)
		if name == "head-end" {
			body = `<meta name="hook-probe" content="{{ .RelPermalink }}">`
		}
		files[filepath.ToSlash(filepath.Join("layouts", "_partials", "hooks", name+".html"))] = body
	}
	r, err := fastSite(t, files)
	if err != nil {
		t.Fatalf("the build failed: %s", r.Output)
	}
	for name, pages := range hookNames {
		for _, p := range pages {
			doc := r.Page(t, p)
			var got []string
			if name == "head-end" {
				for _, m := range doc.All(sitetest.Tag("meta")) {
					if n, _ := sitetest.Attr(m, "name"); n == "hook-probe" {
						v, _ := sitetest.Attr(m, "content")
						got = append(got, v)
					}
				}
			} else {
				for _, s := range doc.All(sitetest.Class("hook-probe")) {
					if h, _ := sitetest.Attr(s, "data-hook"); h == name {
						v, _ := sitetest.Attr(s, "data-page")
						got = append(got, v)
					}
				}
			}
			if len(got) != 1 || got[0] != p {
				t.Errorf("%s: hooks/%s.html rendered with the pages %q, want once with %q", p, name, got, p)
			}
		}
	}
}
