package tests

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/fasttest"
	"github.com/bodasadallah/boda-blog/tools/internal/npm"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
	"github.com/bodasadallah/boda-blog/tools/internal/tmplfmt"
)

// TestTemplatesAreFormatted is the formatting gate: every template under
// layouts/ is as `go run ./tools/cmd/fmt` writes it (Prettier for those
// that return a value, then the action formatter for all).
func TestTemplatesAreFormatted(t *testing.T) {
	res, err := tmplfmt.Run(sitetest.Root(), npm.Modules(t), false)
	if err != nil {
		t.Fatal(err)
	}
	for _, rel := range res.Changed {
		t.Errorf("%s is not formatted: run go run ./tools/cmd/fmt", rel)
	}
	if len(res.Skipped) > 0 {
		t.Logf("left alone:\n%s", res.Report())
	}
}

// checkFixture writes files (paths from a site root) into a new folder and
// runs the formatter's check over them; it returns the folder, the npm
// modules it ran with and what the check found.
func checkFixture(t *testing.T, files map[string]string) (string, string, *tmplfmt.Result) {
	t.Helper()
	dir := t.TempDir()
	sitetest.WriteFiles(t, dir, files)
	modules := npm.Modules(t)
	res, err := tmplfmt.Run(dir, modules, false)
	if err != nil {
		t.Fatal(err)
	}
	return dir, modules, res
}

// TestFormatterCatchesAnUnformattedTemplate runs the gate on a small site:
// an unformatted function partial is reported, and formatted by a second
// run; a template whose text is published, a doc block and a partial that
// writes a shortcode call are left as they are.
func TestFormatterCatchesAnUnformattedTemplate(t *testing.T) {
	doc := "{{/*\n  A doc block, kept as written: {{ partial \"x\" . }}\n  @returns {int}\n*/}}\n"
	files := map[string]string{
		"layouts/_partials/_funcs/messy.html":     doc + "{{- $x := 0 }}\n{{- if .a }}{{ $x = 1 }}{{ else }}{{ $x = 2 }}{{ end }}\n{{- return $x }}\n",
		"layouts/_partials/_funcs/shortcode.html": "{{- $s := \"{{< cmd >}}\" }}\n{{- if .a }}{{ $s = 1 }}{{ end }}\n{{- return $s }}\n",
		"layouts/page.html":                       "<p>{{ if .Title }}{{ .Title }}{{ end }}</p>\n",
	}
	dir, modules, res := checkFixture(t, files)
	if !slices.Equal(res.Changed, []string{"layouts/_partials/_funcs/messy.html"}) {
		t.Fatalf("the check reported %q, want only the messy function partial", res.Changed)
	}
	if _, ok := res.Skipped["layouts/_partials/_funcs/shortcode.html"]; !ok {
		t.Errorf("a partial that writes a shortcode call was not skipped: %v", res.Skipped)
	}
	if _, err := tmplfmt.Run(dir, modules, true); err != nil {
		t.Fatal(err)
	}
	res, err := tmplfmt.Run(dir, modules, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changed) > 0 {
		t.Errorf("after formatting, the check still reports %q", res.Changed)
	}
	for rel, before := range files {
		b, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		if rel == "layouts/_partials/_funcs/messy.html" {
			if string(b) == before || string(b[:len(doc)]) != doc {
				t.Errorf("%s: not formatted, or its doc block changed:\n%s", rel, b)
			}
			continue
		}
		if string(b) != before {
			t.Errorf("%s was changed:\n%s", rel, b)
		}
	}
}

// TestTemplateActionsAreFormatted is the gate for every template under
// layouts/, whatever its kind: each is as tmplfmt.FormatActions writes it.
// Unlike TestTemplatesAreFormatted it needs no npm packages.
func TestTemplateActionsAreFormatted(t *testing.T) {
	res, err := tmplfmt.RunActions(sitetest.Root(), false)
	if err != nil {
		t.Fatal(err)
	}
	if res.Actions < 200 {
		t.Errorf("the formatter read %d templates, want every template under layouts/", res.Actions)
	}
	for _, rel := range res.Changed {
		t.Errorf("%s is not formatted: run go run ./tools/cmd/fmt", rel)
	}
}

// TestFormatterLexesActions holds the lexer's tricky spots: literals that
// hold delimiters, comments that hold shortcode calls, a negative number
// after the delimiter, parenthesised pipelines and multi-line actions.
func TestFormatterLexesActions(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{{x}}`, `{{ x }}`},
		{"{{-\tx\t-}}", `{{- x -}}`},
		{`{{-3}}`, `{{ -3 }}`},
		{`{{- -3 }}`, `{{- -3 }}`},
		{`{{ 3 -}}`, `{{ 3 -}}`},
		{`{{ $s := "a }} b {{ c"  }}`, `{{ $s := "a }} b {{ c" }}`},
		{`{{ $s := "say \"}}\"  ok"   }}`, `{{ $s := "say \"}}\"  ok" }}`},
		{`{{ $c := '}'  }}`, `{{ $c := '}' }}`},
		{"{{ $r := `a  }}\n  {{- b /* c`  }}", "{{ $r := `a  }}\n  {{- b /* c` }}"},
		{"{{/*  a doc: {{< cmd >}}x{{< /cmd >}}  */}}", "{{/*  a doc: {{< cmd >}}x{{< /cmd >}}  */}}"},
		{"{{- /* {{% x %}}\n   {{x}} */ -}}", "{{- /* {{% x %}}\n   {{x}} */ -}}"},
		{`{{ if  ( and  ( eq .a  1 )  .b )  }}`, `{{ if (and (eq .a 1) .b) }}`},
		{`{{ (index . 0).Title }}{{ ( .x ) | len }}`, `{{ (index . 0).Title }}{{ (.x) | len }}`},
		{"{{- $d := dict   \n    \"a\"\t1 \n\n  \"b\"  (\n    2 )\n}}", "{{- $d := dict\n    \"a\" 1\n\n  \"b\" (\n    2)\n}}"},
		{"<p>  a  </p>\n\t<b>{{ x }}</b>  \n", "<p>  a  </p>\n\t<b>{{ x }}</b>  \n"},
		{"a  \n  \n\t{{- x }}", "a\n\n  {{- x }}"},
		{"<pre>\n  {{ x }}\n</pre>", "<pre>\n  {{ x }}\n</pre>"},
		{"{{ if .a }}\n{{- x }}\n\t{{- else if .b }}\n{{- end }}", "{{ if .a }}\n  {{- x }}\n{{- else if .b }}\n{{- end }}"},
		{"<ul>\n  {{- range . }}\n  <li>{{ . }}</li>\n  {{- end }}\n</ul>", "<ul>\n  {{- range . }}\n  <li>{{ . }}</li>\n  {{- end }}\n</ul>"},
	} {
		got, err := tmplfmt.FormatActions([]byte(c.in))
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if string(got) != c.want {
			t.Errorf("%q\n got %q\nwant %q", c.in, got, c.want)
		}
	}
	for _, bad := range []string{"{{ x", `{{ "a }}`, "{{/* x }}", "{{ `a }}"} {
		if _, err := tmplfmt.FormatActions([]byte("a\n" + bad)); err == nil || !strings.Contains(err.Error(), "line 2") {
			t.Errorf("%q: the error %v does not name line 2", bad, err)
		}
	}
}

// TestFormatterUndoesMessyTemplates messes up every template of the
// repository in ways that change no published byte (see mess), checks that
// the formatter turns each back into exactly the original, and builds the
// repository's notes with the messy layouts (which shadow the repository's)
// to show that they publish the same files, byte for byte.
func TestFormatterUndoesMessyTemplates(t *testing.T) {
	root := sitetest.Root()
	files, err := tmplfmt.AllTemplates(root)
	if err != nil {
		t.Fatal(err)
	}
	// Templates whose spaces are published, in every place the formatter
	// must leave them: they are formatted, and are messed up and undone with
	// the repository's (they are not built).
	hostile := map[string]string{
		"layouts/_shortcodes/fmt-hostile.md": "A hard break  \nthen\ttabs \t\n{{ .Get 0 }}   {{ .Get 1 }} \n  {{ with .Get 2 }}  {{ . }}  {{ end }}  \n",
		"layouts/_partials/fmt-hostile.html": "<pre>\n    {{ .a }}  \n\t{{ .b -}}\n  x  \n</pre>\n  {{- if .c }}\n\t<p>{{ .c }}</p>\n  {{- end }}\n",
	}
	for rel := range hostile {
		files = append(files, rel)
	}
	messy := map[string]string{}
	changed := 0
	for _, rel := range files {
		b, err := os.ReadFile(filepath.Join(root, rel))
		if h, ok := hostile[rel]; ok {
			b, err = []byte(h), nil
		}
		if err != nil {
			t.Fatal(err)
		}
		m := mess(string(b))
		if m != string(b) {
			changed++
		}
		if _, ok := hostile[rel]; !ok {
			messy[rel] = m
		}
		got, err := tmplfmt.FormatActions([]byte(m))
		if err != nil {
			t.Errorf("%s, messed up: %v", rel, err)
			continue
		}
		if string(got) != string(b) {
			t.Errorf("%s: the formatter does not undo the mess:\n%s", rel, fmtDiff(string(b), string(got)))
		}
	}
	if changed < len(files)*9/10 {
		t.Fatalf("only %d of %d templates were messed up", changed, len(files))
	}

	// Hugo's test builder drops the last line break of every file of a
	// fixture: one more keeps the template's own.
	for rel, m := range messy {
		messy[rel] = m + "\n"
	}
	want := fasttest.Site(t)
	got := fasttest.Build(t, fasttest.Options{Content: true}, fasttest.FromMap(messy))
	wantFiles, gotFiles := fmtPublished(t, want.Public), fmtPublished(t, got.Public)
	if !slices.Equal(wantFiles, gotFiles) {
		t.Fatalf("the messy layouts publish other files:\n got %q\nwant %q", gotFiles, wantFiles)
	}
	for _, rel := range wantFiles {
		a, _ := os.ReadFile(filepath.Join(want.Public, rel))
		b, _ := os.ReadFile(filepath.Join(got.Public, rel))
		if string(a) != string(b) {
			t.Errorf("%s differs with the messy layouts:\n%s", rel, fmtDiff(string(a), string(b)))
		}
	}
	t.Logf("%d templates messed up; %d published files compared", changed, len(wantFiles))
}

// mess undoes the formatting of a template without changing what it
// publishes, with a lexer of its own: no space after the opening delimiter
// (a tab after a trim marker) or before the closing one, spaces doubled or
// made tabs between tokens and added just inside parentheses, blanks before
// the line breaks of an action, its indentation in tabs, the blanks before
// a `{{- ` line (trailing ones added, the indentation in tabs) and, for an
// end or else, a wrong indentation. Literals and comments are kept.
func mess(src string) string {
	var b strings.Builder
	for {
		i := strings.Index(src, "{{")
		if i < 0 {
			b.WriteString(src)
			return b.String()
		}
		text := src[:i]
		src = src[i:]
		trimL := len(src) > 3 && src[2] == '-' && (src[3] == ' ' || src[3] == '\t' || src[3] == '\n')
		if k := strings.LastIndexByte(text, '\n'); trimL && k >= 0 && strings.Trim(text[k+1:], " ") == "" {
			indent := strings.ReplaceAll(text[k+1:], "  ", "\t")
			if w := strings.Fields(src[4:]); len(w) > 0 && (w[0] == "end" || w[0] == "else") {
				indent = "\t \t   "
			}
			text = text[:k] + " \t\n" + indent
		}
		b.WriteString(text)
		if trimL && strings.HasPrefix(src[4:], "/*") || strings.HasPrefix(src, "{{/*") {
			end := strings.Index(src, "*/") + 2
			end += strings.Index(src[end:], "}}") + 2
			b.WriteString(src[:end])
			src = src[end:]
			continue
		}
		pos := 3 // after "{{ "
		if trimL {
			b.WriteString("{{-\t")
			pos = 4
		} else if src[3] == '-' {
			b.WriteString("{{\t")
		} else {
			b.WriteString("{{")
		}
		spaces := 0
		for ; !strings.HasPrefix(src[pos:], "}}"); pos++ {
			c := src[pos]
			switch {
			case c == '"' || c == '\'' || c == '`':
				j := pos + 1
				for src[j] != c {
					if src[j] == '\\' && c != '`' {
						j++
					}
					j++
				}
				b.WriteString(src[pos : j+1])
				pos = j
			case c == '\n':
				b.WriteString("  \n")
				for pos+2 < len(src) && src[pos+1:pos+3] == "  " {
					b.WriteString("\t")
					pos += 2
				}
			case c == ' ' && strings.HasPrefix(src[pos:], " -}}"):
				b.WriteString("\t\t-")
				pos++
			case c == ' ' && strings.HasPrefix(src[pos:], " }}"):
			case c == ' ':
				spaces++
				b.WriteString([]string{"  ", "\t", " \t "}[spaces%3])
			case c == '(':
				b.WriteString("( ")
			case c == ')' && src[pos-1] != ' ' && src[pos-1] != '\n':
				b.WriteString(" )")
			default:
				b.WriteByte(c)
			}
		}
		b.WriteString("}}")
		src = src[pos+2:]
	}
}

// fmtPublished lists the files below dir, by slash-separated path.
func fmtPublished(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		out = append(out, filepath.ToSlash(rel))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// fmtDiff shows where two texts part, with a little context.
func fmtDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return fmt.Sprintf("at byte %d\nwant …%q\n got …%q", i, a[from:min(len(a), i+80)], b[from:min(len(b), i+80)])
}

// TestFormatterCoversEveryTemplate runs both passes on a small site: a
// template of every kind with messy actions is reported, including a
// function partial that Prettier skips; after one run a second changes
// nothing, and the published text is as it was.
func TestFormatterCoversEveryTemplate(t *testing.T) {
	files := map[string]string{
		"layouts/_partials/_funcs/messy.html":     "{{- $x := 0 }}\n{{-  if .a }}{{$x = 1}}{{ end }}\n{{- return  $x }}\n",
		"layouts/_partials/_funcs/shortcode.html": "{{- $s := \"{{< cmd >}}\" }}\n{{- if  ( eq .a 1 ) }}\n{{- $s = 1 }}\n{{- end }}\n{{- return $s }}\n",
		"layouts/page.md":                         "# {{.Title}}  \n\n{{ range .Pages -}}\n- {{  .Title }}\n\t{{- end }}\n",
		"layouts/rss.xml":                         "<rss>\n  {{- range  .Pages }}\n  <item>{{.Title | html}}</item>\n  {{- end }}\n</rss>\n",
	}
	want := map[string]string{
		"layouts/_partials/_funcs/shortcode.html": "{{- $s := \"{{< cmd >}}\" }}\n{{- if (eq .a 1) }}\n  {{- $s = 1 }}\n{{- end }}\n{{- return $s }}\n",
		"layouts/page.md":                         "# {{ .Title }}  \n\n{{ range .Pages -}}\n- {{ .Title }}\n{{- end }}\n",
		"layouts/rss.xml":                         "<rss>\n  {{- range .Pages }}\n  <item>{{ .Title | html }}</item>\n  {{- end }}\n</rss>\n",
	}
	dir, modules, res := checkFixture(t, files)
	if !slices.Equal(res.Changed, slices.Sorted(maps.Keys(files))) {
		t.Errorf("the check reported %q, want every template", res.Changed)
	}
	if res.Prettier != 1 || res.Actions != 4 {
		t.Errorf("Prettier formatted %d templates and the action formatter %d, want 1 and 4", res.Prettier, res.Actions)
	}
	if _, err := tmplfmt.Run(dir, modules, true); err != nil {
		t.Fatal(err)
	}
	if res, err := tmplfmt.Run(dir, modules, false); err != nil {
		t.Fatal(err)
	} else if len(res.Changed) > 0 {
		t.Errorf("a second run still reports %q", res.Changed)
	}
	for rel, w := range want {
		if b, _ := os.ReadFile(filepath.Join(dir, rel)); string(b) != w {
			t.Errorf("%s:\n got %q\nwant %q", rel, b, w)
		}
	}
}
