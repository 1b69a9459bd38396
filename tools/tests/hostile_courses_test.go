package tests

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/gates"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// Careless and hostile course input: every mistake fails the build with the
// file that holds it and what to write, and hand-written courses (no number,
// no layout key) build in reading order.

// lecture is a course note with the given front matter lines.
func lecture(fm string) string {
	return "---\n" + fm + "\ndescription: D.\ndate: 2021-01-01\n---\n\n## Idea\n\nText.\n"
}

// wantBuildError checks that the build failed and that its log has every
// part of want, file names given slash-separated from the site root.
func wantBuildError(t *testing.T, r *sitetest.Result, err error, want ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("the build succeeded; want an error with %q", want)
	}
	out := filepath.ToSlash(r.Output)
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("the build error lacks %q:\n%s", w, r.Output)
		}
	}
}

// TestHandWrittenCourseInMountedTheme: a site that mounts only the theme
// (README's "Theme only") and writes its own courses, with a
// content/courses/_index.md that has no layout key and lectures without
// number, gets its catalogue and every course in reading order: numbers
// from titles and file names, titles without one in natural order.
func TestHandWrittenCourseInMountedTheme(t *testing.T) {
	doc := readMountDoc(t)
	m := newModEnv(t)
	dir := m.consumer(t, doc, mountThemeOnly, "")
	sitetest.WriteFiles(t, dir, map[string]string{
		"content/_index.md":         "---\ntitle: My site\ndescription: A site with its own courses.\n---\nWelcome.\n",
		"content/courses/_index.md": "---\ntitle: My courses\ndescription: Courses I follow.\n---\nCourses.\n",
		// Numbers in the titles only; one lecture planned but not written.
		"content/courses/ml/_index.md":  "---\ntitle: Machine learning\ndescription: Lectures.\nunit: Lecture\nsyllabus:\n  - {number: 7, title: Kernels}\n  - {number: 9, title: Planned only}\n---\nML.\n",
		"content/courses/ml/gp.md":      lecture("title: Lecture 12"),
		"content/courses/ml/kernels.md": lecture("title: Lecture 7"),
		"content/courses/ml/basics.md":  lecture("title: Lecture 3"),
		// Numbers in the file names only.
		"content/courses/nlp/_index.md":         "---\ntitle: NLP\ndescription: Weeks.\nunit: Week\n---\nNLP.\n",
		"content/courses/nlp/week-04.md":        lecture("title: Hashing"),
		"content/courses/nlp/week-10.md":        lecture("title: Attention"),
		"content/courses/nlp/week-2.md":         lecture("title: Vectors"),
		"content/courses/nlp/03-probability.md": lecture("title: Probability"),
		"content/courses/nlp/lecture.md":        lecture("title: Appendix"),
		// No numbers at all: natural order of the titles.
		"content/courses/parts/_index.md": "---\ntitle: Parts\ndescription: No numbers.\n---\nParts.\n",
		"content/courses/parts/a.md":      lecture("title: Part 10"),
		"content/courses/parts/b.md":      lecture("title: Part 2"),
		"content/courses/parts/c.md":      lecture("title: \"Part 1: start\""),
	})
	site := m.build(t, dir)

	cat := site.Page(t, "/courses/")
	if len(cat.All(sitetest.Class("boda-catalogue"))) != 1 {
		t.Errorf("/courses/ is not the catalogue")
	}
	for _, href := range []string{"/courses/ml/", "/courses/nlp/", "/courses/parts/"} {
		if !cat.HasLink(href) {
			t.Errorf("the catalogue does not link %s", href)
		}
	}

	for _, tc := range []struct {
		course string
		want   []string
	}{
		{"/courses/ml/", []string{"Lecture 3", "Lecture 7", "Lecture 9 Planned only not written yet", "Lecture 12"}},
		{"/courses/nlp/", []string{"Week 2 Vectors", "Week 3 Probability", "Week 4 Hashing", "Week 10 Attention", "Appendix"}},
		{"/courses/parts/", []string{"Part 1: start", "Part 2", "Part 10"}},
	} {
		titles, _ := syllabusTitles(site.Page(t, tc.course))
		if !slices.Equal(titles, tc.want) {
			t.Errorf("%s syllabus %q, want %q", tc.course, titles, tc.want)
		}
	}

	for _, tc := range []struct{ page, prev, next, position string }{
		{"/courses/ml/basics/", "", "/courses/ml/kernels/", "Lecture 3 of 12"},
		{"/courses/ml/kernels/", "/courses/ml/basics/", "/courses/ml/gp/", "Lecture 7 of 12"},
		{"/courses/ml/gp/", "/courses/ml/kernels/", "", "Lecture 12 of 12"},
		{"/courses/nlp/week-04/", "/courses/nlp/03-probability/", "/courses/nlp/week-10/", "3 of 5"},
		{"/courses/parts/b/", "/courses/parts/c/", "/courses/parts/a/", "2 of 3"},
	} {
		page := site.Page(t, tc.page)
		if prev, next := pagerLinks(page); prev != tc.prev || next != tc.next {
			t.Errorf("%s: prev %q next %q, want %q and %q", tc.page, prev, next, tc.prev, tc.next)
		}
		if pos := textOf(page.All(sitetest.Class("boda-series__position"))); len(pos) != 1 || pos[0] != tc.position {
			t.Errorf("%s: position %q, want %q", tc.page, pos, tc.position)
		}
	}
	if kicker := textOf(site.Page(t, "/courses/nlp/week-04/").All(sitetest.Class("boda-kicker"))); !slices.Contains(kicker, "Week 4") {
		t.Errorf("week-04.md is not labelled Week 4: %q", kicker)
	}

	// The hand-written courses pass the quality gates.
	for _, p := range gates.HTML(t, site.Public) {
		t.Error(p)
	}
	for _, p := range gates.Links(t, site.Public, "") {
		t.Error(p)
	}
	problems, weights := gates.Audit(t, site.Public, []string{"/courses/", "/courses/ml/", "/courses/ml/kernels/", "/courses/nlp/week-04/"})
	problems = append(problems, gates.CheckBudgets(weights, nil)...)
	for _, p := range problems {
		t.Error(p)
	}
}
