package tests

import (
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// extrasMistakeNote is a note of the mistake fixtures, with its body.
func extrasMistakeNote(body string) string {
	return "---\ntitle: Mistake\ndescription: A mistake.\ndate: 2024-01-01\ntags: [x]\n---\n\n" + body
}

// TestHostileGoatDiagram: a goat fence with an option it does not have
// fails at the fence's file:line and lists its options; alt and title
// written to break out of their attributes stay text.
func TestHostileGoatDiagram(t *testing.T) {
	src := sitetest.Fixture(t, map[string]string{
		"content/notes/bad.md": extrasMistakeNote("Text.\n\n```goat {width=\"100\"}\n+--+\n```\n"),
	})
	r, err := sitetest.TryBuild(t, sitetest.Options{Source: src})
	if want := `content/notes/bad.md:10:1": the goat diagram has no option "width". Its options are alt`; err == nil || !strings.Contains(r.Output, want) {
		t.Errorf("want an error %q: %v\n%s", want, err, r.Output)
	}

	src = sitetest.Fixture(t, map[string]string{
		"content/notes/evil.md": extrasMistakeNote("```goat {alt=\"\\\"><script>alert(1)</script>\" title=\"<img src=x onerror=alert(1)>\"}\n+--+\n```\n"),
	})
	site := sitetest.Build(t, sitetest.Options{Source: src})
	doc := site.Page(t, "/notes/evil/")
	for _, fig := range doc.All(sitetest.Class("boda-goat")) {
		if n := len(sitetest.Find(fig, sitetest.Tag("script"))) + len(sitetest.Find(fig, sitetest.Tag("img"))); n != 0 {
			t.Errorf("the diagram's alt or title became markup: %s", renderHTML(fig))
		}
		if caps := sitetest.Find(fig, sitetest.Tag("figcaption")); len(caps) != 1 || sitetest.Text(caps[0]) != "<img src=x onerror=alert(1)>" {
			t.Errorf("the caption is not the title as text: %s", renderHTML(fig))
		}
	}
	svg := doc.All(sitetest.Class("boda-goat__svg"))
	if len(svg) != 1 {
		t.Fatalf("found %d diagrams", len(svg))
	}
	if label, _ := sitetest.Attr(svg[0], "aria-label"); label != `"><script>alert(1)</script>` {
		t.Errorf("aria-label %q, want the alt as text", label)
	}
}

// TestHostileRelatedCourse: a course that is not one piece of text fails
// naming the file that holds it, where Hugo's related index would fail
// naming none.
func TestHostileRelatedCourse(t *testing.T) {
	src := sitetest.Fixture(t, map[string]string{
		"content/notes/bad.md": "---\ntitle: Bad\ndescription: Bad.\ndate: 2024-01-01\ntags: [x]\ncourse: 480\n---\n\nText.\n",
		"content/notes/ok.md":  extrasMistakeNote("Fine."),
	})
	r, err := sitetest.TryBuild(t, sitetest.Options{Source: src})
	if want := "content/notes/bad.md: course 480 is not text; write the course's name in quotes"; err == nil || !strings.Contains(r.Output, want) {
		t.Errorf("want an error %q: %v\n%s", want, err, r.Output)
	}
}

// TestHostileExtrasParams: params.boda.related.count and
// params.boda.socialCards with a value of the wrong form fail naming the
// setting and what to write.
func TestHostileExtrasParams(t *testing.T) {
	src := sitetest.Fixture(t, map[string]string{"content/notes/ok.md": extrasMistakeNote("Fine.")})
	for _, c := range []struct{ env, want string }{
		{"HUGO_PARAMS_BODA_RELATED_COUNT=many", `params.boda.related.count is "many"; write a whole number from 0 (no related notes) to 20`},
		{"HUGO_PARAMS_BODA_RELATED_COUNT=-1", `params.boda.related.count is -1;`},
		{"HUGO_PARAMS_BODA_RELATED_COUNT=500", `params.boda.related.count is 500;`},
		{"HUGO_PARAMS_BODA_SOCIALCARDS_ENABLE=yes", `params.boda.socialCards.enable is "yes"; write true or false`},
		{"HUGO_PARAMS_BODA_SOCIALCARDS_IMAGE=images/missing.png", `params.boda.socialCards.image "images/missing.png": no such file in assets/`},
		{"HUGO_PARAMS_BODA_SOCIALCARDS_IMAGE=css/main.css", `params.boda.socialCards.image "css/main.css" is text/css; link previews need a PNG, JPEG or WebP picture`},
	} {
		r, err := sitetest.TryBuild(t, sitetest.Options{Source: src, Env: []string{c.env}})
		if err == nil || !strings.Contains(r.Output, c.want) {
			t.Errorf("%s: want an error %q: %v\n%s", c.env, c.want, err, r.Output)
		}
	}
}
