package tests

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/gates"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
	"golang.org/x/net/html"
)

// citingNote cites works of the CSL-JSON fixture and the site's paper note
// on decoupled neural interfaces, in every form the shortcode takes.
const citingNote = `---
title: Citing fixture
description: A note that cites.
date: 2024-01-01
tags: [math]
---

C1: Transformers {{< cite "vaswani2017" >}} and deep nets {{< cite "lecun2015, openai2023" >}}.

C2: Synthetic gradients {{< cite key="jaderberg2016decoupled" page="4-7" >}} and {{< cite key="lecun2015" loc="fig. 2" >}}.

C3: Two of a name {{< cite "smith2020b" "smith2020a" >}}.
`

// citeFixture copies the site, adds the CSL-JSON fixture as
// data/bibliography.json (unless files holds a bibliography of its own)
// and the given files, and builds it.
func citeFixture(t *testing.T, files map[string]string, args ...string) (*sitetest.Result, error) {
	t.Helper()
	dir := sitetest.CopySite(t)
	if _, ok := files["data/bibliography.json"]; !ok && files["data/bibliography/"] == "" {
		csl, err := os.ReadFile(filepath.Join(sitetest.ToolsDir(), "testdata", "cite", "bibliography.json"))
		if err != nil {
			t.Fatal(err)
		}
		files = mergeFiles(map[string]string{"data/bibliography.json": string(csl)}, files)
	}
	delete(files, "data/bibliography/")
	sitetest.WriteFiles(t, dir, files)
	return sitetest.TryBuild(t, sitetest.Options{Source: dir, Args: args})
}

func mergeFiles(a, b map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

func TestCite(t *testing.T) {
	site, err := citeFixture(t, map[string]string{"content/notes/citing.md": citingNote})
	if err != nil {
		t.Fatalf("build: %v\n%s", err, site.Output)
	}
	doc := site.Page(t, "/notes/citing/")
	raw := site.File(t, "notes/citing/index.html")

	t.Run("citations", func(t *testing.T) {
		for tag, want := range map[string]string{
			"C1:": "C1: Transformers (Vaswani et al., 2017) and deep nets (LeCun and Bengio, 2015; OpenAI, 2023).",
			"C2:": "C2: Synthetic gradients (Jaderberg et al., 2016, pp. 4–7) and (LeCun and Bengio, 2015, fig. 2).",
			"C3:": "C3: Two of a name (Smith, 2020b; Smith, 2020a).",
		} {
			if got := sitetest.Text(paragraph(t, doc, tag)); got != want {
				t.Errorf("%s\n got %q\nwant %q", tag, got, want)
			}
		}
		refs := doc.All(sitetest.Class("boda-cite__ref"))
		if len(refs) != 7 {
			t.Fatalf("%d citation links, want 7", len(refs))
		}
		for _, a := range refs {
			href, _ := sitetest.Attr(a, "href")
			role, _ := sitetest.Attr(a, "role")
			if role != "doc-biblioref" || !strings.HasPrefix(href, "#bib-") {
				t.Errorf("citation %q: href %q role %q", sitetest.Text(a), href, role)
			}
			if len(doc.All(func(n *html.Node) bool { id, _ := sitetest.Attr(n, "id"); return "#"+id == href })) != 1 {
				t.Errorf("citation %q links to %s, which is not one element of the page", sitetest.Text(a), href)
			}
		}
	})

	t.Run("bibliography", func(t *testing.T) {
		entries := doc.All(sitetest.Class("boda-bibliography__entry"))
		var ids []string
		for _, e := range entries {
			id, _ := sitetest.Attr(e, "id")
			ids = append(ids, id)
		}
		// Each work once, alphabetical by first author, then year and title.
		want := "bib-jaderberg2016decoupled bib-lecun2015 bib-openai2023 bib-smith2020a bib-smith2020b bib-vaswani2017"
		if strings.Join(ids, " ") != want {
			t.Fatalf("entries %q, want %q", ids, want)
		}
		text := map[string]string{}
		for i, e := range entries {
			text[ids[i]] = sitetest.Text(e)
		}
		for id, want := range map[string]string{
			"bib-vaswani2017":            "Ashish Vaswani, Noam Shazeer and Niki Parmar (2017). Attention Is All You Need. Advances in Neural Information Processing Systems. doi:10.48550/arXiv.1706.03762 · arXiv:1706.03762",
			"bib-openai2023":             "OpenAI (2023). GPT-4 Technical Report. Link",
			"bib-smith2020a":             "Ann Smith (2020a). First Thoughts.",
			"bib-jaderberg2016decoupled": "Max Jaderberg, Wojciech Marian Czarnecki, Simon Osindero, Oriol Vinyals, Alex Graves, David Silver and Koray Kavukcuoglu (2016). Decoupled Neural Interfaces using Synthetic Gradients. arXiv preprint. arXiv:1608.05343",
		} {
			if text[id] != want {
				t.Errorf("%s\n got %q\nwant %q", id, text[id], want)
			}
		}
		for _, href := range []string{"/papers/decoupled-neural-interfaces/", "https://doi.org/10.1038/nature14539", "https://arxiv.org/abs/1706.03762", "https://example.org/gpt-4"} {
			if !doc.HasLink(href) {
				t.Errorf("the bibliography does not link to %s", href)
			}
		}
	})

	t.Run("a CSL title's markup is text", func(t *testing.T) {
		for _, bad := range []string{"<script>alert", "<img src=x", "<i>learning"} {
			if strings.Contains(raw, bad) {
				t.Errorf("the page holds %q from a CSL title", bad)
			}
		}
		if !strings.Contains(raw, "Deep learning &lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(1)&lt;/script&gt;") &&
			!strings.Contains(raw, "Deep learning &lt;img src=x onerror=alert(1)>&lt;script>alert(1)&lt;/script>") {
			t.Errorf("the title is not shown as text:\n%s", regexp.MustCompile(`(?s)Deep learning.{0,120}`).FindString(raw))
		}
	})

	t.Run("json-ld", func(t *testing.T) {
		m := regexp.MustCompile(`<script type="application/ld\+json">(.*?)</script>`).FindStringSubmatch(raw)
		if m == nil {
			t.Fatal("no JSON-LD")
		}
		var ld struct {
			Graph []struct {
				Type     string `json:"@type"`
				Citation []struct {
					Type string `json:"@type"`
					Name string `json:"name"`
					URL  string `json:"url"`
				} `json:"citation"`
			} `json:"@graph"`
		}
		if err := json.Unmarshal([]byte(m[1]), &ld); err != nil {
			t.Fatalf("JSON-LD: %v\n%s", err, m[1])
		}
		var names []string
		for _, g := range ld.Graph {
			if g.Type == "BlogPosting" {
				for _, c := range g.Citation {
					names = append(names, c.Name)
					if c.Name == "Decoupled Neural Interfaces using Synthetic Gradients" && !strings.HasSuffix(c.URL, "/papers/decoupled-neural-interfaces/") {
						t.Errorf("the cited paper note's url is %q, not our summary", c.URL)
					}
				}
			}
		}
		if len(names) != 6 || names[0] != "Decoupled Neural Interfaces using Synthetic Gradients" {
			t.Errorf("JSON-LD citations %q", names)
		}
	})

	t.Run("markdown copy", func(t *testing.T) {
		md := site.File(t, "notes/citing/index.md")
		for _, want := range []string{
			"C1: Transformers (Vaswani et al., 2017) and deep nets (LeCun and Bengio, 2015; OpenAI, 2023).",
			"(Jaderberg et al., 2016, pp. 4–7)",
			"\n## References\n\n- Max Jaderberg, ",
			"*Decoupled Neural Interfaces using Synthetic Gradients*. arXiv preprint. arXiv: <https://arxiv.org/abs/1608.05343>. Our summary: <https://",
			"- Ann Smith (2020a). *First Thoughts*.",
			`*Deep learning \<img src=x onerror=alert(1)>\<script>alert(1)\</script>*`,
		} {
			if !strings.Contains(md, want) {
				t.Errorf("the Markdown copy lacks %q:\n%s", want, md)
			}
		}
		if strings.Contains(md, "{{<") || strings.Contains(md, "boda-cite") {
			t.Errorf("the Markdown copy holds a shortcode or HTML:\n%s", md)
		}
	})

	t.Run("feed", func(t *testing.T) {
		feed := site.File(t, "notes/index.xml")
		if !strings.Contains(feed, `id="bib-vaswani2017"`) || !strings.Contains(feed, "References</h2>") {
			t.Errorf("the notes feed lacks the bibliography")
		}
		if strings.Contains(feed, "<script>alert") {
			t.Errorf("the feed holds the CSL title's markup")
		}
	})

	t.Run("gates", func(t *testing.T) {
		// Valid HTML (the DPUB roles included), and no WCAG violation in
		// either colour scheme.
		only := t.TempDir()
		sitetest.WriteFiles(t, only, map[string]string{"citing.html": raw})
		for _, p := range gates.HTML(t, only) {
			t.Error(p)
		}
		problems, _ := gates.Audit(t, site.Public, []string{"/notes/citing/"})
		for _, p := range problems {
			t.Error(p)
		}
	})

	t.Run("a note that cites nothing has no bibliography", func(t *testing.T) {
		page := site.File(t, "papers/decoupled-neural-interfaces/index.html")
		if strings.Contains(page, "boda-bibliography") {
			t.Errorf("a note without citations shows a bibliography")
		}
		if strings.Contains(site.File(t, "papers/decoupled-neural-interfaces/index.md"), "## References") {
			t.Errorf("a note without citations has references in its Markdown copy")
		}
	})
}

// TestCiteBibliographyFolder: several CSL-JSON files in data/bibliography/
// all count; a key defined twice is reported naming both places, and the
// build goes on (without --panicOnWarning) with the paper note's entry.
func TestCiteBibliographyFolder(t *testing.T) {
	files := map[string]string{
		"data/bibliography/":         "folder",
		"data/bibliography/a.json":   `[{"id": "alpha2001", "title": "Alpha", "author": [{"family": "Alpha"}], "issued": {"date-parts": [[2001]]}}]`,
		"data/bibliography/b.json":   `[{"id": "beta2002", "title": "Beta", "author": [{"family": "Beta"}], "issued": {"date-parts": [[2002]]}}, {"id": "jaderberg2016decoupled", "title": "Duplicate", "issued": {"date-parts": [[2016]]}}]`,
		"content/notes/two-files.md": "---\ntitle: Two files\ndescription: d\ndate: 2024-01-01\n---\n\nF1: {{< cite \"alpha2001\" \"beta2002\" \"jaderberg2016decoupled\" >}}\n",
	}
	r, err := citeFixture(t, files)
	want := `cite: the key "jaderberg2016decoupled" is defined twice, by the paper note content/papers/decoupled-neural-interfaces.md and by data/bibliography/b.json, entry 2 ("jaderberg2016decoupled")`
	if err == nil || !strings.Contains(r.Output, want) {
		t.Fatalf("the duplicate key is not reported as %q: %v\n%s", want, err, r.Output)
	}
	r, err = citeFixture(t, files, "--panicOnWarning=false")
	if err != nil {
		t.Fatalf("build: %v\n%s", err, r.Output)
	}
	got := sitetest.Text(paragraph(t, r.Page(t, "/notes/two-files/"), "F1:"))
	if got != "F1: (Alpha, 2001; Beta, 2002; Jaderberg et al., 2016)" {
		t.Errorf("citations from two files and a paper note: %q", got)
	}
}

// TestHostileCite: every mistake in a citation or a bibliography fails the
// build naming the file (and the line, in a note) and what to write.
func TestHostileCite(t *testing.T) {
	note := func(body string) map[string]string {
		return map[string]string{"content/notes/bad.md": "---\ntitle: Bad\ndescription: d\ndate: 2024-01-01\n---\n\n" + body + "\n"}
	}
	csl := func(entry string) map[string]string {
		return mergeFiles(note(`X {{< cite "x" >}}`), map[string]string{"data/bibliography.json": "[" + entry + "]"})
	}
	for _, c := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"unknown key", note(`X {{< cite "vaswani2071" >}}`), `bad.md:7:3": cite: no work has the key "vaswani2071"; did you mean "vaswani2017"?`},
		{"unknown key, other case", note(`X {{< cite "LeCun2015" >}}`), `bad.md:7:3": cite: no work has the key "LeCun2015"; did you mean "lecun2015"`},
		{"empty key", note(`X {{< cite "" >}}`), `bad.md:7:3": cite has an empty key`},
		{"empty in a list", note(`X {{< cite "lecun2015,,vaswani2017" >}}`), `bad.md:7:3": cite has an empty key`},
		{"no key", note(`X {{< cite >}}`), `bad.md:7:3": cite needs the key of a work`},
		{"named, no key", note(`X {{< cite loc="p. 4" >}}`), `bad.md:7:3": cite has an empty key`},
		{"key with a space", note(`X {{< cite "lecun2015 vaswani2017" >}}`), `bad.md:7:3": cite key "lecun2015 vaswani2017" holds a space or a quote`},
		{"unknown option", note(`X {{< cite key="lecun2015" pages="4" >}}`), `bad.md:7:3": cite has no option "pages"; it takes key, loc or page`},
		{"loc and page", note(`X {{< cite key="lecun2015" loc="p. 4" page="4" >}}`), `bad.md:7:3": cite takes loc or page, not both`},
		{"bad page", note(`X {{< cite key="lecun2015" page="4 and 5" >}}`), `bad.md:7:3": cite page="4 and 5" is not a page or a range`},
		{"locator for two", note(`X {{< cite key="lecun2015,vaswani2017" loc="p. 4" >}}`), `bad.md:7:3": cite's locator "p. 4" would belong to 2 works`},
		{"injected key", note(`X {{< cite "<b>x</b>" >}}`), `holds a space or a quote`},
		{"unknown key, nothing close", note(`X {{< cite "nothing" >}}`), `bad.md:7:3": cite: no work has the key "nothing"; add it to data/bibliography.json`},
		{"CSL not a list", mergeFiles(note(`X {{< cite "x" >}}`), map[string]string{"data/bibliography.json": `{"id": "x"}`}), `data/bibliography.json: a CSL-JSON bibliography is a list of entries`},
		{"CSL entry not an object", csl(`"x"`), `data/bibliography.json, entry 1: "x" is not a CSL-JSON entry`},
		{"CSL no id", csl(`{"title": "T"}`), `data/bibliography.json, entry 1: the entry has no "id"`},
		{"CSL no title", csl(`{"id": "x"}`), `data/bibliography.json, entry 1 ("x"): the entry has no "title"`},
		{"CSL title a list", csl(`{"id": "x", "title": ["T"]}`), `data/bibliography.json, entry 1: "title" is [T]; write it as text`},
		{"CSL javascript URL", csl(`{"id": "x", "title": "T", "URL": "javascript:alert(1)"}`), `data/bibliography.json, entry 1 ("x"): "URL" "javascript:alert(1)" is not an http(s) address`},
		{"CSL bad DOI", csl(`{"id": "x", "title": "T", "DOI": "nature14539"}`), `data/bibliography.json, entry 1 ("x"): "DOI": DOI "nature14539" is not a DOI`},
		{"CSL author not a list", csl(`{"id": "x", "title": "T", "author": "Ann Smith"}`), `data/bibliography.json, entry 1 ("x"): "author" must be a list of names`},
		{"CSL author without a name", csl(`{"id": "x", "title": "T", "author": [{"given": "Ann"}]}`), `data/bibliography.json, entry 1 ("x"): "author" holds map[given:Ann], which is not a name`},
		{"CSL date without a year", csl(`{"id": "x", "title": "T", "issued": {"raw": "spring"}}`), `data/bibliography.json, entry 1 ("x"): "issued" map[raw:spring] holds no year`},
		{"percent notation", note(`X {{< cite "vaswani2017" >}} and {{% cite "lecun2015" %}}`), `bad.md:7:34": this note writes a cite as {{% cite … %}}, which sends the citation through Markdown and drops its link`},
		{"heading takes a bibliography id", note("## Notes {#bib-lecun2015}\n\nX {{< cite \"lecun2015\" >}}"), `bad.md:7:1": the heading id "bib-lecun2015" is used by the theme (bibliography entries`},
		{"paper key with a space", map[string]string{
			"content/papers/keyed.md": "---\ntitle: Keyed\ndescription: d\ndate: 2024-01-01\npaper:\n  title: Keyed\n  authors: [Ann Smith]\n  year: 2020\n  key: smith 2020\n---\n\nText.\n",
			"content/notes/bad.md":    "---\ntitle: Bad\ndescription: d\ndate: 2024-01-01\n---\n\nX {{< cite \"lecun2015\" >}}\n",
		}, `content/papers/keyed.md: paper.key "smith 2020" is not a citation key`},
		{"paper DOI", map[string]string{
			"content/papers/keyed.md": "---\ntitle: Keyed\ndescription: d\ndate: 2024-01-01\npaper:\n  title: Keyed\n  authors: [Ann Smith]\n  year: 2020\n  doi: \"javascript:alert(1)\"\n---\n\nText.\n",
			"content/notes/bad.md":    "---\ntitle: Bad\ndescription: d\ndate: 2024-01-01\n---\n\nX {{< cite \"lecun2015\" >}}\n",
		}, `content/papers/keyed.md: paper.doi: DOI "javascript:alert(1)" is not a DOI`},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := citeFixture(t, c.files)
			if err == nil {
				t.Fatalf("the build passed")
			}
			if !strings.Contains(r.Output, c.want) {
				t.Errorf("no error %q:\n%s", c.want, r.Output)
			}
		})
	}
}

// TestCitePaperKey: a paper note's paper.key is the key it is cited by; a
// list page's text cites as a note does.
func TestCitePaperKey(t *testing.T) {
	r, err := citeFixture(t, map[string]string{
		"content/papers/keyed.md":   "---\ntitle: Keyed\ndescription: d\ndate: 2024-01-01\npaper:\n  title: Keyed Paper\n  authors: [Ann Smith, Bo Li]\n  year: 2020\n  key: smith2020keyed\n  doi: \"10.1000/xyz\"\n---\n\nText.\n",
		"content/notes/uses.md":     "---\ntitle: Uses\ndescription: d\ndate: 2024-01-01\n---\n\nK1: {{< cite \"smith2020keyed\" >}}\n",
		"content/reading/_index.md": "---\ntitle: Reading\ndescription: d\n---\n\nL1: {{< cite \"lecun2015\" >}}\n",
		"content/reading/one.md":    "---\ntitle: One\ndescription: d\ndate: 2024-01-01\n---\n\nText.\n",
	})
	if err != nil {
		t.Fatalf("build: %v\n%s", err, r.Output)
	}
	doc := r.Page(t, "/notes/uses/")
	if got := sitetest.Text(paragraph(t, doc, "K1:")); got != "K1: (Smith and Li, 2020)" {
		t.Errorf("citation %q", got)
	}
	if !doc.HasLink("/papers/keyed/") || !doc.HasLink("https://doi.org/10.1000/xyz") {
		t.Errorf("the entry does not link to the summary and the DOI: %q", doc.Links())
	}
	// A list page's own text may cite too; its bibliography follows the text.
	list := r.Page(t, "/reading/")
	if got := sitetest.Text(paragraph(t, list, "L1:")); got != "L1: (LeCun and Bengio, 2015)" {
		t.Errorf("citation on a list page %q", got)
	}
	if len(list.All(func(n *html.Node) bool { id, _ := sitetest.Attr(n, "id"); return id == "bib-lecun2015" })) != 1 {
		t.Errorf("the list page has no bibliography entry for its citation")
	}
}
