package tests

import (
	"encoding/xml"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// Hostile and careless input in code: fence options that reach the
// highlighter, bundle files a browser would run, terminal output pasted
// with its escapes, broken commands and third-party embeds. Each case is a
// note in a small site made of the theme (sitetest.Fixture), built with the
// pinned Hugo.

// hostileFM is the front matter of every note below; the body starts on
// line 7 of the file.
const hostileFM = "---\ntitle: Hostile\ndescription: d\ndate: 2024-01-01\n---\n\n"

// buildNotes builds a fixture site holding the given files under
// content/notes/.
func buildNotes(t *testing.T, files map[string]string) (*sitetest.Result, error) {
	t.Helper()
	in := map[string]string{}
	for name, body := range files {
		in["content/notes/"+name] = body
	}
	return sitetest.TryBuild(t, sitetest.Options{Source: sitetest.Fixture(t, in)})
}

// hostileCase is a note that must fail the build with every want in the
// output and none of the avoid.
type hostileCase struct {
	name  string
	files map[string]string
	want  []string
	avoid []string
}

// internals are what an error must not send the writer to instead of
// their note: a temporary file, a template chain.
var internals = []string{"hugo-transform-error", "execute of template failed", "highlighting 1 command lines"}

func runHostile(t *testing.T, cases []hostileCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := buildNotes(t, c.files)
			if err == nil {
				t.Fatalf("the build succeeded; want an error")
			}
			for _, w := range c.want {
				if !strings.Contains(r.Output, w) {
					t.Errorf("the error does not say %q:\n%s", w, r.Output)
				}
			}
			for _, a := range append(c.avoid, internals...) {
				if strings.Contains(r.Output, a) {
					t.Errorf("the error says %q; it must name the note instead:\n%s", a, r.Output)
				}
			}
		})
	}
}

func note(body string) map[string]string { return map[string]string{"bad.md": hostileFM + body + "\n"} }

// TestHostileFenceOptions: a fence's attributes reach the highlighter only
// when they are known options with values of their form. Chroma writes
// lineAnchors into an id attribute unescaped, so this is script injection.
func TestHostileFenceOptions(t *testing.T) {
	inject := "x\\\"></span><script src=\\\"/notes/pwn/helper.js\\\"></script><span class=\\\""
	refresh := "x\\\"><meta http-equiv=\\\"refresh\\\" content=\\\"0;url=https://evil.example/\\\"><span class=\\\""
	runHostile(t, []hostileCase{
		{"script in lineAnchors", note("```python {lineNos=true anchorLineNos=true lineAnchors=\"" + inject + "\"}\nprint(1)\n```"),
			[]string{"bad.md:7:1", "the python code block option lineAnchors is", `such as lineAnchors="setup"`}, nil},
		{"meta refresh in lineAnchors", note("```go {lineNos=table lineAnchors=\"" + refresh + "\"}\nx\n```"),
			[]string{"bad.md:7:1", "option lineAnchors is"}, nil},
		{"lineAnchors in the highlight shortcode", note("{{< highlight go \"linenos=true,anchorlinenos=true,lineanchors=a\\\"b\" >}}\nx\n{{< /highlight >}}"),
			[]string{"bad.md:7:1", "highlight option lineanchors is"}, nil},
		{"inline styles", note("```go {noClasses=true}\nx\n```"),
			[]string{"bad.md:7:1", `the go code block has no option "noClasses"`, "CSS classes"}, nil},
		{"unknown attribute", note("```go {title=\"main.go\"}\nx\n```"),
			[]string{"bad.md:7:1", `has no option "title"`, "lineNos, lineNoStart"}, nil},
		{"hl_Lines not numbers", note("```go {hl_Lines=\"1 <b>\"}\nx\n```"),
			[]string{"bad.md:7:1", "option hl_Lines is", `hl_Lines="2 4-5"`}, nil},
		{"lineNoStart not a whole number", note("```go {lineNos=true lineNoStart=1.5}\nx\n```"),
			[]string{"bad.md:7:1", "option lineNoStart is \"1.5\"", "whole number"}, nil},
		{"highlight options on a command fence", note("```sh {lineNos=true lineAnchors=\"" + inject + "\"}\nls\n```"),
			[]string{"bad.md:7:1", "the sh code block has no option", "desc, warn, prompt, lang or title"}, nil},
	})
}

// TestHostileFenceOptionsAllowed: the allowed options still work.
func TestHostileFenceOptionsAllowed(t *testing.T) {
	r, err := buildNotes(t, note("```go {lineNos=true lineNoStart=5 anchorLineNos=true lineAnchors=\"setup\" hl_Lines=[2,\"3-4\"] tabWidth=2}\na\nb\nc\nd\n```\n\n"+
		"{{< highlight go \"lineNos=table, hl_Lines=2\" >}}\na\nb\n{{< /highlight >}}"))
	if err != nil {
		t.Fatalf("%v\n%s", err, r.Output)
	}
	page := r.File(t, "notes/bad/index.html")
	for _, id := range []string{`id="setup-5"`, `id="setup-8"`} {
		if !strings.Contains(page, id) {
			t.Errorf("no line anchor %s", id)
		}
	}
	if n := strings.Count(page, `class="line hl"`); n != 4 {
		t.Errorf("%d highlighted lines, want 4 (three in the fence, one in the shortcode)", n)
	}
	if strings.Contains(page, `style="`) {
		t.Error("the page has inline styles")
	}
	doc := sitetest.Parse(t, page, "/notes/bad/")
	if n := len(doc.All(sitetest.Class("boda-code"))); n != 2 {
		t.Errorf("%d code blocks with a copy button, want 2 (the highlight shortcode renders like a fence)", n)
	}
	if md := r.File(t, "notes/bad/index.md"); !strings.Contains(md, "```go\na\nb\n```") || strings.Contains(md, "<div") {
		t.Errorf("the Markdown copy does not hold the highlight shortcode as a fenced block:\n%s", md)
	}
}

// TestHostileBundleFiles: a note's bundle publishes no script, page or
// scripted SVG; a plain SVG is fine.
func TestHostileBundleFiles(t *testing.T) {
	index := hostileFM + "![d](drawing.svg)\n"
	runHostile(t, []hostileCase{
		{"script", map[string]string{"pwn/index.md": index, "pwn/drawing.svg": plainSVG, "pwn/helper.js": "document.title = 'pwned'\n"},
			[]string{"pwn/helper.js", "the note's bundle holds helper.js", "Notes publish no scripts"}, nil},
		{"module", map[string]string{"pwn/index.md": index, "pwn/drawing.svg": plainSVG, "pwn/a.mjs": "export {}\n"},
			[]string{"pwn/a.mjs", "holds a.mjs"}, nil},
		{"scripted SVG", map[string]string{"pwn/index.md": index, "pwn/drawing.svg": `<svg xmlns="http://www.w3.org/2000/svg"><rect onload="alert(1)"/></svg>`},
			[]string{"pwn/drawing.svg", "without scripts or event handlers"}, nil},
		{"HTML page", map[string]string{"pwn/index.md": index, "pwn/drawing.svg": plainSVG, "pwn/page.html": "<p>hi</p>\n"},
			[]string{"pwn/page.html", "not whitelisted"}, nil},
	})
	r, err := buildNotes(t, map[string]string{"pwn/index.md": index, "pwn/drawing.svg": plainSVG})
	if err != nil {
		t.Fatalf("a bundle with a plain SVG: %v\n%s", err, r.Output)
	}
}

const plainSVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2"><rect width="1" height="1"/></svg>`

// controlChars finds what XML 1.0 forbids (and DEL).
var controlChars = regexp.MustCompile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

// ansiNote is terminal output pasted with its colours, and control
// characters in prose and in another code block.
const ansiNote = "---\ntitle: ANSI\ndescription: d\ndate: 2024-01-01\ntags: [hostile]\n---\n\n" +
	"Prose with a bell \x07 and \x1b[1mbold\x1b[0m escapes.\n\n" +
	"```console\n$ \x1b[1mls\x1b[0m --color\n\x1b[01;34mdir\x1b[0m  file\n10%\r50%\r100%\n```\n\n" +
	"{{< cmd >}}\ngit status\n---\n\x1b[32mnothing to commit\x1b[m\n{{< /cmd >}}\n\n" +
	"```python\nprint(\"\x1b[31mred\x1b[0m\x0c\")\n```\n"

// TestHostileFeedsWithTerminalOutput: the site, section and tag feeds of a
// site with such a note are well-formed XML, and no page holds a control
// character; the console output reads as the terminal showed it.
func TestHostileFeedsWithTerminalOutput(t *testing.T) {
	r, err := buildNotes(t, map[string]string{"ansi.md": ansiNote})
	if err != nil {
		t.Fatalf("%v\n%s", err, r.Output)
	}
	for _, feed := range []string{"index.xml", "notes/index.xml", "tags/hostile/index.xml"} {
		body := r.File(t, feed)
		if !strings.Contains(body, "100%") {
			t.Errorf("%s does not carry the note", feed)
		}
		d := xml.NewDecoder(strings.NewReader(body))
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Errorf("%s is not well-formed XML: %v", feed, err)
				break
			}
		}
	}
	for _, f := range append(r.HTMLFiles(t), "notes/ansi/index.md", "llms.txt") {
		if loc := controlChars.FindStringIndex(r.File(t, f)); loc != nil {
			body := r.File(t, f)
			t.Errorf("%s holds the control character %q: %q", f, body[loc[0]:loc[1]], body[max(0, loc[0]-40):min(len(body), loc[1]+40)])
		}
	}
	doc := r.Page(t, "/notes/ansi/")
	s := readSnippets(doc)
	if len(s) != 2 {
		t.Fatalf("%d command snippets, want 2", len(s))
	}
	sameLines(t, "console", s[0].lines, []cmdLine{{"cmd", "$", "ls --color"}, {"out", "", "dir  file"}, {"out", "", "100%"}})
	sameLines(t, "cmd", s[1].lines, []cmdLine{{"cmd", "$", "git status"}, {"out", "", "nothing to commit"}})
	if got := sitetest.Text(doc.All(sitetest.Class("boda-code"))[0]); !strings.Contains(got, `print("red")`) {
		t.Errorf("the python block reads %q; want the escapes taken out", got)
	}

	// The output's colours are classes, whose palette meets WCAG AA on the
	// code background in both schemes.
	for i, want := range []struct{ text, class string }{{"dir", "boda-ansi--c4"}, {"nothing to commit", "boda-ansi--c2"}} {
		spans := sitetest.Find(s[i].node, sitetest.Class("boda-ansi"))
		if len(spans) != 1 || sitetest.Text(spans[0]) != want.text || !sitetest.HasClass(spans[0], want.class) {
			t.Errorf("snippet %d: coloured spans %d, want one %q with %s", i, len(spans), want.text, want.class)
		}
	}
	if spans := sitetest.Find(s[0].node, sitetest.Class("boda-ansi")); len(spans) == 1 && !sitetest.HasClass(spans[0], "boda-ansi--bold") {
		t.Error(`"dir" (01;34) is not bold`)
	}
	var css string
	for _, l := range doc.All(sitetest.Tag("link")) {
		if rel, _ := sitetest.Attr(l, "rel"); rel == "stylesheet" {
			href, _ := sitetest.Attr(l, "href")
			css += r.File(t, strings.TrimPrefix(href, "/"))
		}
	}
	bg := regexp.MustCompile(`--boda-code-bg:\s*light-dark\((#[0-9a-fA-F]{6}),\s*(#[0-9a-fA-F]{6})\)`).FindStringSubmatch(css)
	colours := regexp.MustCompile(`\.boda-ansi--c([0-7])\s*\{\s*color:\s*light-dark\((#[0-9a-fA-F]{6}),\s*(#[0-9a-fA-F]{6})\)`).FindAllStringSubmatch(css, -1)
	if bg == nil || len(colours) != 8 {
		t.Fatalf("the stylesheet has %d terminal colours and code background %q; want 8 and a light-dark() pair", len(colours), bg)
	}
	for _, c := range colours {
		for i, scheme := range []string{"light", "dark"} {
			if r := contrast(c[2+i], bg[1+i]); r < 4.5 {
				t.Errorf("terminal colour %s in %s: %s on %s has contrast %.2f, below 4.5", c[1], scheme, c[2+i], bg[1+i], r)
			}
		}
	}
}

// TestHostileText: what no template can clean later fails the build
// naming the file: control characters in the front matter, text that is
// not UTF-8.
func TestHostileText(t *testing.T) {
	fm := func(title, desc string) string {
		return "---\ntitle: " + title + "\ndescription: " + desc + "\ndate: 2024-01-01\n---\n\n"
	}
	runHostile(t, []hostileCase{
		{"escape in the title", map[string]string{"bad.md": fm(`"Red \e[31malert"`, "d") + "x\n"},
			[]string{"bad.md: the title holds the control character", "Delete it"}, nil},
		{"bell in the description", map[string]string{"bad.md": fm("t", `"ding \a"`) + "x\n"},
			[]string{"bad.md: the description holds the control character"}, nil},
		{"title not UTF-8", map[string]string{"bad.md": fm("caf\xe9", "d") + "x\n"},
			[]string{"bad.md: the title holds U+FFFD", "Save the file as UTF-8"}, nil},
		{"text not UTF-8", map[string]string{"bad.md": fm("t", "d") + "one\n\ncaf\xe9 au lait\n"},
			[]string{"bad.md: the text is not valid UTF-8, in line 4", `caf\xe9`}, nil},
	})
}

// TestHostileCommands: a NUL byte in a command, an unknown language, a
// shortcode inside cmd and {{% cmd %}} each fail at the note's line with
// what to write.
func TestHostileCommands(t *testing.T) {
	runHostile(t, []hostileCase{
		{"NUL in cmd", note("{{< cmd >}}\nls\nls \x00 -l\n{{< /cmd >}}"),
			[]string{"bad.md:9: cmd: this line holds the control character \"\\x00\"", "Delete it"}, nil},
		{"NUL in a fence", note("```sh\nls \x00 -l\n```"),
			[]string{"bad.md:8: the sh code block: this line holds the control character"}, nil},
		{"unknown language", note(`{{< cmd lang="none" >}}ls{{< /cmd >}}`),
			[]string{"bad.md:7:1", `cmd lang "none" is not a language the highlighter knows`, `"text" (no highlighting)`}, nil},
		{"unknown language on a fence", note("```console {lang=\"nope\"}\n$ ls\n```"),
			[]string{"bad.md:7:1", `the console code block lang "nope" is not a language`}, nil},
		{"shortcode inside cmd", note("{{< cmd >}}ls {{< youtube 0RKpf3rK57I >}}{{< /cmd >}}"),
			[]string{"bad.md:7:1", "cmd holds another shortcode", "plain text"}, nil},
		{"cmd with %", note("Intro.\n\n{{% cmd %}}\ngit status\n{{% /cmd %}}"),
			[]string{"bad.md:9:1", "{{% cmd %}} sends the snippet through Markdown", `Write {{< cmd desc="what it does" >}}`}, nil},
	})
	// Plain text, a prompt of "%" and the "text" language still work.
	r, err := buildNotes(t, note("{{< cmd prompt=\"%\" lang=\"text\" >}}\necho '{{ not a shortcode }}' <in >out\n{{< /cmd >}}"))
	if err != nil {
		t.Fatalf("%v\n%s", err, r.Output)
	}
	sameLines(t, "text", readSnippets(r.Page(t, "/notes/bad/"))[0].lines, []cmdLine{{"cmd", "%", "echo '{{ not a shortcode }}' <in >out"}})
}

// TestHostileEmbeds: Hugo's youtube, vimeo, x, twitter and instagram
// shortcodes write iframes, inline styles or third-party scripts that the
// CSP blocks; here they are plain links, checked at the line.
func TestHostileEmbeds(t *testing.T) {
	body := "{{< youtube 0RKpf3rK57I >}}\n\n" +
		"{{< youtube id=\"0RKpf3rK57I\" title=\"Hugo <b>in</b> 5 minutes\" start=\"30\" autoplay=\"true\" >}}\n\n" +
		"{{< vimeo 19899678 >}}\n\n{{< vimeo_simple id=\"19899678\" title=\"A talk\" >}}\n\n" +
		"{{< x user=\"gohugoio\" id=\"1453110110599868418\" >}}\n\n{{< twitter user=\"gohugoio\" id=\"1453110110599868418\" >}}\n\n" +
		"{{< x_simple user=\"gohugoio\" id=\"1\" >}}\n\n{{< twitter_simple user=\"gohugoio\" id=\"2\" >}}\n\n" +
		"{{< instagram CxOWiQNP2MO >}}\n\n{{< instagram_simple id=\"CxOWiQNP2MO\" >}}\n"
	r, err := buildNotes(t, note(body))
	if err != nil {
		t.Fatalf("%v\n%s", err, r.Output)
	}
	doc := r.Page(t, "/notes/bad/")
	want := []struct{ href, text string }{
		{"https://www.youtube.com/watch?v=0RKpf3rK57I", "Watch on YouTube: video 0RKpf3rK57I"},
		{"https://www.youtube.com/watch?v=0RKpf3rK57I&t=30s", "Watch on YouTube: Hugo <b>in</b> 5 minutes"},
		{"https://vimeo.com/19899678", "Watch on Vimeo: video 19899678"},
		{"https://vimeo.com/19899678", "Watch on Vimeo: A talk"},
		{"https://x.com/gohugoio/status/1453110110599868418", "View on X: post 1453110110599868418"},
		{"https://x.com/gohugoio/status/1453110110599868418", "View on X: post 1453110110599868418"},
		{"https://x.com/gohugoio/status/1", "View on X: post 1"},
		{"https://x.com/gohugoio/status/2", "View on X: post 2"},
		{"https://www.instagram.com/p/CxOWiQNP2MO/", "View on Instagram: post CxOWiQNP2MO"},
		{"https://www.instagram.com/p/CxOWiQNP2MO/", "View on Instagram: post CxOWiQNP2MO"},
	}
	links := doc.All(sitetest.Class("boda-embed__link"))
	if len(links) != len(want) {
		t.Fatalf("%d embed links, want %d", len(links), len(want))
	}
	for i, w := range want {
		href, _ := sitetest.Attr(links[i], "href")
		if href != w.href || sitetest.Text(links[i]) != w.text {
			t.Errorf("embed %d: %q → %s, want %q → %s", i, sitetest.Text(links[i]), href, w.text, w.href)
		}
		if p := links[i].Parent; p == nil || p.Data != "p" || p.Parent == nil || p.Parent.Data == "p" {
			t.Errorf("embed %d is not a paragraph of its own", i)
		}
	}
	if problems := cspProblems(doc, "https://boda-blog.netlify.app/"); len(problems) > 0 {
		t.Errorf("the page breaks the CSP: %q", problems)
	}
	// The Markdown copy holds the same links, as Markdown.
	md := r.File(t, "notes/bad/index.md")
	for _, w := range []string{
		"[Watch on YouTube: video 0RKpf3rK57I](<https://www.youtube.com/watch?v=0RKpf3rK57I>)",
		"](<https://www.youtube.com/watch?v=0RKpf3rK57I&t=30s>)",
		"[View on X: post 2](<https://x.com/gohugoio/status/2>)",
		"[View on Instagram: post CxOWiQNP2MO](<https://www.instagram.com/p/CxOWiQNP2MO/>)",
	} {
		if !strings.Contains(md, w) {
			t.Errorf("the Markdown copy has no %q:\n%s", w, md)
		}
	}
	if strings.Contains(md, "<p") || strings.Contains(md, "boda-embed") {
		t.Errorf("the Markdown copy holds HTML:\n%s", md)
	}
	runHostile(t, []hostileCase{
		{"markup in an id", note(`{{< youtube "x\"><script>" >}}`), []string{"bad.md:7:1", `youtube id "x\"><script>" is not valid`}, nil},
		{"unknown argument", note(`{{< vimeo id="1" color="red" >}}`), []string{"bad.md:7:1", `vimeo has no argument "color"`}, nil},
		{"missing id", note(`{{< x user="gohugoio" >}}`), []string{"bad.md:7:1", "x needs its id"}, nil},
		{"gist", note(`{{< gist spf13 7896402 >}}`), []string{"bad.md:7:1", "the gist shortcode is not available", "https://gist.github.com/"}, nil},
	})
}
