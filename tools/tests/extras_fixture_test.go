package tests

import (
	"sync"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// extrasFiles is a small notebook for the related notes, the social cards,
// the archive and the diagrams: a cluster of notes that share tags (more
// than five, to see the limit), a note that shares nothing, a course whose
// lectures share only their course, notes across three years, a note with its own featured image, one whose title the
// card's font cannot draw, and a GoAT diagram.
func extrasFiles(t *testing.T) map[string]string {
	files := map[string]string{
		"content/_index.md":                "---\ntitle: Extras notebook\n---\n",
		"content/notes/_index.md":          "---\ntitle: Notes\ndescription: Loose notes.\n---\n",
		"content/archive/_index.md":        "---\ntitle: Archive\ndescription: Every note by year and month, newest first.\noutputs: [html]\n---\n",
		"content/courses/_index.md":        "---\ntitle: Courses\ndescription: Courses.\n---\n",
		"content/courses/ml/_index.md":     "---\ntitle: Machine Learning\ndescription: A course.\nunit: Lecture\ncascade:\n  params:\n    course: ml\n---\n",
		"content/courses/ml/lecture-1.md":  "---\ntitle: \"Lecture 1: Kernels\"\ndescription: Kernels.\ndate: 2023-03-01\n---\n\nKernels.\n",
		"content/courses/ml/lecture-2.md":  "---\ntitle: \"Lecture 2: Gaussian processes\"\ndescription: GPs.\ndate: 2023-03-08\n---\n\nGPs.\n",
		"content/notes/lonely.md":          "---\ntitle: Lonely\ndescription: Shares nothing.\ndate: 2022-07-04\ntags: [solitude]\n---\n\nAlone.\n",
		"content/notes/card.md":            "---\ntitle: A note with a rather long title that the social card has to wrap over several lines to stay readable at a glance\ndescription: Long title.\ndate: 2024-02-10\ntags: [cards]\n---\n\nLong.\n",
		"content/notes/arabic.md":          "---\ntitle: ملاحظة بالعربية\ndescription: A note in Arabic.\ndate: 2024-02-11\ntags: [cards]\nlang: ar\ndirection: rtl\n---\n\nنص.\n",
		"content/notes/featured/index.md":  "---\ntitle: Featured\ndescription: Has its own picture.\ndate: 2024-02-12\ntags: [cards]\nfeaturedImage: cover.png\n---\n\nPicture.\n",
		"content/notes/featured/cover.png": encodePNG(t, 800, 420, false),
		"content/notes/diagram.md": "---\ntitle: Diagram\ndescription: A GoAT diagram.\ndate: 2024-05-01\ntags: [diagrams]\n---\n\n" +
			"```goat {alt=\"Box A points to box B, past a hollow and a solid circle\" title=\"The pipeline\"}\n" +
			"+---+     +---+\n| A +---->| B |\n+---+     +---+\n  o   *   \"a & <b>\"\n```\n",
	}
	// Seven notes about transformers: each shares tags with the others, so
	// each has six candidates for its five places.
	for i, n := range []string{"one", "two", "three", "four", "five", "six", "seven"} {
		tags := "[transformers, attention]"
		if i%2 == 1 {
			tags = "[transformers]"
		}
		files["content/notes/tf-"+n+".md"] = "---\ntitle: Transformers " + n + "\ndescription: About transformers.\ndate: 2024-0" + string(rune('1'+i%3)) + "-0" + string(rune('1'+i)) + "\ntags: " + tags + "\n---\n\nText.\n"
	}
	return files
}

var (
	extrasOnce   sync.Once
	extrasResult *sitetest.Result
	extrasSource string
	extrasErr    error
)

// extrasSite builds the extras notebook once per test process (production)
// and returns the build and its source folder (which holds Hugo's resource
// cache after the build).
func extrasSite(t *testing.T) (*sitetest.Result, string) {
	t.Helper()
	sitetest.Slow(t) // before the Once: a skip inside it would leave it done and empty
	extrasOnce.Do(func() {
		extrasSource = sitetest.ProcessTempDir(t, "extras-src")
		sitetest.CopyTree(t, sitetest.Fixture(t, extrasFiles(t)), extrasSource)
		public := sitetest.ProcessTempDir(t, "extras-public")
		extrasResult, extrasErr = sitetest.TryBuild(t, sitetest.Options{Source: extrasSource, Public: public, Args: []string{"--environment", "production"}})
	})
	if extrasErr != nil {
		t.Fatalf("building the extras notebook: %v\n%s", extrasErr, extrasResult.Output)
	}
	return extrasResult, extrasSource
}
