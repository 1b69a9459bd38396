package tests

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/gen"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
	"go.yaml.in/yaml/v3"
)

// readTree returns every file below dir by slash-separated relative path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func generate(t *testing.T, o gen.Options) (string, gen.Stats) {
	t.Helper()
	sitetest.Slow(t)
	dir := t.TempDir()
	st, err := gen.Write(dir, o)
	if err != nil {
		t.Fatal(err)
	}
	return dir, st
}

func TestGeneratorIsDeterministic(t *testing.T) {
	a, sa := generate(t, gen.Options{Notes: 300, Seed: 7})
	b, sb := generate(t, gen.Options{Notes: 300, Seed: 7})
	c, _ := generate(t, gen.Options{Notes: 300, Seed: 8})
	ta, tb, tc := readTree(t, a), readTree(t, b), readTree(t, c)
	if sa != sb {
		t.Errorf("same options, different stats:\n%+v\n%+v", sa, sb)
	}
	if len(ta) != len(tb) {
		t.Fatalf("same options wrote %d and %d files", len(ta), len(tb))
	}
	for p, x := range ta {
		if !bytes.Equal(x, tb[p]) {
			t.Errorf("%s differs between two runs with the same seed", p)
		}
	}
	differ := 0
	for p, x := range ta {
		if !bytes.Equal(x, tc[p]) {
			differ++
		}
	}
	if differ < len(ta)/2 {
		t.Errorf("another seed changed only %d of %d files", differ, len(ta))
	}
}

var (
	frontRe   = regexp.MustCompile(`(?s)\A---\n(.*?)\n---\n`)
	inlineRe  = regexp.MustCompile(`\$[^$\n]+\$`)
	displayRe = regexp.MustCompile(`(?m)^\$\$\n[^$]+\n\$\$$`)
	linkRe    = regexp.MustCompile(`\]\((/[^)]+\.md)\)`)
)

func TestGeneratedNotesFollowTheContentModel(t *testing.T) {
	const n = 400
	dir, st := generate(t, gen.Options{Notes: n, Seed: 1})
	tree := readTree(t, dir)
	if st.Notes != n || st.Papers+st.PlainNotes+st.Lectures != n {
		t.Fatalf("stats %+v for %d notes", st, n)
	}
	if st.Papers == 0 || st.PlainNotes == 0 || st.Lectures == 0 || st.Courses < 2 || st.Parts == 0 {
		t.Errorf("every kind of page should be present: %+v", st)
	}
	inline, display := 0, 0
	for _, p := range gen.NotePaths(n) {
		text := string(tree[p])
		m := frontRe.FindStringSubmatch(text)
		if m == nil {
			t.Fatalf("%s: no front matter", p)
		}
		var fm struct {
			Title, Description, Date string
			Number                   int
			Tags                     []string
			Paper                    *struct {
				Title   string
				Authors []string
				Year    int
				Arxiv   string
			}
		}
		if err := yaml.Unmarshal([]byte(m[1]), &fm); err != nil {
			t.Fatalf("%s: front matter: %v", p, err)
		}
		if fm.Title == "" || fm.Description == "" || fm.Date == "" || len(fm.Tags) < 2 {
			t.Errorf("%s: incomplete front matter %+v", p, fm)
		}
		if strings.HasPrefix(p, "papers/") != (fm.Paper != nil) {
			t.Errorf("%s: paper front matter only and always on papers", p)
		}
		if fm.Paper != nil && (fm.Paper.Title == "" || len(fm.Paper.Authors) == 0 || fm.Paper.Year == 0 || fm.Paper.Arxiv == "") {
			t.Errorf("%s: incomplete citation %+v", p, fm.Paper)
		}
		if strings.HasPrefix(p, "courses/") && fm.Number < 1 {
			t.Errorf("%s: a lecture needs a number", p)
		}
		body := text[len(m[0]):]
		d := len(displayRe.FindAllString(body, -1))
		i := len(inlineRe.FindAllString(displayRe.ReplaceAllString(body, ""), -1))
		if d != 1 || i < 2 || i > 5 {
			t.Errorf("%s: %d inline and %d display formulas, want 2–5 and 1", p, i, d)
		}
		inline, display = inline+i, display+d
		for _, want := range []string{"\n## ", "\n### ", "\n- ", "\n1. ", "```python\n", "{{< cmd ", "```console\n$ "} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: no %q", p, want)
			}
		}
		links := linkRe.FindAllStringSubmatch(body, -1)
		if len(links) < 2 {
			t.Errorf("%s: %d links to other notes, want a few", p, len(links))
		}
		for _, l := range links {
			if _, ok := tree[strings.TrimPrefix(l[1], "/")]; !ok || l[1] == "/"+p {
				t.Errorf("%s: link to %s, which is not another generated note", p, l[1])
			}
		}
	}
	if inline != st.InlineMath || display != st.DisplayMath {
		t.Errorf("stats count %d+%d formulas, the files hold %d+%d", st.InlineMath, st.DisplayMath, inline, display)
	}
}

func TestLargestGeneratedCourseHasAThousandLectures(t *testing.T) {
	perCourse := map[string]map[string]bool{}
	for _, p := range gen.NotePaths(10000) {
		parts := strings.Split(p, "/")
		if parts[0] != "courses" {
			continue
		}
		dir := strings.Join(parts[:len(parts)-1], "/")
		if perCourse[dir] == nil {
			perCourse[dir] = map[string]bool{}
		}
		perCourse[dir][p] = true
	}
	largest, nested := 0, 0
	for dir, notes := range perCourse {
		largest = max(largest, len(notes))
		if strings.Count(dir, "/") == 2 {
			nested++
		}
	}
	if largest != gen.MaxLectures {
		t.Errorf("largest course section has %d lectures, want %d", largest, gen.MaxLectures)
	}
	if nested == 0 {
		t.Error("no course with nested parts")
	}
}

// TestGeneratedSiteBuilds builds a generated site with the theme's layouts
// and checks that every note is published with its math, commands and
// links rendered.
func TestGeneratedSiteBuilds(t *testing.T) {
	src := sitetest.CopySite(t)
	content := filepath.Join(src, "content")
	if err := os.RemoveAll(content); err != nil {
		t.Fatal(err)
	}
	st, err := gen.Write(content, gen.Options{Notes: 50, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	site := sitetest.Build(t, sitetest.Options{Source: src})
	mathEls := 0
	for _, p := range gen.NotePaths(50) {
		url := "/" + strings.TrimSuffix(p, ".md") + "/"
		doc := site.Page(t, url)
		mathEls += len(doc.All(sitetest.Tag("math")))
		if got := len(doc.All(sitetest.Class("boda-cmd"))); got != 2 {
			t.Errorf("%s: %d command snippets, want 2 (cmd and console)", url, got)
		}
		for _, l := range doc.Links() {
			if strings.HasSuffix(l, ".md") {
				t.Errorf("%s: unresolved link %s", url, l)
			}
		}
		if strings.HasPrefix(p, "papers/") && len(doc.All(sitetest.Class("boda-paper"))) != 1 {
			t.Errorf("%s: no citation card", url)
		}
		if strings.HasPrefix(p, "courses/") && len(doc.All(sitetest.Class("boda-series"))) != 1 {
			t.Errorf("%s: no series box", url)
		}
	}
	if mathEls != st.Formulas() {
		t.Errorf("published %d <math> elements, the content has %d formulas", mathEls, st.Formulas())
	}
	part := site.Page(t, "/courses/course-002/part-01/")
	if len(part.All(sitetest.Class("boda-syllabus__item"))) == 0 {
		t.Error("a course part lists no syllabus")
	}
}
