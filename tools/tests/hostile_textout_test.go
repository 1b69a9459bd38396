package tests

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/gates"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// Hostile and careless input to the text outputs (a note's Markdown copy,
// llms.txt) and to links between notes.

// hostileTitle would, pasted as it is, end the llms.txt entry's link text
// and point the entry at another site; at the end of a heading, its " #"
// would be taken off as a closing sequence.
const hostileTitle = "Innocent](https://evil.example/phish) [Real *one* #"

var hostileTextFiles = map[string]string{
	"content/_index.md":       "---\ntitle: Fixture notebook\ndescription: A notebook.\n---\n",
	"content/notes/_index.md": "---\ntitle: Notes\ndescription: Loose notes.\n---\n",
	"content/notes/evil.md": "---\n" +
		"title: \"Innocent](https://evil.example/phish) [Real *one* #\"\n" +
		"description: \"## not a heading, * and *emphasis* & <b>tag</b>\"\n" +
		"date: 2024-01-01\n---\n\n" +
		"## A part\n\n" +
		"{{< cmd desc=\"say \\\"hi\\\" now\" warn=\"true\" title=\"Wipe it\" >}}\n" +
		"echo one\n" +
		"```\n" +
		"rm -rf build\n" +
		"---\n" +
		"out ```` four\n" +
		"{{< /cmd >}}\n\n" +
		"{{< cmd warn=\"deletes every untracked file\" >}}git clean -fd{{< /cmd >}}\n\n" +
		"{{< math label=\"loss\" >}}L(\\theta) = 1{{< /math >}}\n\n" +
		"As {{< eqref loss >}} shows.\n",
	// Every way of linking a note that must resolve, none reported.
	"content/notes/fine.md": "---\ntitle: Fine\ndescription: Links that work.\ndate: 2024-01-02\n---\n\n" +
		"## A heading\n\n#### Deep one\n\n" +
		"[evil](evil.md), [by URL](../evil/), [from the root](/notes/evil/), [its part](evil.md#a-part),\n" +
		"[its equation](../evil/#eq-loss), [this heading](#a-heading), [deep](#deep-one), [the note](#top),\n" +
		"[a footnote](#fn:1)[^1], [print](/courses/c/print/), [tags](/tags/), [home](/), [a section](../),\n" +
		"[a lecture's part](../courses/c/lecture-1.md#part-one), which links back here.\n\n" +
		"[^1]: The footnote.\n",
	"content/courses/_index.md":   "---\ntitle: Courses\ndescription: Courses.\nlayout: catalogue\n---\n",
	"content/courses/c/_index.md": "---\ntitle: A course\ndescription: A course.\nunit: Lecture\n---\n",
	"content/courses/c/lecture-1.md": "---\ntitle: \"Lecture 1: One\"\ndescription: The first.\ndate: 2024-02-01\nnumber: 1\n---\n\n" +
		"## Part one\n\nBack to [the fine note](../../notes/fine.md#a-heading).\n",
}

// markdownDoc parses a Markdown output the way a CommonMark reader does.
func markdownDoc(src string) ast.Node {
	return goldmark.New().Parser().Parse(text.NewReader([]byte(src)))
}

// TestHostileTitlesStayTextInMarkdownOutputs builds a note whose title and
// description hold link syntax and newlines, and a cmd whose body holds a
// code fence and whose desc holds escaped quotes, then reads llms.txt and
// the note's Markdown copy with a CommonMark parser: every link stays on the
// site, no heading or list item is injected, the fences hold the whole
// snippet, and the texts read as written.
func TestHostileTitlesStayTextInMarkdownOutputs(t *testing.T) {
	site := sitetest.Build(t, sitetest.Options{Source: sitetest.Fixture(t, hostileTextFiles), Args: []string{"--environment", "production"}})
	base := "https://boda-blog.netlify.app/"

	// llms.txt: one link per note, each to the note's Markdown copy.
	llms := site.File(t, "llms.txt")
	var entries, headings []string
	ast.Walk(markdownDoc(llms), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*ast.Link); ok && entering {
			dest := string(l.Destination)
			if !strings.HasPrefix(dest, base) || !strings.HasSuffix(dest, "/index.md") {
				t.Errorf("llms.txt links to %s", dest)
			}
			entries = append(entries, dest)
		}
		if h, ok := n.(*ast.Heading); ok && entering {
			headings = append(headings, plainText(h, []byte(llms)))
		}
		return ast.WalkContinue, nil
	})
	if strings.Join(headings, "|") != "Boda Blog|Courses|Notes" {
		t.Errorf("llms.txt has the headings %q, want the site's and its sections'", headings)
	}
	if len(entries) != 3 {
		t.Errorf("llms.txt has %d links, want one per note (3):\n%s", len(entries), llms)
	}
	wantTitle := hostileTitle
	if got := linkText(t, llms, base+"notes/evil/index.md"); got != wantTitle {
		t.Errorf("llms.txt shows the note as %q, want %q", got, wantTitle)
	}

	// The Markdown copy.
	md := site.File(t, "notes/evil/index.md")
	doc := markdownDoc(md)
	src := []byte(md)
	var codes, quotes []string
	headings = nil
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			headings = append(headings, plainText(n, src))
		case *ast.Blockquote:
			quotes = append(quotes, plainText(n, src))
		case *ast.FencedCodeBlock:
			codes = append(codes, string(n.Language(src))+"|"+string(n.Lines().Value(src)))
		case *ast.Link:
			t.Errorf("the Markdown copy has a link to %s", n.Destination)
		}
		return ast.WalkContinue, nil
	})
	if len(headings) != 2 || headings[0] != wantTitle || headings[1] != "A part" {
		t.Errorf("the Markdown copy's headings are %q, want the title and \"A part\"", headings)
	}
	if len(quotes) == 0 || quotes[0] != "## not a heading, * and *emphasis* & <b>tag</b>" {
		t.Errorf("the Markdown copy's description reads %q", quotes)
	}
	wantCodes := []string{"sh|echo one\n```\nrm -rf build\n", "text|out ```` four\n", "sh|git clean -fd\n"}
	if strings.Join(codes, "¶") != strings.Join(wantCodes, "¶") {
		t.Errorf("the Markdown copy's code blocks are\n%q\nwant\n%q\n%s", codes, wantCodes, md)
	}
	for _, want := range []string{
		"> \\#\\# not a heading, \\* and \\*emphasis\\* \\& \\<b>tag\\</b>\n",
		"**Wipe it**\n\n> **Destructive:** this command discards work that cannot be recovered.\n\nsay \"hi\" now:\n\n````sh\n",
		"> **Destructive:** deletes every untracked file\n\n```sh\ngit clean -fd\n```",
		"$$\nL(\\theta) = 1 \\tag{1}\n$$\n\nAs (1) shows.",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown copy has no\n%s\nin\n%s", want, md)
		}
	}

	// Every link in every output resolves: none of the links of fine.md
	// is a false alarm, and the gate reads escaped text as text.
	for _, p := range gates.Links(t, site.Public, "") {
		t.Error(p)
	}
}

// TestHostileNewlinesStayOnOneLine builds a note whose title and
// description hold newlines that, pasted as they are, would start headings
// and list items in llms.txt and in the note's Markdown copy. Either the
// build refuses the note, naming its file, or each field stays on its line.
func TestHostileNewlinesStayOnOneLine(t *testing.T) {
	files := map[string]string{
		"content/notes/newline.md": "---\n" +
			"title: \"First line\\n# Injected heading\\n- injected item\"\n" +
			"description: \"line one\\n## injected description heading\\n* injected star\"\n" +
			"date: 2024-01-01\n---\n\nText.\n",
	}
	for k, v := range hostileTextFiles {
		files[k] = v
	}
	r, err := sitetest.TryBuild(t, sitetest.Options{Source: sitetest.Fixture(t, files), Args: []string{"--environment", "production"}})
	if err != nil {
		if !strings.Contains(r.Output, "content/notes/newline.md") {
			t.Fatalf("the build failed without naming the note:\n%s", r.Output)
		}
		return
	}
	for _, file := range []string{"llms.txt", "notes/newline/index.md"} {
		out := r.File(t, file)
		for _, line := range strings.Split(out, "\n") {
			if strings.Contains(line, "injected") && !strings.Contains(line, "First line") && !strings.Contains(line, "line one") {
				t.Errorf("%s has a line of its own from a title or description: %q\n%s", file, line, out)
			}
		}
		var headings []string
		src := []byte(out)
		ast.Walk(markdownDoc(out), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if h, ok := n.(*ast.Heading); ok && entering {
				headings = append(headings, plainText(h, src))
			}
			return ast.WalkContinue, nil
		})
		for _, h := range headings {
			if strings.Contains(h, "injected") && !strings.HasPrefix(h, "First line") {
				t.Errorf("%s has an injected heading %q", file, h)
			}
		}
	}
	if md := r.File(t, "notes/newline/index.md"); !strings.HasPrefix(md, "# First line \\# Injected heading - injected item\n\n> line one \\#\\# injected description heading \\* injected star\n") {
		t.Errorf("the Markdown copy does not keep the title and description on one line each:\n%s", md)
	}
}

// linkText returns the plain text of the link to dest in a Markdown text.
func linkText(t *testing.T, md, dest string) string {
	t.Helper()
	var got string
	src := []byte(md)
	ast.Walk(markdownDoc(md), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*ast.Link); ok && entering && string(l.Destination) == dest {
			got = plainText(l, src)
		}
		return ast.WalkContinue, nil
	})
	return got
}

// plainText is the text a reader sees in a node: its text segments, with
// backslash escapes resolved.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			if tx, ok := c.(*ast.Text); ok {
				b.Write(tx.Value(src))
				if tx.SoftLineBreak() {
					b.WriteString(" ")
				}
			}
		}
		return ast.WalkContinue, nil
	})
	return mdEscape.ReplaceAllString(b.String(), "$1")
}

// mdEscape is a backslash escape, which CommonMark reads as the character.
var mdEscape = regexp.MustCompile("\\\\([!-/:-@\\[-`{-~])")

// brokenLinks are careless links, each on its own line of
// content/notes/links.md (line 7 onwards), with what the message must say.
var brokenLinks = []struct{ link, want string }{
	{"[a missing note](../no-such-note/)", `"../no-such-note/" points to no note`},
	{"[a missing course](/courses/nope/)", `"/courses/nope/" points to no note`},
	{"[a missing file](no-such-note.md)", `"no-such-note.md" points to no note`},
	{"[a missing heading](#nope)", `"#nope" points to #nope, which this note has no heading`},
	{"[another note's heading](../fine/#nope)", `"../fine/#nope" points to #nope, which /notes/fine/ has no heading`},
	{"[a missing equation](evil.md#eq-nope)", `"evil.md#eq-nope" points to #eq-nope, which /notes/evil/ has no heading or equation`},
	{"[this note's missing equation](#eq-nope)", `"#eq-nope" points to #eq-nope, which this note has no heading or equation`},
	{"[c](%zz.md)", `"%zz.md" is not a valid URL (invalid URL escape "%zz"). Write %25 for a literal %`},
}

func brokenLinksSite(t *testing.T) string {
	t.Helper()
	note := "---\ntitle: Links\ndescription: Careless links.\ndate: 2024-01-03\n---\n\n"
	for _, b := range brokenLinks {
		note += b.link + "\n\n"
	}
	files := map[string]string{"content/notes/links.md": note}
	for k, v := range hostileTextFiles {
		files[k] = v
	}
	return sitetest.Fixture(t, files)
}

// TestHostileBrokenLinksAreNamedAtTheirLine builds a note with a link to a
// missing note (as a URL, from the root, as a .md file), to a missing
// heading of the same and of another note, to a missing equation, and a
// destination that is not a URL: a production build fails and names each
// at content/notes/links.md:line:column.
func TestHostileBrokenLinksAreNamedAtTheirLine(t *testing.T) {
	r, err := sitetest.TryBuild(t, sitetest.Options{Source: brokenLinksSite(t), Args: []string{"--environment", "production"}})
	if err == nil {
		t.Fatalf("the production build published broken links:\n%s", r.Output)
	}
	checkBrokenLinkMessages(t, r.Output, "ERROR")
}

// TestHostileBrokenLinksWarnInDevelopment: while writing (hugo server, the
// development environment) the same links are warnings, named the same
// way, and the build goes on.
func TestHostileBrokenLinksWarnInDevelopment(t *testing.T) {
	dir := brokenLinksSite(t)
	out, err := sitetest.Run(t, dir, nil, "--source", dir, "--destination", t.TempDir(), "--logLevel", "warn", "--noBuildLock", "--environment", "development")
	if err != nil {
		t.Fatalf("the development build failed on broken links: %v\n%s", err, out)
	}
	checkBrokenLinkMessages(t, out, "WARN")
}

func checkBrokenLinkMessages(t *testing.T, out, level string) {
	t.Helper()
	for i, b := range brokenLinks {
		line := 7 + 2*i
		re := regexp.MustCompile(level + `\s+"?[^"\n]*content/notes/links\.md:` + strconv.Itoa(line) + `:\d+"?: link ` + regexp.QuoteMeta(b.want))
		if !re.MatchString(out) {
			t.Errorf("no %s for %s at content/notes/links.md:%d saying %s; the build said:\n%s", level, b.link, line, b.want, out)
		}
	}
	if strings.Contains(out, "execute of template") {
		t.Errorf("a message names a template instead of the note:\n%s", out)
	}
}

// TestHostileLinkGateReadsMarkdownAsText shows the link gate reading a
// Markdown copy and llms.txt as a CommonMark reader does: a link written in
// a code block or a code span, or with escaped brackets, is text, and only
// the real links are followed.
func TestHostileLinkGateReadsMarkdownAsText(t *testing.T) {
	public := t.TempDir()
	sitetest.WriteFiles(t, public, map[string]string{
		"index.html":         `<!DOCTYPE html><html lang="en"><head><title>Home</title></head><body><p>Home</p></body></html>`,
		"notes/a/index.html": `<!DOCTYPE html><html lang="en"><head><title>A</title></head><body><h2 id="part">Part</h2></body></html>`,
		"notes/a/index.md": "# A \\](../escaped/) \\[x\\](../escaped-too/)\n\n" +
			"````sh\n```\n[in code](../in-code/)\n```\n````\n\n" +
			"A `[span](../in-span/)` and a real [dead one](../missing/) and [a part](../a/#part).\n",
		"llms.txt": "# Site\n\n- [Innocent\\](https://evil.example/phish) \\[Real](http://example.org/notes/a/index.md): fine\n",
	})
	problems := gates.Links(t, public, "http://example.org/")
	if len(problems) != 1 || problems[0].Page != "notes/a/index.md" || !strings.HasPrefix(problems[0].Detail, `"../missing/"`) {
		t.Errorf("the link gate reported %v, want only ../missing/ in notes/a/index.md", problems)
	}
}
