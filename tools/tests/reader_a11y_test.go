package tests

import (
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

func TestANoteInArabicIsRightToLeft(t *testing.T) {
	site := fastReader(t)
	doc := site.Page(t, "/notes/arabic/")
	html := doc.All(sitetest.Tag("html"))[0]
	if lang, _ := sitetest.Attr(html, "lang"); lang != "en" {
		t.Errorf("<html lang=%q>, want the site's language", lang)
	}
	articles := doc.All(sitetest.Tag("article"))
	if len(articles) != 1 {
		t.Fatalf("%d <article>s", len(articles))
	}
	lang, _ := sitetest.Attr(articles[0], "lang")
	dir, _ := sitetest.Attr(articles[0], "dir")
	if lang != "ar" || dir != "rtl" {
		t.Errorf(`the Arabic note's <article lang=%q dir=%q>, want lang="ar" dir="rtl"`, lang, dir)
	}
	if !strings.Contains(sitetest.Text(articles[0]), "هذه ملاحظة مكتوبة باللغة العربية") {
		t.Error("the Arabic text is not inside the right-to-left article")
	}
	// Other notes carry no lang or dir of their own.
	other := site.Page(t, "/notes/alpha/").All(sitetest.Tag("article"))[0]
	if _, ok := sitetest.Attr(other, "dir"); ok {
		t.Error("an English note got a dir attribute")
	}
}

func TestABadDirectionFailsTheBuild(t *testing.T) {
	files := map[string]string{
		"content/notes/_index.md": "---\ntitle: Notes\ndescription: Notes.\n---\n",
		"content/notes/x.md":      "---\ntitle: X\ndescription: X.\ndate: 2024-01-01\ndirection: right\n---\nText.\n",
	}
	r, err := sitetest.TryBuild(t, sitetest.Options{Source: sitetest.Fixture(t, files)})
	if err == nil {
		t.Fatal("direction: right built without an error")
	}
	if !strings.Contains(r.Output, `direction "right"`) || !strings.Contains(r.Output, `"rtl"`) || !strings.Contains(r.Output, "x.md") {
		t.Errorf("the error does not name the file, the value and what to write:\n%s", r.Output)
	}
}
