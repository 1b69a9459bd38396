package tests

import (
	"fmt"
	"slices"
	"testing"
)

// TestFastRelatedThreshold: what relates two notes in "Related notes" is
// what the [related] table in hugo.toml says: a shared tag, series or
// course is enough; a shared category alone is not (categories are broad),
// but it adds to a shared tag; Hugo's index reads a category written as a
// list or as one piece of text, and a course in any case.
func TestFastRelatedThreshold(t *testing.T) {
	note := func(title, date, fm string) string {
		return fmt.Sprintf("---\ntitle: %s\ndescription: D.\ndate: %s\n%s\n---\nText.\n", title, date, fm)
	}
	site, err := fastNotes(t, map[string]string{
		"cat-a.md":    note("Cat A", "2021-01-01", "categories: [Physics]"),
		"cat-b.md":    note("Cat B", "2021-01-02", "categories: physics"),
		"both-a.md":   note("Both A", "2021-01-03", "categories: [Physics]\ntags: [optics]"),
		"both-b.md":   note("Both B", "2021-01-04", "categories: [Other]\ntags: [optics]"),
		"both-c.md":   note("Both C", "2021-01-05", "categories: [Physics]\ntags: [optics]"),
		"course-a.md": note("Course A", "2021-02-01", "course: ML-101"),
		"course-b.md": note("Course B", "2021-02-02", "course: ml-101"),
	})
	if err != nil {
		t.Fatalf("build: %v\n%s", err, site.Output)
	}
	for page, want := range map[string][]string{
		// A category alone relates nothing, in either spelling.
		"/notes/cat-a/": nil,
		"/notes/cat-b/": nil,
		// The tag relates them; the shared category ranks Both C first.
		"/notes/both-a/":   {"Both C", "Both B"},
		"/notes/both-b/":   {"Both C", "Both A"},
		"/notes/course-a/": {"Course B"},
		"/notes/course-b/": {"Course A"},
	} {
		if got := relatedTitles(t, site, page); !slices.Equal(got, want) {
			t.Errorf("%s lists %q, want %q", page, got, want)
		}
	}
}
