package tests

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// TestArchive: /archive/ lists every note — notes, lectures, paper
// summaries, not section pages — once, by year and month, newest first,
// with counts that add up, and every page's footer links to it.
func TestArchive(t *testing.T) {
	site, _ := extrasSite(t)
	doc := site.Page(t, "/archive/")

	// Every regular page once: the notes of the fixture and its lectures.
	var links []string
	for _, list := range doc.All(sitetest.Class("boda-archive__list")) {
		for _, a := range sitetest.Find(list, sitetest.Tag("a")) {
			href, _ := sitetest.Attr(a, "href")
			links = append(links, href)
		}
	}
	want := []string{"/courses/ml/lecture-1/", "/courses/ml/lecture-2/", "/notes/arabic/", "/notes/card/", "/notes/diagram/", "/notes/featured/", "/notes/lonely/",
		"/notes/tf-five/", "/notes/tf-four/", "/notes/tf-one/", "/notes/tf-seven/", "/notes/tf-six/", "/notes/tf-three/", "/notes/tf-two/"}
	got := slices.Clone(links)
	sort.Strings(got)
	if !slices.Equal(got, want) {
		t.Errorf("the archive links %q, want every note once %q", got, want)
	}

	// Newest first: the dates down the page never go up.
	var dates []string
	for _, tm := range doc.All(sitetest.Tag("time")) {
		if d, ok := sitetest.Attr(tm, "datetime"); ok {
			dates = append(dates, d)
		}
	}
	if len(dates) != len(want) {
		t.Fatalf("the archive shows %d dates for %d notes", len(dates), len(want))
	}
	for i := 1; i < len(dates); i++ {
		if dates[i] > dates[i-1] {
			t.Errorf("the archive lists %s after %s: not newest first", dates[i], dates[i-1])
		}
	}

	// Years, then months, with counts.
	headings := doc.Headings()
	years := []string{}
	for _, h := range headings {
		if m := regexp.MustCompile(`^(\d{4}) (\d+) notes?$`).FindStringSubmatch(h); m != nil {
			years = append(years, m[1]+":"+m[2])
		}
	}
	if w := []string{"2024:11", "2023:2", "2022:1"}; !slices.Equal(years, w) {
		t.Errorf("year headings %q, want %q (headings: %q)", years, w, headings)
	}
	for _, w := range []string{"May 1 note", "February 5 notes", "January 3 notes", "March 2 notes", "July 1 note"} {
		if !slices.Contains(headings, w) {
			t.Errorf("no month heading %q in %q", w, headings)
		}
	}
	if !strings.Contains(sitetest.Text(doc.All(sitetest.Class("boda-archive__years"))[0]), "2024 (11)") {
		t.Errorf("the year index does not say 2024 (11): %q", sitetest.Text(doc.All(sitetest.Class("boda-archive__years"))[0]))
	}
	// A lecture says which course it is in.
	if !strings.Contains(sitetest.Text(doc.Root), "Lecture 1: Kernels · Machine Learning") {
		t.Error("the archive does not name lecture 1's course")
	}

	// One page, no feed; linked from every page's footer.
	if site.Exists("archive/index.xml") {
		t.Error("the archive publishes a feed")
	}
	for _, page := range []string{"/", "/notes/tf-one/", "/courses/ml/", "/archive/"} {
		linked := false
		for _, foot := range site.Page(t, page).All(sitetest.Class("boda-footer")) {
			for _, a := range sitetest.Find(foot, sitetest.Tag("a")) {
				if href, _ := sitetest.Attr(a, "href"); href == "/archive/" && sitetest.Text(a) == "Archive" {
					linked = true
				}
			}
		}
		if !linked {
			t.Errorf("the footer of %s does not link to /archive/", page)
		}
	}
}
