package tests

import (
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// TestHostileIdentity gives the home page's front matter (the site's
// tagline, description and author) values that are not text, and text that
// tries to break out of HTML.
func TestHostileIdentity(t *testing.T) {
	for _, c := range []struct{ name, fm, want string }{
		{"tagline list", "tagline: [a, b]", `content/_index.md: tagline [a b] is not text`},
		{"author map", "author: {name: Ada}", `content/_index.md: author map[name:Ada] is not text`},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := fastSite(t, map[string]string{"content/_index.md": "---\ntitle: Home\ndescription: A notebook.\n" + c.fm + "\n---\n"})
			if err == nil || !strings.Contains(r.Output, c.want) {
				t.Errorf("want an error %q: %v\n%s", c.want, err, r.Output)
			}
		})
	}
	t.Run("markup stays text", func(t *testing.T) {
		r, err := fastSite(t, map[string]string{"content/_index.md": "---\ntitle: Home\ndescription: \"A </title><script>alert(1)</script> notebook\"\ntagline: \"<img src=x onerror=alert(1)>\"\nauthor: \"Ada <b>Lovelace</b>\"\n---\n"})
		if err != nil {
			t.Fatalf("the build failed: %s", r.Output)
		}
		// The values may appear inside attributes, where they are inert
		// text; no element may come out of them.
		for _, p := range []string{"/", "/notes/git/"} {
			doc := r.Page(t, p)
			for _, s := range doc.All(sitetest.Tag("script")) {
				text := sitetest.RawText(s)
				if typ, _ := sitetest.Attr(s, "type"); typ == "application/ld+json" {
					if strings.Contains(text, "<") {
						t.Errorf("%s: JSON-LD holds a raw <: %s", p, text)
					}
				} else if strings.Contains(text, "alert(1)") {
					t.Errorf("%s: the description became a script element", p)
				}
			}
			for _, img := range doc.All(sitetest.Tag("img")) {
				if _, bad := sitetest.Attr(img, "onerror"); bad {
					t.Errorf("%s: the tagline became an img element", p)
				}
			}
			if len(doc.All(sitetest.Tag("b"))) > 0 {
				t.Errorf("%s: the author's name became markup", p)
			}
		}
		if feed := r.File(t, "index.xml"); strings.Contains(feed, "<script>") || strings.Contains(feed, "<b>") {
			t.Error("the feed holds the home page's markup unescaped")
		}
	})
}

// TestHostileCourseCode gives a course a courseCode that is not text: it
// would reach JSON-LD as a number or an object.
func TestHostileCourseCode(t *testing.T) {
	r, err := fastSite(t, map[string]string{"content/courses/cs480-680/_index.md": "---\ntitle: CS480/680\ndescription: A course.\nunit: Lecture\ncourseCode: {id: 480}\n---\n"})
	if want := "content/courses/cs480-680/_index.md: courseCode map[id:480] is not text"; err == nil || !strings.Contains(r.Output, want) {
		t.Errorf("want an error %q: %v\n%s", want, err, r.Output)
	}
}
