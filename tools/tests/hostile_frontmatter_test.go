package tests

import (
	"encoding/json"
	"maps"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// hostileBase is a small notebook: a home page, notes, papers and the
// course catalogue, each valid. Every hostile case adds to it or
// replaces one of its files.
func hostileBase() map[string]string {
	return map[string]string{
		"content/_index.md":         "---\ntitle: Fixture\n---\nIntro.\n",
		"content/notes/_index.md":   "---\ntitle: Notes\ndescription: Notes.\n---\nNotes.\n",
		"content/notes/ok.md":       "---\ntitle: OK\ndescription: A valid note.\ndate: 2024-01-02\ntags: [git]\n---\nText.\n",
		"content/papers/_index.md":  "---\ntitle: Papers\ndescription: Papers.\n---\nPapers.\n",
		"content/papers/ok.md":      "---\ntitle: Attention summary\ndescription: A valid paper.\ndate: 2024-01-03\npaper:\n  title: Attention Is All You Need\n  authors: [Ashish Vaswani, Noam Shazeer]\n  year: 2017\n  arxiv: \"1706.03762\"\n---\nText.\n",
		"content/courses/_index.md": "---\ntitle: Courses\ndescription: All courses.\nlayout: catalogue\n---\nCourses.\n",
	}
}

// hostileFrontMatterNote is a valid note's front matter plus extra lines.
func hostileFrontMatterNote(extra string) string {
	return "---\ntitle: Evil\ndescription: A note with a mistake.\ndate: 2024-02-01\n" + extra + "\n---\nText.\n"
}

// hostilePaper is a paper note whose citation is the given lines.
func hostilePaper(citation string) string {
	return "---\ntitle: Evil paper\ndescription: A paper with a mistake.\ndate: 2024-02-01\npaper:\n" + citation + "\n---\nText.\n"
}

const evilPaperCitation = "  title: A paper\n  authors: [Jane Doe]\n"

// TestHostileFrontMatterFails builds each mistake a careless or hostile
// author can make in front matter and checks that the build fails with a
// message that names the file holding the mistake and the field, and says
// what to write, never a template chain or another page's file.
func TestHostileFrontMatterFails(t *testing.T) {
	cases := []struct {
		name    string
		files   map[string]string
		want    []string
		notWant []string
	}{
		// Terms and paths that would publish over another page.
		{"tag over the home page", map[string]string{"content/notes/evil.md": hostileFrontMatterNote(`tags: ["../.."]`)},
			[]string{`content/notes/evil.md: tags: "../.."`, "write a plain term"}, nil},
		{"tag over a note", map[string]string{"content/notes/evil.md": hostileFrontMatterNote(`tags: ["../../notes/ok"]`)},
			[]string{`content/notes/evil.md: tags: "../../notes/ok"`}, nil},
		{"series over a section", map[string]string{"content/notes/evil.md": hostileFrontMatterNote(`series: ["../../notes"]`)},
			[]string{`content/notes/evil.md: series: "../../notes"`}, nil},
		{"tag outside the site", map[string]string{"content/notes/evil.md": hostileFrontMatterNote(`tags: ["../../../etc"]`)},
			[]string{`content/notes/evil.md: tags: "../../../etc"`}, nil},
		{"blank tags", map[string]string{"content/notes/evil.md": hostileFrontMatterNote(`tags: ["", " "]`)},
			[]string{`content/notes/evil.md: tags: "" is blank`, `content/notes/evil.md: tags: " " is blank`}, nil},
		{"a map as a tag", map[string]string{"content/notes/evil.md": hostileFrontMatterNote(`tags: [{a: 1}]`)},
			[]string{`content/notes/evil.md: tags: map[a:1] is not a term`, "quoted string"}, nil},
		{"tags as a string", map[string]string{"content/notes/evil.md": hostileFrontMatterNote(`tags: "a string"`)},
			[]string{`content/notes/evil.md: tags must be a list`, `tags: ["a string"]`}, []string{"rss.xml", "_index.md"}},
		{"url over the home page", map[string]string{"content/notes/evil.md": hostileFrontMatterNote(`url: /`)},
			[]string{"content/notes/evil.md", "content/_index.md", "both published at /index.html,"}, nil},
		{"slug over the catalogue", map[string]string{"content/notes/evil.md": hostileFrontMatterNote(`slug: "../../courses"`)},
			[]string{`content/notes/evil.md: slug "../../courses" must be one folder name`}, nil},
		{"url that climbs", map[string]string{"content/notes/evil.md": hostileFrontMatterNote(`url: /notes/../papers/`)},
			[]string{`content/notes/evil.md: url "/notes/../papers/" is not a site path`}, nil},
		{"two notes with one slug", map[string]string{"content/notes/evil.md": hostileFrontMatterNote(`slug: ok`)},
			[]string{"content/notes/evil.md", "content/notes/ok.md", "both published at /notes/ok/index.html"}, nil},
		{"an alias over a note", map[string]string{"content/notes/evil.md": hostileFrontMatterNote(`aliases: [/notes/ok/]`)},
			[]string{"content/notes/evil.md", "content/notes/ok.md", "both published at /notes/ok/index.html"}, nil},
		{"a lecture over its course's print page", map[string]string{
			"content/courses/c/_index.md": "---\ntitle: C\ndescription: A course.\nunit: Lecture\n---\nC.\n",
			"content/courses/c/evil.md":   "---\ntitle: Evil lecture\ndescription: d\ndate: 2024-02-01\nnumber: 1\nslug: print\n---\nText.\n"},
			[]string{"content/courses/c/evil.md", "content/courses/c/_index.md", "both published at /courses/c/print/index.html"}, nil},
		// Titles and dates.
		{"no title", map[string]string{"content/notes/evil.md": "---\ndescription: d\ndate: 2024-02-01\n---\nText.\n"},
			[]string{"content/notes/evil.md: the title is missing or empty", "title: "}, nil},
		{"blank title", map[string]string{"content/notes/evil.md": "---\ntitle: \"  \"\ndescription: d\ndate: 2024-02-01\n---\nText.\n"},
			[]string{"content/notes/evil.md: the title is missing or empty"}, nil},
		{"a section without a title", map[string]string{"content/notes/_index.md": "---\ndescription: Notes.\n---\nNotes.\n"},
			[]string{"content/notes/_index.md: the title is missing or empty"}, nil},
		{"no date", map[string]string{"content/notes/evil.md": "---\ntitle: Undated\ndescription: d\n---\nText.\n"},
			[]string{"content/notes/evil.md: the date is missing", "date: 2024-05-01"}, nil},
		{"a date that is not one", map[string]string{"content/notes/evil.md": "---\ntitle: Vague\ndescription: d\ndate: yesterday\n---\nText.\n"},
			[]string{`content/notes/evil.md: date "yesterday" is not a date`, "date: 2024-05-01"}, nil},
		// A stray index.md that turns the Notes section into one page.
		{"stray index.md", map[string]string{"content/notes/index.md": hostileFrontMatterNote("")},
			[]string{"content/notes/index.md: an index.md makes its folder one page", "_index.md, ok.md", "rename index.md to _index.md"}, nil},
		// Language and direction, of notes and of sections.
		{"a number as lang", map[string]string{"content/notes/evil.md": hostileFrontMatterNote(`lang: 12`)},
			[]string{"content/notes/evil.md: lang 12 is not a language tag", `lang: "ar"`}, []string{`'\f'`}},
		{"a section's lang", map[string]string{"content/notes/_index.md": "---\ntitle: Notes\ndescription: Notes.\nlang: \"en x\"\n---\n"},
			[]string{`content/notes/_index.md: lang "en x" is not a language tag`}, nil},
		{"a section's direction", map[string]string{"content/papers/_index.md": "---\ntitle: Papers\ndescription: Papers.\ndirection: sideways\n---\n"},
			[]string{`content/papers/_index.md: direction "sideways"`, `"rtl"`}, nil},
		// Paper citations: each names the note, not the papers list that reads it first.
		{"paper as a string", map[string]string{"content/papers/evil.md": "---\ntitle: Evil paper\ndescription: d\ndate: 2024-02-01\npaper: \"a string\"\n---\nText.\n"},
			[]string{`content/papers/evil.md: paper must be a map of citation fields, not "a string"`, "authors: ["}, nil},
		{"a date as the year", map[string]string{"content/papers/evil.md": hostilePaper(evilPaperCitation + "  year: 2018-05-01")},
			[]string{`content/papers/evil.md: paper.year "2018-05-01" is not a year`, "year: 2018"}, nil},
		{"no year", map[string]string{"content/papers/evil.md": hostilePaper(evilPaperCitation)},
			[]string{"content/papers/evil.md: paper needs a year"}, nil},
		{"an unquoted arXiv id", map[string]string{"content/papers/evil.md": hostilePaper(evilPaperCitation + "  year: 2018\n  arxiv: 1810.04800")},
			[]string{"content/papers/evil.md: paper.arxiv 1810.048 is a number", `arxiv: "1810.04800"`}, nil},
		{"a malformed arXiv id", map[string]string{"content/papers/evil.md": hostilePaper(evilPaperCitation + "  year: 2018\n  arxiv: \"arXiv:1810.04805\"")},
			[]string{`content/papers/evil.md: paper.arxiv "arXiv:1810.04805" is not an arXiv id`}, nil},
		{"authors as a string", map[string]string{"content/papers/evil.md": hostilePaper("  title: A paper\n  authors: Jane Doe\n  year: 2018")},
			[]string{`content/papers/evil.md: paper.authors must be a list of names`, `authors: ["Jane Doe"]`}, nil},
		{"a number as an author", map[string]string{"content/papers/evil.md": hostilePaper("  title: A paper\n  authors: [Jane Doe, 42]\n  year: 2018")},
			[]string{"content/papers/evil.md: paper.authors: 42 is not a name"}, nil},
		{"a javascript url", map[string]string{"content/papers/evil.md": hostilePaper(evilPaperCitation + "  year: 2018\n  url: javascript:alert(1)")},
			[]string{`content/papers/evil.md: paper.url "javascript:alert(1)" is not an http(s) address`}, nil},
		{"a list as the title", map[string]string{"content/papers/evil.md": hostilePaper("  title: [a, b]\n  authors: [Jane Doe]\n  year: 2018")},
			[]string{"content/papers/evil.md: paper.title is [a b]"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			files := hostileBase()
			maps.Copy(files, c.files)
			r, err := sitetest.TryBuild(t, sitetest.Options{Source: sitetest.Fixture(t, files)})
			if err == nil {
				t.Fatalf("the build succeeded:\n%s", r.Output)
			}
			for _, w := range c.want {
				if !strings.Contains(r.Output, w) {
					t.Errorf("the error lacks %q:\n%s", w, r.Output)
				}
			}
			// A template chain instead of the file is the symptom this guards.
			for _, w := range append([]string{"execute of template failed", "papers/_index.md\" failed"}, c.notWant...) {
				if strings.Contains(r.Output, w) {
					t.Errorf("the error holds %q:\n%s", w, r.Output)
				}
			}
		})
	}
}

// TestHostileFrontMatterLangIsNeverWritten checks that a lang value that
// fails validation is not written into the page all the same.
func TestHostileFrontMatterLangIsNeverWritten(t *testing.T) {
	files := hostileBase()
	files["content/notes/evil.md"] = hostileFrontMatterNote(`lang: "en\" onmouseover=\"alert(1)"` + "\ndirection: \"rtl\\\" onfocus=\\\"alert(2)\"")
	r, err := sitetest.TryBuild(t, sitetest.Options{Source: sitetest.Fixture(t, files)})
	if err == nil {
		t.Fatalf("the build accepted a lang that is not a language tag:\n%s", r.Output)
	}
	for _, w := range []string{"content/notes/evil.md: lang \"en\\\" onmouseover=", "content/notes/evil.md: direction \"rtl\\\" onfocus="} {
		if !strings.Contains(r.Output, w) {
			t.Errorf("the error lacks %q:\n%s", w, r.Output)
		}
	}
	for _, f := range []string{"notes/evil/index.html", "notes/ok/index.html", "index.html"} {
		if !r.Exists(f) {
			continue
		}
		if body := r.File(t, f); strings.Contains(body, "onmouseover") || strings.Contains(body, "onfocus") {
			t.Errorf("%s carries the hostile attribute although the build rejected it", f)
		}
	}
}

// TestHostileFrontMatterCitations checks the safe output of odd but valid
// citations: a title that tries to close its BibTeX field and open another
// entry, TeX specials, a number as the venue, an old-style arXiv id.
func TestHostileFrontMatterCitations(t *testing.T) {
	files := hostileBase()
	files["content/papers/evil.md"] = hostilePaper("  title: \"Evil} @misc{pwned, title={x & 100% of $5_#1 ~^\\\\\"\n" +
		"  authors: [\"Jane {Doe}\", Ada Lovelace]\n  year: \"2018\"\n  venue: 42\n  arxiv: \"hep-th/9901001v2\"\n  url: https://example.org/paper?id=1")
	r := sitetest.Build(t, sitetest.Options{Source: sitetest.Fixture(t, files)})
	doc := r.Page(t, "/papers/evil/")
	blocks := doc.All(sitetest.Class("boda-paper__bibtex"))
	if len(blocks) != 1 {
		t.Fatalf("%d BibTeX blocks on the paper page", len(blocks))
	}
	bib := sitetest.RawText(blocks[0])
	bib = bib[strings.Index(bib, "@"):]
	if n := strings.Count("\n"+bib, "\n@"); n != 1 {
		t.Errorf("the BibTeX holds %d entries, want one:\n%s", n, bib)
	}
	if strings.Count(bib, "{") != strings.Count(bib, "}") {
		t.Errorf("the BibTeX braces do not balance:\n%s", bib)
	}
	for _, w := range []string{
		`title   = {Evil\textbraceright  @misc\textbraceleft pwned, title=\textbraceleft x \& 100\% of \$5\_\#1 \textasciitilde \textasciicircum \textbackslash }`,
		`author  = {Jane \textbraceleft Doe\textbraceright  and Ada Lovelace}`,
		"journal = {42},", "year    = {2018},", "eprint  = {hep-th/9901001v2},", "url     = {https://example.org/paper?id=1},",
	} {
		if !strings.Contains(bib, w) {
			t.Errorf("the BibTeX lacks %q:\n%s", w, bib)
		}
	}
	if strings.Contains(bib, "%!") {
		t.Errorf("the BibTeX holds a Go formatting error:\n%s", bib)
	}
	for _, href := range []string{"https://arxiv.org/abs/hep-th/9901001v2", "https://arxiv.org/pdf/hep-th/9901001v2"} {
		if !doc.HasLink(href) {
			t.Errorf("the paper card does not link %s", href)
		}
	}
	if venue := sitetest.Text(doc.All(sitetest.Class("boda-paper__venue"))[0]); venue != "42, 2018" {
		t.Errorf("venue line %q, want \"42, 2018\"", venue)
	}
	// JSON-LD carries the same validated citation.
	for _, s := range doc.All(sitetest.Tag("script")) {
		if typ, _ := sitetest.Attr(s, "type"); typ != "application/ld+json" {
			continue
		}
		var v struct {
			Graph []struct {
				About *struct {
					Date      string `json:"datePublished"`
					Publisher string `json:"publisher"`
				} `json:"about"`
			} `json:"@graph"`
		}
		if err := json.Unmarshal([]byte(sitetest.RawText(s)), &v); err != nil {
			t.Fatalf("JSON-LD does not parse: %v", err)
		}
		for _, item := range v.Graph {
			if item.About != nil && (item.About.Date != "2018" || item.About.Publisher != "42") {
				t.Errorf("JSON-LD cites datePublished %q, publisher %q; want 2018 and 42", item.About.Date, item.About.Publisher)
			}
		}
	}
	// The papers list files the paper under its year.
	if list := sitetest.Text(r.Page(t, "/papers/").Root); !strings.Contains(list, "2018") {
		t.Errorf("the papers list has no 2018 heading: %s", list)
	}
}

// TestHostileFrontMatterAllowsWhatIsFine checks that the checks do not
// reject what is fine: a home page without a title (it shows the site's),
// a folder without _index.md (Hugo titles it), a note as a leaf bundle
// with its image, and a section without a date.
func TestHostileFrontMatterAllowsWhatIsFine(t *testing.T) {
	files := hostileBase()
	files["content/_index.md"] = "---\ndescription: The home page.\n---\nIntro.\n"
	files["content/notes/bundle/index.md"] = "---\ntitle: A bundle\ndescription: A note with its image.\ndate: 2024-02-02\ntags: [\"2024\", Deep Learning]\n---\n![A dot](dot.svg)\n"
	files["content/notes/bundle/dot.svg"] = `<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>`
	files["content/loose/note.md"] = "---\ntitle: Loose\ndescription: In a folder without _index.md.\ndate: 2024-02-03\n---\nText.\n"
	r := sitetest.Build(t, sitetest.Options{Source: sitetest.Fixture(t, files)})
	for _, p := range []string{"index.html", "notes/bundle/index.html", "loose/note/index.html", "tags/2024/index.html", "tags/deep-learning/index.html"} {
		if !r.Exists(p) {
			t.Errorf("%s is not published", p)
		}
	}
	if got := r.Page(t, "/notes/bundle/").Title(); !strings.HasPrefix(got, "A bundle") {
		t.Errorf("the bundle's title is %q", got)
	}
}
