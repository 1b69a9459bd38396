package tests

import (
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/fasttest"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
	"github.com/rogpeppe/go-internal/txtar"
	"golang.org/x/net/html"
)

// cmdNote is the note of testdata/fast/commands.txtar, which exercises
// every option of the cmd shortcode and every command fence. Each snippet
// is found by its position on the page.
func cmdNote(t *testing.T) string {
	t.Helper()
	a := txtar.Parse([]byte(fasttest.Fixture(t, "testdata/fast/commands.txtar")))
	return string(a.Files[0].Data)
}

var (
	cmdOnce   sync.Once
	cmdResult *sitetest.Result
	cmdErr    error
)

// cmdFixture builds, once per test process, a production copy of the site
// with cmdNote at /notes/commands/.
func cmdFixture(t *testing.T) *sitetest.Result {
	t.Helper()
	sitetest.Slow(t) // before the Once: a skip inside it would leave it done and empty
	cmdOnce.Do(func() {
		dir := sitetest.ProcessTempDir(t, "cmd")
		sitetest.CopyTree(t, sitetest.Root(), dir, ".git", "tools", "public", "resources", "node_modules", ".ci")
		if err := os.WriteFile(filepath.Join(dir, "content", "notes", "commands.md"), []byte(cmdNote(t)), 0o644); err != nil {
			cmdErr = err
			return
		}
		out := sitetest.ProcessTempDir(t, "cmd-public")
		log, err := sitetest.Run(t, dir, nil, "--source", dir, "--destination", out, "--panicOnWarning", "--logLevel", "warn", "--environment", "production")
		cmdResult = &sitetest.Result{Public: out, Output: log}
		if err != nil {
			cmdErr = err
		}
	})
	if cmdResult == nil {
		t.Fatalf("the commands fixture could not be set up: %v", cmdErr)
	}
	if cmdErr != nil {
		t.Fatalf("building the commands fixture: %v\n%s", cmdErr, cmdResult.Output)
	}
	return cmdResult
}

// snippet is one rendered command snippet, read back from the HTML.
type snippet struct {
	node  *html.Node
	lines []cmdLine
	attrs map[string]string
}

type cmdLine struct {
	kind, prompt, text string
}

func byClass(n *html.Node, c string) []*html.Node { return sitetest.Find(n, sitetest.Class(c)) }

func readSnippets(doc *sitetest.Doc) []snippet {
	var out []snippet
	for _, fig := range doc.All(sitetest.Class("boda-cmd")) {
		s := snippet{node: fig, attrs: map[string]string{}}
		for _, a := range fig.Attr {
			s.attrs[a.Key] = a.Val
		}
		for _, n := range sitetest.Find(fig, func(n *html.Node) bool {
			return sitetest.HasClass(n, "boda-cmd__line") || sitetest.HasClass(n, "boda-cmd__output")
		}) {
			if sitetest.HasClass(n, "boda-cmd__output") {
				s.lines = append(s.lines, cmdLine{kind: "out", text: strings.TrimPrefix(sitetest.RawText(n), "\n")})
				continue
			}
			l := cmdLine{kind: "cmd"}
			if sitetest.HasClass(n, "boda-cmd__line--cont") {
				l.kind = "cont"
			}
			if p := byClass(n, "boda-cmd__prompt"); len(p) > 0 {
				l.prompt, _ = sitetest.Attr(p[0], "data-prompt")
			}
			l.text = sitetest.RawText(byClass(n, "boda-cmd__text")[0])
			s.lines = append(s.lines, l)
		}
		out = append(out, s)
	}
	return out
}

func (s snippet) text(class string) string {
	if n := byClass(s.node, class); len(n) > 0 {
		return sitetest.Text(n[0])
	}
	return ""
}

func (s snippet) lang() string {
	code := sitetest.Find(s.node, sitetest.Tag("code"))[0]
	v, _ := sitetest.Attr(code, "data-lang")
	return v
}

func sameLines(t *testing.T, name string, got, want []cmdLine) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d lines %q, want %d %q", name, len(got), got, len(want), want)
		return
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%s: line %d is %+v, want %+v", name, i, got[i], want[i])
		}
	}
}

func TestCmdShortcodeAndFences(t *testing.T) {
	site, err := fastNotes(t, map[string]string{"commands.md": cmdNote(t)})
	if err != nil {
		t.Fatalf("the build failed: %s", site.Output)
	}
	doc := site.Page(t, "/notes/commands/")
	s := readSnippets(doc)
	if len(s) != 11 {
		t.Fatalf("%d command snippets, want 11", len(s))
	}

	t.Run("defaults", func(t *testing.T) {
		sameLines(t, "cmd", s[0].lines, []cmdLine{{"cmd", "$", "git status"}})
		if s[0].lang() != "sh" {
			t.Errorf("language %q, want sh", s[0].lang())
		}
		for _, c := range []string{"boda-cmd__title", "boda-cmd__warning", "boda-cmd__desc"} {
			if len(byClass(s[0].node, c)) > 0 {
				t.Errorf("a snippet without options has a %s", c)
			}
		}
		if sitetest.HasClass(s[0].node, "boda-cmd--warn") {
			t.Error("a snippet without warn is marked destructive")
		}
	})

	t.Run("every option", func(t *testing.T) {
		c := s[1]
		sameLines(t, "cmd", c.lines, []cmdLine{
			{"cmd", "#", "apt-get update"},
			{"cmd", "#", "docker build --no-cache \\"},
			{"cont", "", "  --tag app \\"},
			{"cont", "", "  ."},
			{"out", "", "Step 1/3 : FROM debian"},
			{"out", "", "$ not a command"},
		})
		if got := c.text("boda-cmd__title"); got != "Build the image" {
			t.Errorf("title %q", got)
		}
		desc := byClass(c.node, "boda-cmd__desc")
		if len(desc) != 1 || desc[0].Data != "figcaption" || sitetest.Text(desc[0]) != "builds app from scratch" || len(sitetest.Find(desc[0], sitetest.Tag("code"))) != 1 {
			t.Errorf("desc is not a figcaption rendered from Markdown: %q", c.text("boda-cmd__desc"))
		}
		if got := c.text("boda-cmd__warning"); got != "Destructive: deletes the build cache" {
			t.Errorf("warning %q", got)
		}
		warn := byClass(c.node, "boda-cmd__warning")
		if len(warn) == 0 || len(sitetest.Find(warn[0], sitetest.Tag("svg"))) != 1 || len(sitetest.Find(warn[0], sitetest.Tag("strong"))) != 1 {
			t.Error("the warning has no icon or no text label")
		}
		if !sitetest.HasClass(c.node, "boda-cmd--warn") {
			t.Error("the destructive snippet has no boda-cmd--warn class")
		}
		if c.lang() != "bash" {
			t.Errorf("lang %q, want bash", c.lang())
		}
		if c.attrs["data-boda-copy-label"] != "Copy the 2 commands" || c.attrs["data-boda-copy-announce"] != "Copied the 2 commands to the clipboard" {
			t.Errorf("copy labels %q / %q", c.attrs["data-boda-copy-label"], c.attrs["data-boda-copy-announce"])
		}
	})

	t.Run("default warning and PowerShell", func(t *testing.T) {
		c := s[2]
		sameLines(t, "cmd", c.lines, []cmdLine{{"cmd", "PS>", "Remove-Item -Recurse build"}})
		if got := c.text("boda-cmd__warning"); got != "Destructive: this command discards work that cannot be recovered." {
			t.Errorf("warning %q", got)
		}
		if c.lang() != "powershell" {
			t.Errorf("lang %q", c.lang())
		}
	})

	t.Run("shell fences", func(t *testing.T) {
		sameLines(t, "sh", s[3].lines, []cmdLine{{"cmd", "$", "ls -la"}})
		sameLines(t, "bash", s[4].lines, []cmdLine{{"cmd", "#", "whoami"}})
		sameLines(t, "shell", s[5].lines, []cmdLine{{"cmd", "$", "echo one"}, {"cmd", "$", "echo two"}})
		sameLines(t, "zsh", s[6].lines, []cmdLine{{"cmd", "$", "rm -rf ~/.cache/app"}})
		for i, lang := range []string{"sh", "bash", "shell", "zsh"} {
			if s[3+i].lang() != lang {
				t.Errorf("%s fence: lang %q", lang, s[3+i].lang())
			}
		}
		if s[4].text("boda-cmd__desc") != "as root" {
			t.Errorf("bash fence desc %q", s[4].text("boda-cmd__desc"))
		}
		if !sitetest.HasClass(s[6].node, "boda-cmd--warn") {
			t.Error("zsh fence with warn is not marked destructive")
		}
		if s[5].attrs["data-boda-copy-label"] != "Copy the 2 commands" {
			t.Errorf("shell fence copy label %q", s[5].attrs["data-boda-copy-label"])
		}
	})

	t.Run("console split", func(t *testing.T) {
		sameLines(t, "console", s[7].lines, []cmdLine{
			{"cmd", "$", `echo "hello"`},
			{"out", "", "hello"},
			{"cmd", "#", "id -u"},
			{"out", "", "0"},
			{"cmd", "$", `printf '%s\n' a \`},
			{"cont", ">", "b"},
			{"out", "", "a"},
			{"out", "", "b"},
		})
	})

	t.Run("highlighted with classes, prompts as generated content", func(t *testing.T) {
		raw := doc.Raw
		if strings.Contains(raw, `style="`) {
			t.Error("the page has inline styles")
		}
		if !strings.Contains(raw, `<span class="nb">echo</span>`) {
			t.Error("commands are not highlighted with Chroma classes")
		}
		for _, p := range doc.All(sitetest.Class("boda-cmd__prompt")) {
			if p.FirstChild != nil {
				t.Errorf("a prompt has text in the HTML (%q): it must be generated content", sitetest.RawText(p))
			}
		}
		if strings.Contains(raw, `class="err"`) {
			t.Error("a continuation backslash is highlighted as an error")
		}
		// The lines of a command are lexed together: the string that goes on
		// after the backslash is still a string on the next line.
		sameLines(t, "continued string", s[9].lines, []cmdLine{
			{"cmd", "$", `git commit -m "first line \`},
			{"cont", "", `second line"`},
		})
		sameLines(t, "empty last continuation", s[10].lines, []cmdLine{
			{"cmd", "$", `make \`},
			{"cont", ">", ""},
		})
		cont := byClass(s[9].node, "boda-cmd__line--cont")
		if len(cont) != 1 || len(byClass(cont[0], "s2")) != 1 || sitetest.Text(byClass(cont[0], "s2")[0]) != `second line"` {
			t.Errorf("the continued string is not highlighted as a string on its second line: %q", sitetest.RawText(s[9].node))
		}
	})

	t.Run("other languages", func(t *testing.T) {
		blocks := doc.All(sitetest.Class("boda-code"))
		if len(blocks) != 2 {
			t.Fatalf("%d code blocks, want 2", len(blocks))
		}
		for _, b := range blocks {
			if l, _ := sitetest.Attr(b, "data-boda-copy-label"); l != "Copy the code" {
				t.Errorf("code block copy label %q", l)
			}
			if len(byClass(b, "chroma")) == 0 {
				t.Error("code block without Chroma classes")
			}
		}
	})

	t.Run("copy strings come from i18n", func(t *testing.T) {
		for _, c := range s {
			for k, want := range map[string]string{"data-boda-copy-button": "Copy", "data-boda-copy-done": "Copied", "data-boda-copy-failed": "Copy failed"} {
				if c.attrs[k] != want {
					t.Errorf("%s=%q, want %q", k, c.attrs[k], want)
				}
			}
		}
		if s[0].attrs["data-boda-copy-label"] != "Copy the command" {
			t.Errorf("label %q", s[0].attrs["data-boda-copy-label"])
		}
	})
}

func TestCmdErrors(t *testing.T) {
	fm := "---\ntitle: Broken\ndescription: d\ndate: 2024-01-01\n---\n\n"
	cases := []struct {
		name, body string
		want       []string
	}{
		{"unknown option", `{{< cmd description="x" >}}ls{{< /cmd >}}`, []string{"bad.md:7:1", `cmd has no option "description"`, "desc, warn, prompt, lang or title"}},
		{"positional option", `{{< cmd "ls" >}}ls{{< /cmd >}}`, []string{"bad.md:7:1", "cmd takes named options only", `{{< cmd desc="what it does" >}}`}},
		{"empty option", `{{< cmd desc="" >}}ls{{< /cmd >}}`, []string{"bad.md:7:1", "cmd option desc is empty"}},
		{"unknown prompt", `{{< cmd prompt="$$" >}}ls{{< /cmd >}}`, []string{"bad.md:7:1", `cmd prompt "$$" is not supported`, `"#" (root)`}},
		{"warn false", `{{< cmd warn="false" >}}ls{{< /cmd >}}`, []string{"bad.md:7:1", `warn="false" does nothing`}},
		{"empty body", "{{< cmd desc=\"x\" >}}\n\n{{< /cmd >}}", []string{"bad.md:7:1", "cmd has no command", "between the opening and closing tags"}},
		{"self-closed", `{{< cmd desc="x" />}}`, []string{"bad.md:7:1", "cmd has no command"}},
		{"output only", "{{< cmd >}}\n---\nout\n{{< /cmd >}}", []string{"bad.md:7:1", "cmd has output but no command"}},
		{"console without a prompt", "```console\nhello\n```", []string{"bad.md:7:1", "the console code block has no command", `"$ "`}},
		{"unknown fence attribute", "```sh {title=\"t\" tilte=\"x\"}\nls\n```", []string{"bad.md:7:1", `the sh code block has no option "tilte"`}},
		{"empty fence", "```bash\n```", []string{"bad.md:7:1", "the bash code block has no command"}},
	}
	// One site, one note a case: each message must name its own note.
	notes := map[string]string{}
	for i, c := range cases {
		notes[caseFile("cmd", i)] = fm + c.body + "\n"
	}
	r, err := fastNotes(t, notes)
	if err == nil {
		t.Fatalf("the build succeeded; want an error")
	}
	wantOnlyReportedErrors(t, r.Output)
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			file := caseFile("cmd", i)
			want := slices.Clone(c.want)
			want[0] = strings.Replace(want[0], "bad.md", file, 1)
			wantErrorLine(t, r.Output, file, want...)
		})
	}
}

func TestGitNoteIsAListOfCommands(t *testing.T) {
	site := fasttest.Site(t)
	doc := site.Page(t, "/notes/git/")
	s := readSnippets(doc)
	want := map[string]string{
		"git log --oneline --decorate --all --graph": "the history of every branch as a graph, one line a commit, with branch and tag names",
		"git merge --abort":                          "abort merge, and get back like it never happened",
		"git reset --hard":                           "is your way to lose all uncommitted work in your working directory",
	}
	got := map[string]snippet{}
	for _, c := range s {
		if len(c.lines) != 1 || c.lines[0].kind != "cmd" || c.lines[0].prompt != "$" {
			t.Errorf("git note snippet %q is not one command", c.lines)
			continue
		}
		got[c.lines[0].text] = c
	}
	for cmd, desc := range want {
		c, ok := got[cmd]
		if !ok {
			t.Errorf("the git note has no snippet for %q", cmd)
			continue
		}
		if c.text("boda-cmd__desc") != desc {
			t.Errorf("%s: desc %q, want %q", cmd, c.text("boda-cmd__desc"), desc)
		}
		if destructive := sitetest.HasClass(c.node, "boda-cmd--warn"); destructive != (cmd == "git reset --hard") {
			t.Errorf("%s: destructive = %v", cmd, destructive)
		}
	}
	var inline []string
	for _, c := range doc.All(sitetest.Tag("code")) {
		if c.Parent != nil && c.Parent.Data != "pre" {
			inline = append(inline, sitetest.Text(c))
		}
	}
	for _, w := range []string{"git add -p filename", "--no-ff"} {
		if !contains(inline, w) {
			t.Errorf("%q is not inline code in the git note (inline code: %q)", w, inline)
		}
	}
}

// TestHighlightPalettesMeetAA checks every token colour of the generated
// light and dark palettes against the code background of its scheme.
func TestHighlightPalettesMeetAA(t *testing.T) {
	site := sitetest.Site(t, "production")
	doc := site.Page(t, "/notes/git/")
	var css string
	for _, l := range doc.All(sitetest.Tag("link")) {
		if rel, _ := sitetest.Attr(l, "rel"); rel == "stylesheet" {
			href, _ := sitetest.Attr(l, "href")
			css += site.File(t, strings.TrimPrefix(href, "/"))
		}
	}
	bg := regexp.MustCompile(`--boda-code-bg:\s*light-dark\((#[0-9a-fA-F]{3,6}),\s*(#[0-9a-fA-F]{3,6})\)`).FindStringSubmatch(css)
	if bg == nil {
		t.Fatal("no --boda-code-bg light-dark() pair in the stylesheet")
	}
	rule := regexp.MustCompile(`([^{}]*\.chroma \.([a-z0-9]+))\s*\{([^}]*)\}`)
	colour := regexp.MustCompile(`(?:^|;)\s*color:\s*(#[0-9a-fA-F]{3,6})`)
	background := regexp.MustCompile(`background-color:\s*(#[0-9a-fA-F]{3,6})`)
	checked := map[string]int{}
	for _, m := range rule.FindAllStringSubmatch(css, -1) {
		sel, class, body := strings.TrimSpace(m[1]), m[2], m[3]
		scheme := "light"
		switch {
		case strings.HasPrefix(sel, ":root[data-theme=dark]"):
			scheme = "dark"
		case strings.Contains(sel, ":root:not("):
			continue // the same rules as data-theme=dark, under the media query
		case strings.HasPrefix(sel, ".chroma"):
		default:
			continue
		}
		if class == "w" || class == "ln" || class == "lnt" || class == "lnlinks" {
			continue // white space; line numbers are decoration, never copied
		}
		c := colour.FindStringSubmatch(body)
		if c == nil {
			continue
		}
		back := bg[1]
		if scheme == "dark" {
			back = bg[2]
		}
		if b := background.FindStringSubmatch(body); b != nil {
			back = b[1]
		}
		checked[scheme]++
		if r := contrast(c[1], back); r < 4.5 {
			t.Errorf("%s palette: .chroma .%s %s on %s has contrast %.2f, below WCAG AA 4.5", scheme, class, c[1], back, r)
		}
	}
	if checked["light"] < 20 || checked["dark"] < 20 {
		t.Errorf("checked %d light and %d dark token colours; the palettes are missing", checked["light"], checked["dark"])
	}
	if regexp.MustCompile(`(?:^|\})\s*\.chroma\s*\{[^}]*background`).MatchString(css) {
		t.Error("the palette sets a background on .chroma, hiding --boda-code-bg")
	}
}

// TestHighlightPalettesAreNotCommitted: the palettes are generated at build
// time, so no stylesheet in the module holds Chroma rules.
func TestHighlightPalettesAreNotCommitted(t *testing.T) {
	for _, dir := range []string{"assets", "static"} {
		filepath.WalkDir(filepath.Join(sitetest.Root(), dir), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".css") {
				return nil
			}
			b, _ := os.ReadFile(p)
			if strings.Contains(string(b), ".chroma .k") {
				t.Errorf("%s holds a committed highlighting palette", p)
			}
			return nil
		})
	}
}

func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(hex string) float64 {
	hex = strings.TrimPrefix(hex, "#")
	if len(hex) == 3 {
		hex = string([]byte{hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]})
	}
	var l float64
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		v, _ := strconv.ParseUint(hex[2*i:2*i+2], 16, 8)
		c := float64(v) / 255
		if c <= 0.04045 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		l += w * c
	}
	return l
}
