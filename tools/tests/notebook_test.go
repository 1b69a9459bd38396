package tests

import (
	"bytes"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/gates"
	"github.com/bodasadallah/boda-blog/tools/internal/pagefind"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
	"golang.org/x/net/html"
)

// The fixture notebook (tools/testdata/notebook/training.ipynb) holds every
// output kind the site handles; each cell's text carries a marker
// (STREAM_OUT, PLAIN_RESULT, …) that a test can look for.

// notebookLecture is the fixture lecture's URL in notebookSite.
const notebookLecture = "/courses/dl/lecture-2/"

// notebookFiles is a small course whose second lecture is the fixture
// notebook bundle, plus extra files.
func notebookFiles(t *testing.T, extra map[string]string) map[string]string {
	t.Helper()
	files := map[string]string{
		"content/_index.md":               "---\ntitle: Notebook fixture\ndescription: A site with a notebook lecture.\n---\n\nHome.\n",
		"content/courses/_index.md":       "---\ntitle: Courses\ndescription: The courses.\n---\n",
		"content/courses/dl/_index.md":    "---\ntitle: Deep learning\ndescription: A course with a notebook lecture.\nunit: Lecture\n---\n\nThe course.\n",
		"content/courses/dl/lecture-1.md": "---\ntitle: \"Lecture 1: Basics\"\ndescription: The first lecture.\ndate: 2021-06-01\nnumber: 1\ntags: [training]\n---\n\nBasics.\n",
	}
	for _, name := range []string{"index.md", "training.ipynb"} {
		b, err := os.ReadFile(filepath.Join(sitetest.ToolsDir(), "testdata", "notebook", name))
		if err != nil {
			t.Fatal(err)
		}
		files["content/courses/dl/lecture-2/"+name] = string(b)
	}
	for k, v := range extra {
		files[k] = v
	}
	return files
}

// notebookSite builds the notebook fixture site.
func notebookSite(t *testing.T, args ...string) *sitetest.Result {
	t.Helper()
	return sitetest.Build(t, sitetest.Options{Source: sitetest.Fixture(t, notebookFiles(t, nil)), Args: args})
}

// readmeNotebookExample is the Markdown example of README's "Jupyter
// notebooks" section.
func readmeNotebookExample(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sitetest.Root(), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, "### Jupyter notebooks")
	if i < 0 {
		t.Fatal(`README.md has no "### Jupyter notebooks" section`)
	}
	m := regexp.MustCompile("(?s)```markdown\n(.*?)```").FindStringSubmatch(s[i:])
	if m == nil {
		t.Fatal(`README's "Jupyter notebooks" section has no markdown example`)
	}
	return m[1]
}

// order fails the test unless the markers appear in s in the given order.
func order(t *testing.T, what, s string, markers ...string) {
	t.Helper()
	at := -1
	for _, m := range markers {
		i := strings.Index(s, m)
		if i < 0 {
			t.Errorf("%s: %q is missing", what, m)
			continue
		}
		if i < at {
			t.Errorf("%s: %q comes before the marker it should follow", what, m)
		}
		at = i
	}
}

func absent(t *testing.T, what, s string, markers ...string) {
	t.Helper()
	for _, m := range markers {
		if strings.Contains(s, m) {
			t.Errorf("%s: %q is shown, but must not be", what, m)
		}
	}
}

// TestNotebookLecture builds a notebook bundle as a lecture of a course and
// checks the page: the Markdown cells through the site's Markdown (math, the
// dollar rule, callouts, links), code cells highlighted under "In [n]:",
// every output kind, the tags that remove cells, inputs and outputs, the
// images published and processed, and the download link.
func TestNotebookLecture(t *testing.T) {
	site := notebookSite(t)
	doc := site.Page(t, notebookLecture)
	raw := doc.Raw

	// The Markdown body of index.md comes first, then the cells in order.
	order(t, "page", raw, "INTRO_BEFORE", "MD_CELL_ONE", "STREAM_OUT", "STREAM_ERR", "PLAIN_RESULT", "TRACEBACK_END", "TABLE_PLAIN", "VISIBLE_OUTPUT", "SHOWN_SOURCE", "NOT_RUN", "MD_CELL_LAST")
	absent(t, "page", raw, "SECRET_INPUT", "HIDDEN_OUTPUT", "REMOVED_CELL", "REMOVED_OUTPUT", "RAW_CELL", "HTML_ONLY", "alert(1)", "\x1b", "[0;31m", "BODANOTEBOOKCELLBREAK")

	// The notebook is inside the searchable prose, so .Content, the feeds
	// and Pagefind have it.
	prose := doc.All(func(n *html.Node) bool { _, ok := sitetest.Attr(n, "data-pagefind-body"); return ok })
	if len(prose) != 1 || !strings.Contains(sitetest.Text(prose[0]), "STREAM_OUT") {
		t.Errorf("the notebook is not inside the page's data-pagefind-body")
	}

	// Markdown cells: math, the dollar rule, a callout, a link, a heading.
	md := sitetest.Text(doc.All(sitetest.Class("boda-nb"))[0])
	if !strings.Contains(md, "it costs $5, or $10 to run") {
		t.Errorf("the dollar rule does not apply in Markdown cells: %q", md)
	}
	if n := len(doc.All(sitetest.Tag("math"))); n < 2 {
		t.Errorf("math in Markdown cells: %d <math> elements, want 2 or more", n)
	}
	if len(doc.All(sitetest.Class("boda-callout--note"))) != 1 {
		t.Errorf("the callout of a Markdown cell is not rendered as one")
	}
	if !doc.HasLink("/courses/dl/") {
		t.Errorf("the link of a Markdown cell is missing")
	}
	if !strings.Contains(raw, `id="training-a-small-network"`) {
		t.Errorf("the heading of a Markdown cell has no id")
	}

	// Code cells: highlighted in the kernel's language, under In [n]:.
	if n := strings.Count(raw, `class="language-python"`); n != 9 {
		t.Errorf("%d Python code blocks, want 9 (one per shown input)", n)
	}
	var prompts []string
	for _, p := range doc.All(sitetest.Class("boda-nb__prompt")) {
		prompts = append(prompts, sitetest.Text(p))
	}
	want := "In [1]: In [2]: Out [2]: In [3]: In [4]: In [5]: In [6]: Out [6]: In [8]: In [10]: In [ ]:"
	if got := strings.Join(prompts, " "); got != want {
		t.Errorf("prompts:\n got %s\nwant %s", got, want)
	}

	// Outputs: streams, results, the traceback without its colour codes,
	// and the HTML table as its text with a note.
	outputs := map[string]string{}
	for _, p := range doc.All(sitetest.Class("boda-nb__output")) {
		class, _ := sitetest.Attr(p, "class")
		outputs[sitetest.RawText(p)] = class
	}
	for text, class := range map[string]string{
		"STREAM_OUT epoch 0\nepoch 1": "boda-nb__output",
		"STREAM_ERR slow":             "boda-nb__output boda-nb__output--stderr",
		"PLAIN_RESULT 0.125":          "boda-nb__output",
		"   epoch  TABLE_PLAIN\n0      0   0.50\n1      1   0.25": "boda-nb__output",
		"---------------------------------------------------------------------------\nZeroDivisionError                         Traceback (most recent call last)\nCell In[5], line 1\n----> 1 1 / 0\nZeroDivisionError: TRACEBACK_END division by zero": "boda-nb__output boda-nb__output--error",
	} {
		if got, ok := outputs[text]; !ok || got != class {
			t.Errorf("output %q: class %q (found: %v), want %q", text, got, ok, class)
		}
	}
	if !strings.Contains(raw, "shown here as text") {
		t.Errorf("the HTML output has no note saying it is shown as text")
	}

	// Images: PNG and JPEG through the image pipeline (WebP in srcset, a
	// link to the original), SVG published as a file, never inlined.
	figures := doc.All(sitetest.Class("boda-nb__figure"))
	if len(figures) != 3 {
		t.Fatalf("%d output figures, want 3 (PNG, SVG, JPEG)", len(figures))
	}
	for i, ext := range []string{".png", ".svg", ".jpg"} {
		a := sitetest.Find(figures[i], sitetest.Tag("a"))[0]
		img := sitetest.Find(figures[i], sitetest.Tag("img"))[0]
		href, _ := sitetest.Attr(a, "href")
		src, _ := sitetest.Attr(img, "src")
		alt, _ := sitetest.Attr(img, "alt")
		if !regexp.MustCompile(`^/notebook-outputs/[0-9a-f]{20}\` + ext + `$`).MatchString(href) {
			t.Errorf("figure %d links to %q, want the published %s", i, href, ext)
			continue
		}
		b, err := os.ReadFile(filepath.Join(site.Public, filepath.FromSlash(href)))
		if err != nil {
			t.Errorf("figure %d: %v", i, err)
			continue
		}
		if alt == "" {
			t.Errorf("figure %d has no alt text", i)
		}
		if ext == ".svg" {
			if src != href || !bytes.Contains(b, []byte("SVG_OUTPUT")) {
				t.Errorf("the SVG output: src %q, file holds SVG_OUTPUT: %v", src, bytes.Contains(b, []byte("SVG_OUTPUT")))
			}
			continue
		}
		if _, _, err := image.DecodeConfig(bytes.NewReader(b)); err != nil {
			t.Errorf("figure %d: %s does not decode: %v", i, href, err)
		}
		srcset, _ := sitetest.Attr(img, "srcset")
		if !strings.HasSuffix(src, ".webp") || !strings.Contains(srcset, ".webp ") || !site.Exists(strings.TrimPrefix(src, "/")) {
			t.Errorf("figure %d is not processed like a figure: src %q srcset %q", i, src, srcset)
		}
	}
	if strings.Contains(raw, "<svg") && strings.Contains(raw, "SVG_OUTPUT") {
		t.Errorf("the SVG output is inlined in the page")
	}
	if alt := regexp.MustCompile(`alt="([^"]*)"`).FindAllStringSubmatch(raw, -1); !strings.Contains(raw, `alt="A photo of the loss surface"`) {
		t.Errorf("the JPEG's text/plain is not its alt text: %v", alt)
	}

	// The download link, and the file it points at.
	var download string
	for _, a := range doc.All(sitetest.Tag("a")) {
		if name, ok := sitetest.Attr(a, "download"); ok && name == "training.ipynb" {
			download, _ = sitetest.Attr(a, "href")
		}
	}
	if download != notebookLecture+"training.ipynb" || !site.Exists(strings.TrimPrefix(download, "/")) {
		t.Errorf("download link %q: want %straining.ipynb, published", download, notebookLecture)
	}

	// No inline style or script (the CSP), whatever the notebook held.
	if strings.Contains(raw, ` style="`) {
		t.Errorf("the page holds an inline style")
	}
	for _, tag := range regexp.MustCompile(`<script\b[^>]*>`).FindAllString(raw, -1) {
		if !strings.Contains(tag, " src=") && !strings.Contains(tag, `type="application/ld+json"`) {
			t.Errorf("the page holds an inline script: %s", tag)
		}
	}

	// A lecture of its course: in the syllabus, with the course's pager.
	course := site.Page(t, "/courses/dl/")
	if !course.HasLink(notebookLecture) {
		t.Errorf("the course page does not list the notebook lecture")
	}
	if !doc.HasLink("/courses/dl/lecture-1/") {
		t.Errorf("the notebook lecture has no pager to the lecture before it")
	}
}

// TestNotebookTextOutputs checks the notebook in the outputs that carry the
// note's text: the Markdown copy (index.md), the feeds and llms.txt.
func TestNotebookTextOutputs(t *testing.T) {
	// README's example, with the fixture notebook, is a lecture too.
	extra := map[string]string{"content/courses/dl/lecture-23/index.md": readmeNotebookExample(t)}
	files := notebookFiles(t, extra)
	files["content/courses/dl/lecture-23/training.ipynb"] = files["content/courses/dl/lecture-2/training.ipynb"]
	site := sitetest.Build(t, sitetest.Options{Source: sitetest.Fixture(t, files)})
	if readme := site.Page(t, "/courses/dl/lecture-23/"); !strings.Contains(readme.Raw, "STREAM_OUT") || !strings.Contains(readme.Raw, "Lecture 23") {
		t.Errorf("README's example does not render its notebook as lecture 23")
	}
	print := site.File(t, "courses/dl/print/index.html")
	order(t, "the course's print page", print, "INTRO_BEFORE", "MD_CELL_ONE", "STREAM_OUT", "MD_CELL_LAST")

	md := site.File(t, strings.TrimPrefix(notebookLecture, "/")+"index.md")
	order(t, "index.md", md,
		"INTRO_BEFORE",
		"[training.ipynb](https://",
		"## Training a small network",
		`MD_CELL_ONE: the loss $L(\theta) = \frac{1}{n}\sum_i \ell_i$ falls; it costs $5, or $10 to run.`,
		"> [!NOTE]",
		"In [1]:\n\n```python\nimport numpy as np\n",
		"```text\nSTREAM_OUT epoch 0\nepoch 1\n```",
		"```text\nPLAIN_RESULT 0.125\n```",
		"/notebook-outputs/",
		"TRACEBACK_END",
		"TABLE_PLAIN",
		"_This output is HTML",
		"VISIBLE_OUTPUT",
		"SHOWN_SOURCE",
		"MD_CELL_LAST")
	absent(t, "index.md", md, "SECRET_INPUT", "HIDDEN_OUTPUT", "REMOVED_CELL", "RAW_CELL", "HTML_ONLY", "\x1b", "{{<", "<div", "<pre")
	for _, m := range regexp.MustCompile(`!\[[^\]]*\]\(https://[^/]+(/notebook-outputs/[^)]+)\)`).FindAllStringSubmatch(md, -1) {
		if !site.Exists(strings.TrimPrefix(m[1], "/")) {
			t.Errorf("index.md shows %s, which is not published", m[1])
		}
	}
	if n := len(regexp.MustCompile(`!\[[^\]]*\]\(https://[^)]+/notebook-outputs/`).FindAllString(md, -1)); n != 3 {
		t.Errorf("index.md shows %d output images, want 3", n)
	}

	for _, feed := range []string{"index.xml", "courses/dl/index.xml", "tags/training/index.xml"} {
		x := site.File(t, feed)
		at := strings.Index(x, "<title>Lecture 21")
		if at < 0 {
			t.Errorf("%s has no item for the notebook lecture", feed)
			continue
		}
		item := x[at:]
		if end := strings.Index(item, "</item>"); end > 0 {
			item = item[:end]
		}
		order(t, feed, item, "INTRO_BEFORE", "MD_CELL_ONE", "STREAM_OUT", "TRACEBACK_END", "TABLE_PLAIN", "MD_CELL_LAST")
		absent(t, feed, item, "HIDDEN_OUTPUT", "REMOVED_CELL", "HTML_ONLY")
	}
	if llms := site.File(t, "llms.txt"); !strings.Contains(llms, "/courses/dl/lecture-2/index.md)") {
		t.Errorf("llms.txt does not link the notebook lecture's Markdown copy:\n%s", llms)
	}
}

// TestNotebookMistakes builds one site holding every kind of broken
// notebook, each in its own bundle, and checks that the build fails naming
// the file (and cell) that holds each mistake.
func TestNotebookMistakes(t *testing.T) {
	good, err := os.ReadFile(filepath.Join(sitetest.ToolsDir(), "testdata", "notebook", "training.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	page := func(fm, body string) string {
		return "---\ntitle: Broken\ndescription: A broken notebook.\ndate: 2024-01-01\n" + fm + "---\n\nText.\n\n" + body
	}
	std := page("notebook: training.ipynb\n", "{{< notebook >}}\n")
	nb := func(cells string) string {
		return `{"nbformat": 4, "nbformat_minor": 5, "metadata": {"language_info": {"name": "python"}}, "cells": [` + cells + `]}`
	}
	code := func(outputs string) string {
		return `{"cell_type": "code", "execution_count": 1, "metadata": {}, "source": "x", "outputs": [` + outputs + `]}`
	}
	files := map[string]string{}
	cases := []struct {
		name  string
		files map[string]string
		want  string // the message, after the named file
		file  string // the file the message names, relative to content/notes/<name>/
	}{
		{"not-a-name", map[string]string{"index.md": page("notebook: 42\n", "{{< notebook >}}\n")}, `notebook 42 is not a notebook file name`, "index.md"},
		{"escapes", map[string]string{"index.md": page("notebook: ../other/training.ipynb\n", "{{< notebook >}}\n")}, `notebook "../other/training.ipynb" is not a notebook file name`, "index.md"},
		{"missing-file", map[string]string{"index.md": page("notebook: train.ipynb\n", "{{< notebook >}}\n"), "training.ipynb": string(good)}, `notebook "train.ipynb": no such file in the note's folder (it holds training.ipynb)`, "index.md"},
		{"bad-json", map[string]string{"index.md": std, "training.ipynb": `{"cells": [`}, `not a Jupyter notebook: its JSON does not parse`, "training.ipynb"},
		{"yaml", map[string]string{"index.md": std, "training.ipynb": "cells: []\n"}, `not a Jupyter notebook: the file is not a JSON object`, "training.ipynb"},
		{"nbformat-3", map[string]string{"index.md": std, "training.ipynb": `{"nbformat": 3, "worksheets": []}`}, `nbformat 3 is not supported`, "training.ipynb"},
		{"no-cells", map[string]string{"index.md": std, "training.ipynb": `{"nbformat": 4, "metadata": {}}`}, `it has no cells list`, "training.ipynb"},
		{"no-source", map[string]string{"index.md": std, "training.ipynb": nb(`{"cell_type": "markdown", "source": "ok"}, {"cell_type": "markdown", "id": "x1", "metadata": {}}`)}, `cell 2 (id x1) has no source`, "training.ipynb"},
		{"cell-type", map[string]string{"index.md": std, "training.ipynb": nb(`{"cell_type": "heading", "source": "x"}`)}, `cell 1 has cell_type "heading"`, "training.ipynb"},
		{"source-type", map[string]string{"index.md": std, "training.ipynb": nb(`{"cell_type": "code", "source": 7, "outputs": []}`)}, `cell 1: its source is 7, not text`, "training.ipynb"},
		{"no-outputs", map[string]string{"index.md": std, "training.ipynb": nb(`{"cell_type": "code", "source": "x"}`)}, `cell 1 is a code cell without an outputs list`, "training.ipynb"},
		{"output-type", map[string]string{"index.md": std, "training.ipynb": nb(code(`{"output_type": "widget"}`))}, `cell 1, output 1 has output_type "widget"`, "training.ipynb"},
		{"bad-base64", map[string]string{"index.md": std, "training.ipynb": nb(code(`{"output_type": "display_data", "metadata": {}, "data": {"image/png": "%%%not base64"}}`))}, `cell 1, output 1: its image/png is not base64`, "training.ipynb"},
		{"not-an-image", map[string]string{"index.md": std, "training.ipynb": nb(code(`{"output_type": "display_data", "metadata": {}, "data": {"image/png": "aGVsbG8gd29ybGQ="}}`))}, `cell 1, output 1: its image/png does not decode as an image`, "training.ipynb"},
		{"svg-script", map[string]string{"index.md": std, "training.ipynb": nb(code(`{"output_type": "display_data", "metadata": {}, "data": {"image/svg+xml": "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"></svg>"}}`))}, `cell 1, output 1: its SVG holds a script or an event handler`, "training.ipynb"},
		{"open-fence", map[string]string{"index.md": std, "training.ipynb": nb(`{"cell_type": "markdown", "source": "fine"}, {"cell_type": "markdown", "id": "f2", "source": "` + "```" + `python\nx = 1"}, {"cell_type": "markdown", "source": "after"}`)}, `cell 2 (id f2): a Markdown cell leaves a block open`, "training.ipynb"},
		{"attachment", map[string]string{"index.md": std, "training.ipynb": nb(`{"cell_type": "markdown", "source": "![x](attachment:a.png)", "attachments": {"a.png": {"image/png": "aGk="}}}`)}, `cell 1 holds an attached image`, "training.ipynb"},
		{"no-shortcode", map[string]string{"index.md": page("notebook: training.ipynb\n", ""), "training.ipynb": string(good)}, `the front matter names the notebook "training.ipynb", but the text never shows it: write {{< notebook >}}`, "index.md"},
		{"no-field", map[string]string{"index.md": page("", "{{< notebook >}}\n")}, `{{< notebook >}} shows the notebook the front matter names, and it names none`, "index.md:9:1"},
		{"arguments", map[string]string{"index.md": page("notebook: training.ipynb\n", `{{< notebook "training.ipynb" >}}`+"\n"), "training.ipynb": nb("")}, `notebook takes no arguments`, "index.md:10:1"},
		{"percent", map[string]string{"index.md": page("notebook: training.ipynb\n", "{{% notebook %}}\n"), "training.ipynb": nb("")}, "write {{< notebook >}}, not {{% notebook %}}", "index.md"},
		{"twice", map[string]string{"index.md": page("notebook: training.ipynb\n", "{{< notebook >}}\n\n{{< notebook >}}\n"), "training.ipynb": nb("")}, `{{< notebook >}} is written twice in this note`, "index.md:12:1"},
	}
	for _, c := range cases {
		for name, body := range c.files {
			files["content/notes/"+c.name+"/"+name] = body
		}
	}
	// A note that is not a bundle cannot hold a notebook.
	files["content/notes/single.md"] = std
	dir := sitetest.Fixture(t, files)
	r, err := sitetest.TryBuild(t, sitetest.Options{Source: dir})
	if err == nil {
		t.Fatalf("the build with broken notebooks succeeded:\n%s", r.Output)
	}
	out := r.Output
	for _, c := range cases {
		// The file as Hugo names it: its full path, or from the site's folder.
		want := filepath.Join("content", "notes", c.name, c.file)
		if !strings.Contains(out, want) || !strings.Contains(out[strings.Index(out, want):], c.want) {
			t.Errorf("%s: no error naming %s with %q", c.name, want, c.want)
		}
	}
	single := filepath.Join(dir, "content", "notes", "single.md") + `: notebook "training.ipynb": a notebook note is a page bundle`
	if !strings.Contains(out, single) {
		t.Errorf("single.md: no error %q", single)
	}
	if t.Failed() {
		t.Logf("build output:\n%s", out)
	}
}

// TestNotebookIsSearchable indexes the fixture site with Pagefind and finds
// the notebook's cells and outputs in the lecture's entry, without what the
// tags remove.
func TestNotebookIsSearchable(t *testing.T) {
	site := notebookSite(t)
	pagefind.Index(t, site.Public)
	var text string
	for url, f := range pagefind.Fragments(t, site.Public) {
		if strings.HasSuffix(url, notebookLecture) {
			text = f.Content
		}
	}
	if text == "" {
		t.Fatalf("the notebook lecture is not in the search index")
	}
	order(t, "search index", text, "INTRO_BEFORE", "MD_CELL_ONE", "STREAM_OUT", "PLAIN_RESULT", "TRACEBACK_END", "TABLE_PLAIN", "MD_CELL_LAST")
	absent(t, "search index", text, "HIDDEN_OUTPUT", "REMOVED_CELL", "SECRET_INPUT", "HTML_ONLY")
}

// TestNotebookRawHTMLWarns: raw HTML in a Markdown cell is dropped, like
// raw HTML in a note, with a warning naming the notebook and the cell.
func TestNotebookRawHTMLWarns(t *testing.T) {
	files := notebookFiles(t, map[string]string{
		"content/notes/html/index.md": "---\ntitle: HTML\ndescription: Raw HTML in a cell.\ndate: 2024-01-01\nnotebook: n.ipynb\n---\n\n{{< notebook >}}\n",
		"content/notes/html/n.ipynb":  `{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "markdown", "source": "fine"}, {"cell_type": "markdown", "id": "h2", "source": "<div onclick=\"x()\">RAW_DIV</div>"}]}`,
	})
	r, err := sitetest.TryBuild(t, sitetest.Options{Source: sitetest.Fixture(t, files)})
	want := filepath.Join("content", "notes", "html", "n.ipynb") + ": cell 2 (id h2): raw HTML in this Markdown cell is dropped"
	if err == nil || !strings.Contains(r.Output, want) {
		t.Errorf("no warning %q (a warning fails this build):\n%s", want, r.Output)
	}
}

// TestNotebookArchetype makes a notebook lecture and a notebook note with
// `hugo new content --kind notebook` and builds them.
func TestNotebookArchetype(t *testing.T) {
	dir := sitetest.Fixture(t, notebookFiles(t, nil))
	for _, p := range []string{"courses/dl/lecture-3", "notes/first-notebook"} {
		if out, err := sitetest.Run(t, dir, nil, "new", "content", "--kind", "notebook", p); err != nil {
			t.Fatalf("hugo new content --kind notebook %s: %v\n%s", p, err, out)
		}
		if _, err := os.Stat(filepath.Join(dir, "content", p, "notebook.ipynb")); err != nil {
			t.Errorf("%s: the archetype wrote no notebook: %v", p, err)
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "content", "courses/dl/lecture-3/index.md"))
	if err != nil {
		t.Fatal(err)
	}
	fm := frontMatter(t, "lecture-3/index.md", string(b))
	if fm["title"] != "Lecture 3" || fm["number"] != 3 || fm["notebook"] != "notebook.ipynb" {
		t.Errorf("the lecture's front matter: %v", fm)
	}
	site := sitetest.Build(t, sitetest.Options{Source: dir, Args: []string{"--buildDrafts"}})
	for _, u := range []string{"/courses/dl/lecture-3/", "/notes/first-notebook/"} {
		doc := site.Page(t, u)
		if len(doc.All(sitetest.Class("boda-nb"))) != 1 || !strings.Contains(doc.Raw, "In [1]:") {
			t.Errorf("%s does not show its notebook", u)
		}
	}
}

// TestNotebookGates holds the fixture site with its notebook lecture to every
// quality gate: valid HTML and XML, links, accessibility in light and dark
// mode, and the lecture's page-weight budget.
func TestNotebookGates(t *testing.T) {
	if testing.Short() {
		t.Skip("the gates run Java and Chromium")
	}
	site := notebookSite(t, "--environment", "production")
	budgets := []gates.Budget{{Kind: "lecture", Critical: 14 << 10, Match: func(p string) bool { return p == notebookLecture }}}
	weights := gates.CheckSite(t, site.Public, gates.Options{Budgets: budgets})
	if len(weights) > 0 {
		t.Logf("page weight, first visit, gzip:\n%s", gates.Summary(weights, budgets))
	}
}

// TestNotebookUnrunImageHasAlt: an image output of a cell whose execution
// count was cleared (Jupyter's "Clear outputs" keeps outputs of pasted
// cells, nbconvert may leave the count out) is described without a dangling
// number, on the page and in the Markdown copy.
func TestNotebookUnrunImageHasAlt(t *testing.T) {
	png := "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGNocFDAihiGlgQA+gM4Acru2/oAAAAASUVORK5CYII="
	nb := `{"nbformat": 4, "nbformat_minor": 5, "metadata": {"language_info": {"name": "python"}}, "cells": [` +
		`{"cell_type": "code", "execution_count": null, "metadata": {}, "source": "plot()", "outputs": [` +
		`{"output_type": "display_data", "metadata": {}, "data": {"image/png": "` + png + `"}}]}]}`
	files := notebookFiles(t, map[string]string{
		"content/notes/unrun/index.md":   "---\ntitle: Unrun\ndescription: A notebook never run here.\ndate: 2024-01-01\nnotebook: plot.ipynb\n---\n\n{{< notebook >}}\n",
		"content/notes/unrun/plot.ipynb": nb,
		"content/notes/_index.md":        "---\ntitle: Notes\ndescription: The notes.\n---\n",
	})
	site := sitetest.Build(t, sitetest.Options{Source: sitetest.Fixture(t, files)})
	html := site.File(t, "notes/unrun/index.html")
	if !strings.Contains(html, `alt="Output of a notebook cell"`) {
		t.Errorf("the image of a cell without an execution count lacks its description:\n%s", html)
	}
	if md := site.File(t, "notes/unrun/index.md"); !strings.Contains(md, "![Output of a notebook cell](") {
		t.Errorf("the Markdown copy does not describe the image:\n%s", md)
	}
}
