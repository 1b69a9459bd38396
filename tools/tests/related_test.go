package tests

import (
	"slices"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// relatedTitles lists the link texts of a page's "Related notes", or nil
// when the page has none.
func relatedTitles(t *testing.T, site *sitetest.Result, page string) []string {
	t.Helper()
	doc := site.Page(t, page)
	sections := doc.All(sitetest.Class("boda-related"))
	if len(sections) == 0 {
		return nil
	}
	if len(sections) > 1 {
		t.Errorf("%s has %d related-notes sections", page, len(sections))
	}
	var out []string
	for _, a := range sitetest.Find(sections[0], sitetest.Tag("a")) {
		out = append(out, sitetest.Text(a))
	}
	return out
}

// TestRelatedNotes: each note ends with at most five related notes from
// Hugo's related-content index: the strongest matches first, never the
// note itself, older notes see newer ones, a course's lectures are related
// through their course alone, and a note that shares nothing has no
// section at all.
func TestRelatedNotes(t *testing.T) {
	site, _ := extrasSite(t)

	one := relatedTitles(t, site, "/notes/tf-one/")
	if len(one) != 5 {
		t.Fatalf("tf-one has %d related notes, want the limit of 5 (six notes share its tags): %q", len(one), one)
	}
	if slices.Contains(one, "Transformers one") {
		t.Errorf("tf-one lists itself: %q", one)
	}
	// three, five and seven share both its tags; two, four and six one.
	top := slices.Clone(one[:3])
	slices.Sort(top)
	if want := []string{"Transformers five", "Transformers seven", "Transformers three"}; !slices.Equal(top, want) {
		t.Errorf("tf-one's first three related notes are %q, want those sharing both tags %q", one[:3], want)
	}
	for _, title := range one {
		if !strings.HasPrefix(title, "Transformers ") {
			t.Errorf("tf-one lists %q, which shares no tag with it", title)
		}
	}

	// The older lecture lists the newer one (includeNewer), and says which
	// course it is in.
	if got := relatedTitles(t, site, "/courses/ml/lecture-1/"); !slices.Equal(got, []string{"Lecture 2: Gaussian processes"}) {
		t.Errorf("lecture 1's related notes are %q, want its course mate, lecture 2", got)
	}
	if sec := site.Page(t, "/courses/ml/lecture-1/").All(sitetest.Class("boda-related")); len(sec) == 1 && !strings.Contains(sitetest.Text(sec[0]), "Machine Learning") {
		t.Errorf("lecture 1's related note does not name its course: %q", sitetest.Text(sec[0]))
	}

	for _, page := range []string{"/notes/lonely/", "/notes/diagram/"} {
		if got := relatedTitles(t, site, page); got != nil {
			t.Errorf("%s shares no tag, series or course with another note, yet lists related notes %q", page, got)
		}
		if strings.Contains(site.File(t, strings.TrimPrefix(page, "/")+"index.html"), "boda-related") {
			t.Errorf("%s has an empty related-notes section", page)
		}
	}
	// List pages have none.
	for _, page := range []string{"/", "/notes/", "/archive/"} {
		if got := relatedTitles(t, site, page); got != nil {
			t.Errorf("list page %s lists related notes %q", page, got)
		}
	}
}

// TestRelatedNotesCount: params.boda.related.count sets the limit; 0 turns
// the section off.
func TestRelatedNotesCount(t *testing.T) {
	src := sitetest.Fixture(t, extrasFiles(t))
	for _, c := range []struct {
		count string
		want  int
	}{{"2", 2}, {"0", 0}} {
		site := sitetest.Build(t, sitetest.Options{Source: src, Env: []string{"HUGO_PARAMS_BODA_RELATED_COUNT=" + c.count}})
		if got := relatedTitles(t, site, "/notes/tf-one/"); len(got) != c.want {
			t.Errorf("count %s: tf-one lists %d related notes %q, want %d", c.count, len(got), got, c.want)
		}
	}
}
