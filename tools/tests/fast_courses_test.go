package tests

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/fasttest"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// Careless and hostile course input, on the fast tier: every mistake fails
// the build with the file that holds it and what to write.

// fastCourseSite builds testdata/fast/course.txtar (a site of the theme with
// one course, content/courses/c/) plus files, in-process, and returns the
// build and its error.
func fastCourseSite(t *testing.T, files map[string]string) (*sitetest.Result, error) {
	t.Helper()
	return fasttest.TryBuild(t, fasttest.Options{}, fasttest.Fixture(t, "testdata/fast/course.txtar"), fasttest.FromMap(files))
}

// TestHostileCourseWithoutIndex: a folder under content/courses/ without
// _index.md is not a section in Hugo, so its notes would claim to be a
// course of their own; the build names the folder and the file to write.
func TestHostileCourseWithoutIndex(t *testing.T) {
	t.Run("folder", func(t *testing.T) {
		r, err := fastCourseSite(t, map[string]string{"content/courses/orphan/lecture-1.md": lecture("title: Lecture 1\nnumber: 1")})
		wantBuildError(t, r, err, "content/courses/orphan/lecture-1.md: ", "a folder with no _index.md", "write content/courses/orphan/_index.md", "unit: Lecture")
		if strings.Contains(r.Output, "<no value>") || strings.Contains(r.Output, "can't evaluate") {
			t.Errorf("the build also failed in a template:\n%s", r.Output)
		}
	})
	t.Run("directly under courses", func(t *testing.T) {
		r, err := fastCourseSite(t, map[string]string{"content/courses/stray.md": lecture("title: Stray")})
		wantBuildError(t, r, err, "content/courses/stray.md: ", "outside any course", "content/courses/<course>/")
	})
	t.Run("page bundle", func(t *testing.T) {
		r, err := fastCourseSite(t, map[string]string{"content/courses/bundle/index.md": lecture("title: Bundle")})
		wantBuildError(t, r, err, "content/courses/bundle/index.md: ", "outside any course")
	})
}

// TestHostileLectureNumber: a number that is not a whole number from 1 to
// 99999 fails the build naming the lecture's file and the field, never the
// catalogue or another note.
func TestHostileLectureNumber(t *testing.T) {
	// One site, one lecture a value: each message must name its own file.
	values := []string{`"twelve"`, "0", "-3", "1.5", ".inf", "-.inf", ".nan", "true", "[1]", "100000"}
	files := map[string]string{}
	for i, v := range values {
		files["content/courses/c/"+caseFile("bad", i)] = lecture("title: Bad\nnumber: " + v)
	}
	r, err := fastCourseSite(t, files)
	if err == nil {
		t.Fatal("the build succeeded")
	}
	wantOnlyReportedErrors(t, r.Output)
	if strings.Contains(r.Output, "content/courses/_index.md") || strings.Contains(r.Output, "first.md") {
		t.Errorf("the error names another file:\n%s", r.Output)
	}
	for i, v := range values {
		t.Run(v, func(t *testing.T) {
			file := caseFile("bad", i)
			wantErrorLine(t, r.Output, file, "content/courses/c/"+file+": number: ", "is not a whole number from 1 to 99999", `write for example "number: 12"`)
		})
	}
	t.Run("series note", func(t *testing.T) {
		r, err := fastCourseSite(t, map[string]string{
			"content/notes/_index.md": "---\ntitle: Notes\ndescription: Notes.\n---\n",
			"content/notes/s.md":      "---\ntitle: S\ndescription: D.\ndate: 2021-01-01\nseries: [A series]\nnumber: two\n---\nText.\n",
		})
		wantBuildError(t, r, err, `content/notes/s.md: number: "two" is not a whole number`)
	})
	t.Run("accepted forms", func(t *testing.T) {
		r, err := fastCourseSite(t, map[string]string{
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
	r, err := fastCourseSite(t, map[string]string{
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
	r, err := fastCourseSite(t, map[string]string{
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
			r, err := fastCourseSite(t, map[string]string{"content/courses/c/heavy.md": lecture("title: Heavy\nweight: " + v)})
			wantBuildError(t, r, err, "content/courses/c/heavy.md: weight: "+v+" is out of range", "between -999999999 and 999999999")
		})
	}
}

// TestHostileCourseSyllabusAndUnit: a malformed planned syllabus or unit
// fails the build naming the course's _index.md and the entry.
func TestHostileCourseSyllabusAndUnit(t *testing.T) {
	cases := []struct{ name, fm, want string }{
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
	}
	// One site, one course a case (courses c-00, c-01, …), each with a
	// lecture: each message must name its own course.
	files := map[string]string{}
	course := func(i int) string { return fmt.Sprintf("content/courses/c-%02d/_index.md", i) }
	for i, tc := range cases {
		files[course(i)] = "---\ntitle: Course\ndescription: A course.\n" + tc.fm + "\n---\nThe course.\n"
		files[fmt.Sprintf("content/courses/c-%02d/first.md", i)] = lecture("title: First\nnumber: 1")
	}
	r, err := fastCourseSite(t, files)
	if err == nil {
		t.Fatal("the build succeeded")
	}
	wantOnlyReportedErrors(t, r.Output)
	if strings.Contains(r.Output, "can't evaluate") || strings.Contains(r.Output, "%!") {
		t.Errorf("the build also failed in a template:\n%s", r.Output)
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			wantErrorLine(t, r.Output, fmt.Sprintf("c-%02d/_index.md", i), course(i)+tc.want)
		})
	}
}
