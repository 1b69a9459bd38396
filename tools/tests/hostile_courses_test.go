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

// hostileCourseSite builds a site of the theme (not our notes) with one course,
// content/courses/c/, plus files, and returns the build and its error.
func hostileCourseSite(t *testing.T, files map[string]string) (*sitetest.Result, error) {
	t.Helper()
	all := map[string]string{
		"content/_index.md":           "---\ntitle: Fixture\ndescription: A fixture.\n---\nIntro.\n",
		"content/courses/_index.md":   "---\ntitle: Courses\ndescription: All courses.\n---\nCourses.\n",
		"content/courses/c/_index.md": "---\ntitle: Course\ndescription: A course.\nunit: Lecture\n---\nThe course.\n",
		"content/courses/c/first.md":  lecture("title: First\nnumber: 1"),
	}
	for k, v := range files {
		all[k] = v
	}
	return sitetest.TryBuild(t, sitetest.Options{Source: sitetest.Fixture(t, all)})
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

// TestHostileCourseWithoutIndex: a folder under content/courses/ without
// _index.md is not a section in Hugo, so its notes would claim to be a
// course of their own; the build names the folder and the file to write.
func TestHostileCourseWithoutIndex(t *testing.T) {
	t.Run("folder", func(t *testing.T) {
		r, err := hostileCourseSite(t, map[string]string{"content/courses/orphan/lecture-1.md": lecture("title: Lecture 1\nnumber: 1")})
		wantBuildError(t, r, err, "content/courses/orphan/lecture-1.md: ", "a folder with no _index.md", "write content/courses/orphan/_index.md", "unit: Lecture")
		if strings.Contains(r.Output, "<no value>") || strings.Contains(r.Output, "can't evaluate") {
			t.Errorf("the build also failed in a template:\n%s", r.Output)
		}
	})
	t.Run("directly under courses", func(t *testing.T) {
		r, err := hostileCourseSite(t, map[string]string{"content/courses/stray.md": lecture("title: Stray")})
		wantBuildError(t, r, err, "content/courses/stray.md: ", "outside any course", "content/courses/<course>/")
	})
	t.Run("page bundle", func(t *testing.T) {
		r, err := hostileCourseSite(t, map[string]string{"content/courses/bundle/index.md": lecture("title: Bundle")})
		wantBuildError(t, r, err, "content/courses/bundle/index.md: ", "outside any course")
	})
}

// TestHostileLectureNumber: a number that is not a whole number from 1 to
// 99999 fails the build naming the lecture's file and the field, never the
// catalogue or another note.
func TestHostileLectureNumber(t *testing.T) {
	for _, v := range []string{`"twelve"`, "0", "-3", "1.5", ".inf", "-.inf", ".nan", "true", "[1]", "100000"} {
		t.Run(v, func(t *testing.T) {
			r, err := hostileCourseSite(t, map[string]string{"content/courses/c/bad.md": lecture("title: Bad\nnumber: " + v)})
			wantBuildError(t, r, err, "content/courses/c/bad.md: number: ", "is not a whole number from 1 to 99999", `write for example "number: 12"`)
			if strings.Contains(r.Output, "content/courses/_index.md") || strings.Contains(r.Output, "first.md") {
				t.Errorf("the error names another file:\n%s", r.Output)
			}
		})
	}
	t.Run("series note", func(t *testing.T) {
		r, err := hostileCourseSite(t, map[string]string{
			"content/notes/_index.md": "---\ntitle: Notes\ndescription: Notes.\n---\n",
			"content/notes/s.md":      "---\ntitle: S\ndescription: D.\ndate: 2021-01-01\nseries: [A series]\nnumber: two\n---\nText.\n",
		})
		wantBuildError(t, r, err, `content/notes/s.md: number: "two" is not a whole number`)
	})
	t.Run("accepted forms", func(t *testing.T) {
		r, err := hostileCourseSite(t, map[string]string{
			"content/courses/c/float.md":  lecture("title: Float\nnumber: 12.0"),
			"content/courses/c/quoted.md": lecture("title: Quoted\nnumber: \"7\""),
		})
		if err != nil {
			t.Fatalf("%v\n%s", err, r.Output)
		}
		titles, _ := syllabusTitles(sitetest.Parse(t, r.File(t, "courses/c/index.html"), "/courses/c/"))
		if want := []string{"Lecture 1 First", "Lecture 7 Quoted", "Lecture 12 Float"}; !slices.Equal(titles, want) {
			t.Errorf("syllabus %q, want %q", titles, want)
		}
	})
}

// TestHostileDuplicateLectureNumbers: two notes of one course with one
// number (written, or read from the title) fail the build naming both.
func TestHostileDuplicateLectureNumbers(t *testing.T) {
	r, err := hostileCourseSite(t, map[string]string{
		"content/courses/c/a.md": lecture("title: A\nnumber: 3"),
		"content/courses/c/b.md": lecture("title: \"Lecture 3: B\""),
	})
	wantBuildError(t, r, err, "both are number 3 in ", "content/courses/c/_index.md", "give each note of a course or part its own number")
	out := filepath.ToSlash(r.Output)
	if !strings.Contains(out, "content/courses/c/a.md") || !strings.Contains(out, "content/courses/c/b.md") {
		t.Errorf("the error does not name both notes:\n%s", r.Output)
	}
}

// TestHostileDuplicateNumbersAcrossFolders: part folders without _index.md
// are not parts, so their notes share the course's numbers; the error says
// so.
func TestHostileDuplicateNumbersAcrossFolders(t *testing.T) {
	r, err := hostileCourseSite(t, map[string]string{
		"content/courses/c/week1/lecture-2.md": lecture("title: One"),
		"content/courses/c/week2/lecture-2.md": lecture("title: Two"),
	})
	wantBuildError(t, r, err, "content/courses/c/week1/lecture-2.md", "content/courses/c/week2/lecture-2.md", "both are number 2", "each folder has an _index.md")
}

// TestHostileLectureWeight: a weight out of range, which once sorted a note
// before every other, fails the build naming the file.
func TestHostileLectureWeight(t *testing.T) {
	for _, v := range []string{"9999999999", "-9999999999"} {
		t.Run(v, func(t *testing.T) {
			r, err := hostileCourseSite(t, map[string]string{"content/courses/c/heavy.md": lecture("title: Heavy\nweight: " + v)})
			wantBuildError(t, r, err, "content/courses/c/heavy.md: weight: "+v+" is out of range", "between -999999999 and 999999999")
		})
	}
}

// TestHostileCourseSyllabusAndUnit: a malformed planned syllabus or unit
// fails the build naming the course's _index.md and the entry.
func TestHostileCourseSyllabusAndUnit(t *testing.T) {
	const course = "content/courses/c/_index.md"
	index := func(fm string) map[string]string {
		return map[string]string{course: "---\ntitle: Course\ndescription: A course.\n" + fm + "\n---\nThe course.\n"}
	}
	for _, tc := range []struct{ name, fm, want string }{
		{"string", "syllabus: lectures 1 to 10", ": syllabus must be a list of planned lectures"},
		{"map", "syllabus: {number: 1, title: A}", ": syllabus must be a list of planned lectures"},
		{"entry not a map", "syllabus: [Lecture 1]", ": syllabus entry 1 is Lecture 1, not {number, title}"},
		{"no number", "syllabus:\n  - {number: 1, title: A}\n  - {title: B}", ": syllabus entry 2: number is missing"},
		{"bad number", "syllabus: [{number: twelve, title: A}]", ": syllabus entry 1: number twelve is not a whole number from 1 to 99999"},
		{"zero", "syllabus: [{number: 0, title: A}]", ": syllabus entry 1: number 0 is not a whole number"},
		{"no title", "syllabus: [{number: 3}]", ": syllabus entry 1: title is missing"},
		{"list title", "syllabus: [{number: 3, title: [a, b]}]", ": syllabus entry 1: title [a b] is not text"},
		{"twice", "syllabus: [{number: 3, title: A}, {number: 3, title: B}]", ": number 3 is planned twice (entries 1 and 2)"},
		{"unit number", "unit: 42", ": unit 42 is not a name for this course's notes"},
		{"unit list", "unit: [Lecture]", ": unit [Lecture] is not a name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := hostileCourseSite(t, index(tc.fm))
			wantBuildError(t, r, err, course+tc.want)
			if strings.Contains(r.Output, "can't evaluate") || strings.Contains(r.Output, "%!") {
				t.Errorf("the build also failed in a template:\n%s", r.Output)
			}
		})
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
