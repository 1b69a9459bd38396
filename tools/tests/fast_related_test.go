package tests

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/fasttest"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
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

// TestFastRelatedMatchesTheWholeSite: each note's related notes, looked up
// among the notes that can rank first (_funcs/related/candidates.html),
// are exactly the first five of Hugo's index over every note of the site.
// The notebook is generated with a fixed seed so that every kind of match
// occurs: tags shared by many notes (more than the newest few of a
// keyword), notes sharing two or three tags, a series, a course, broad
// categories (never enough alone), values in other letter cases, and
// several notes of one day, whose order Hugo breaks by name; and old notes
// that outweigh many newer ones.
func TestFastRelatedMatchesTheWholeSite(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	tags := []string{"optics", "Optics", "waves", "lasers", "fields", "noise", "spin"}
	files := map[string]string{
		// Hugo's own lookup over the whole site, next to the theme's.
		"layouts/_partials/hooks/content-end.html": `<ol class="whole-site-related">{{ range first 5 (site.RegularPages.Related .) }}<li>{{ .LinkTitle }}</li>{{ end }}</ol>`,
	}
	for i := range 90 {
		fm := fmt.Sprintf("title: Note %02d\ndescription: D.\ndate: 2021-%02d-%02d\n", i, 1+r.IntN(3), 1+r.IntN(4))
		var ts []string
		for _, k := range r.Perm(len(tags))[:1+r.IntN(3)] {
			ts = append(ts, tags[k])
		}
		fm += "tags: [" + strings.Join(ts, ", ") + "]\n"
		if r.IntN(4) == 0 {
			fm += "series: [Series " + strconv.Itoa(r.IntN(2)) + "]\n"
		}
		if r.IntN(5) == 0 {
			fm += "course: " + []string{"ML-101", "ml-101", "Vision"}[r.IntN(3)] + "\n"
		}
		if r.IntN(2) == 0 {
			fm += "categories: [" + []string{"Physics", "physics", "Other"}[r.IntN(3)] + "]\n"
		}
		files[fmt.Sprintf("content/notes/note-%02d.md", i)] = "---\n" + fm + "---\nText.\n"
	}
	// The newest of eight notes that share one tag and nothing else: its
	// five are the next five, so the newest of a keyword must reach one
	// past the count when the note itself is among them.
	for i := range 8 {
		files[fmt.Sprintf("content/notes/solo-%d.md", i)] = fmt.Sprintf("---\ntitle: Solo %d\ndescription: D.\ndate: 2022-01-0%d\ntags: [solo]\n---\nText.\n", i, i+1)
	}
	// An old note sharing two keywords with a note, or three, behind more
	// than five newer notes sharing one of them, or two: it weighs more, so
	// it comes first, though it is not among the newest of any keyword or
	// pair of them.
	dated := func(name, title string, month, day int, tags string) {
		files["content/notes/"+name+".md"] = fmt.Sprintf("---\ntitle: %s\ndescription: D.\ndate: 2023-%02d-%02d\ntags: [%s]\n---\nText.\n", title, month, day, tags)
	}
	dated("pair-p", "Pair P", 1, 1, "pa, pb")
	dated("pair-q", "Pair Q", 1, 2, "pa, pb")
	dated("tri-p", "Tri P", 1, 1, "ta, tb, tc")
	dated("tri-q", "Tri Q", 1, 2, "ta, tb, tc")
	for i := range 6 {
		dated(fmt.Sprintf("pair-a%d", i), fmt.Sprintf("Pair A%d", i), 2, 1+i, "pa")
		dated(fmt.Sprintf("pair-b%d", i), fmt.Sprintf("Pair B%d", i), 3, 1+i, "pb")
		dated(fmt.Sprintf("tri-ab%d", i), fmt.Sprintf("Tri AB%d", i), 2, 1+i, "ta, tb")
		dated(fmt.Sprintf("tri-ac%d", i), fmt.Sprintf("Tri AC%d", i), 3, 1+i, "ta, tc")
		dated(fmt.Sprintf("tri-bc%d", i), fmt.Sprintf("Tri BC%d", i), 4, 1+i, "tb, tc")
	}
	site, err := fasttest.TryBuild(t, fasttest.Options{}, fasttest.Fixture(t, "testdata/fast/notes.txtar"), fasttest.FromMap(files))
	if err != nil {
		t.Fatalf("build: %v\n%s", err, site.Output)
	}
	if got, want := relatedTitles(t, site, "/notes/solo-7/"), []string{"Solo 6", "Solo 5", "Solo 4", "Solo 3", "Solo 2"}; !slices.Equal(got, want) {
		t.Errorf("solo-7 lists %q, want %q", got, want)
	}
	for page, first := range map[string]string{"/notes/pair-p/": "Pair Q", "/notes/tri-p/": "Tri Q"} {
		if got := relatedTitles(t, site, page); len(got) == 0 || got[0] != first {
			t.Errorf("%s lists %q, want %q first", page, got, first)
		}
	}
	var pages []string
	for i := range 90 {
		pages = append(pages, fmt.Sprintf("/notes/note-%02d/", i))
	}
	for name := range files {
		if strings.HasPrefix(name, "content/notes/pair-") || strings.HasPrefix(name, "content/notes/tri-") {
			pages = append(pages, "/notes/"+strings.TrimSuffix(strings.TrimPrefix(name, "content/notes/"), ".md")+"/")
		}
	}
	for _, page := range pages {
		var want []string
		for _, li := range sitetest.Find(site.Page(t, page).All(sitetest.Class("whole-site-related"))[0], sitetest.Tag("li")) {
			want = append(want, sitetest.Text(li))
		}
		if got := relatedTitles(t, site, page); !slices.Equal(got, want) {
			t.Errorf("%s lists %q, want Hugo's first five over the whole site %q", page, got, want)
		}
	}
}

// TestFastRelatedWithOtherSettings: a site whose [related] table is not the
// theme's (here: no marker index, and keywords indexed too) gets Hugo's
// lookup over the whole site, so a note related only through a field the
// theme's candidates do not read is still found.
func TestFastRelatedWithOtherSettings(t *testing.T) {
	cfg, err := os.ReadFile(filepath.Join(sitetest.Root(), "config", "_default", "hugo.toml"))
	if err != nil {
		t.Fatal(err)
	}
	marker := "[[related.indices]]\n    # Not a field"
	i := strings.Index(string(cfg), marker)
	if i < 0 {
		t.Fatalf("hugo.toml has no marker index %q", marker)
	}
	other := string(cfg[:i]) + "[[related.indices]]\n    name = \"keywords\"\n    weight = 100\n  " + string(cfg[i:])
	other = strings.Replace(other, `name = "bodarelated"`, `name = "topics"`, 1)
	note := func(title, fm string) string {
		return fmt.Sprintf("---\ntitle: %s\ndescription: D.\ndate: 2021-01-01\n%s\n---\nText.\n", title, fm)
	}
	site, err := fasttest.TryBuild(t, fasttest.Options{}, fasttest.Fixture(t, "testdata/fast/notes.txtar"), fasttest.FromMap(map[string]string{
		"config/_default/hugo.toml": other,
		"content/notes/a.md":        note("Alpha", "keywords: [lens]"),
		"content/notes/b.md":        note("Beta", "keywords: [lens]"),
	}))
	if err != nil {
		t.Fatalf("build: %v\n%s", err, site.Output)
	}
	if got := relatedTitles(t, site, "/notes/a/"); !slices.Equal(got, []string{"Beta"}) {
		t.Errorf("/notes/a/ lists %q, want the note sharing its keyword", got)
	}
}
