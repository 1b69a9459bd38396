package tests

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/gates"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
	"github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"
)

// TestArchetypesMakeNotesThatBuild runs `hugo new content` with each
// archetype on a copy of the site, checks the front matter, and builds the
// site with the new drafts.
func TestArchetypesMakeNotesThatBuild(t *testing.T) {
	dir := sitetest.CopySite(t)
	cases := []struct {
		path  string
		url   string
		title string
		check func(t *testing.T, fm map[string]any)
	}{
		{"notes/docker-basics.md", "/notes/docker-basics/", "Docker Basics", nil},
		{"papers/attention-is-all-you-need.md", "/papers/attention-is-all-you-need/", "Attention Is All You Need", func(t *testing.T, fm map[string]any) {
			paper, ok := fm["paper"].(map[string]any)
			if !ok {
				t.Fatalf("papers archetype: no paper map in %v", fm)
			}
			for _, k := range []string{"title", "authors", "year", "venue", "arxiv", "url"} {
				if _, ok := paper[k]; !ok {
					t.Errorf("papers archetype: paper.%s missing", k)
				}
			}
		}},
		{"courses/cs480-680/lecture-22.md", "/courses/cs480-680/lecture-22/", "Lecture 22", func(t *testing.T, fm map[string]any) {
			if n, _ := fm["number"].(int); n != 22 {
				t.Errorf("courses archetype: number = %v, want 22", fm["number"])
			}
		}},
		{"courses/nlp-specialization/course-1-classification-and-vector-spaces/week-3.md", "/courses/nlp-specialization/course-1-classification-and-vector-spaces/week-3/", "Week 3", nil},
	}
	for _, c := range cases {
		out, err := sitetest.Run(t, dir, nil, "new", "content", c.path)
		if err != nil {
			t.Fatalf("hugo new content %s: %v\n%s", c.path, err, out)
		}
		b, err := os.ReadFile(filepath.Join(dir, "content", c.path))
		if err != nil {
			t.Fatal(err)
		}
		fm := frontMatter(t, c.path, string(b))
		for _, k := range []string{"title", "description", "date", "tags", "draft"} {
			if _, ok := fm[k]; !ok {
				t.Errorf("%s: front matter has no %s", c.path, k)
			}
		}
		if fm["title"] != c.title {
			t.Errorf("%s: title %q, want %q", c.path, fm["title"], c.title)
		}
		if c.check != nil {
			c.check(t, fm)
		}
	}
	site := sitetest.Build(t, sitetest.Options{Source: dir, Args: []string{"--buildDrafts"}})
	var pages []string
	only := t.TempDir()
	for _, c := range cases {
		doc := site.Page(t, c.url)
		if got := doc.Title(); got != c.title {
			t.Errorf("%s: built title %q, want %q", c.url, got, c.title)
		}
		pages = append(pages, c.url)
		sitetest.WriteFiles(t, only, map[string]string{strings.Trim(c.url, "/") + "/index.html": doc.Raw})
	}
	// A lecture titled "Lecture 22" is not labelled "Lecture 22" again.
	for _, li := range site.Page(t, "/courses/cs480-680/").All(sitetest.Class("boda-syllabus__head")) {
		if text := sitetest.Text(li); strings.Contains(text, "Lecture 22") && text != "Lecture 22" {
			t.Errorf("the syllabus reads %q for the new lecture, want Lecture 22 once", text)
		}
	}
	if k := site.Page(t, "/courses/cs480-680/lecture-22/").All(sitetest.Class("boda-kicker")); len(k) > 0 {
		t.Errorf("the new lecture's title is its label, and the label %q stands above it again", sitetest.Text(k[0]))
	}

	// The new notes are valid HTML and pass axe-core, light and dark.
	for _, p := range gates.HTML(t, only) {
		t.Error(p)
	}
	problems, _ := gates.Audit(t, site.Public, pages)
	for _, p := range problems {
		t.Error(p)
	}
}

func frontMatter(t *testing.T, name, s string) map[string]any {
	t.Helper()
	fm := map[string]any{}
	switch {
	case strings.HasPrefix(s, "---\n"):
		parts := strings.SplitN(s, "---\n", 3)
		if err := yaml.Unmarshal([]byte(parts[1]), &fm); err != nil {
			t.Fatalf("%s: front matter is not valid YAML: %v\n%s", name, err, parts[1])
		}
	case strings.HasPrefix(s, "+++\n"):
		parts := strings.SplitN(s, "+++\n", 3)
		if err := toml.Unmarshal([]byte(parts[1]), &fm); err != nil {
			t.Fatalf("%s: front matter is not valid TOML: %v", name, err)
		}
	default:
		t.Fatalf("%s: no front matter", name)
	}
	return fm
}
