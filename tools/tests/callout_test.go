package tests

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/gates"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
	"golang.org/x/net/html"
)

// calloutNote holds every way of writing a callout: GitHub alerts, their
// fold signs and titles, an unknown alert type, and LoveIt's admonition
// shortcode in its named and positional forms.
const calloutNote = `---
title: Callouts
description: Every way of writing a callout.
date: 2024-01-01
tags: [callouts]
---

> [!NOTE]
> C1 plain note.

> [!TIP]- Folded tip
> C2 folded, with **Markdown**.

> [!WARNING]+
> C3 open fold.

> [!DEFINITION]
> C4 unknown type.

{{< admonition type=tip title="Remember <b>this</b>" open=false >}}
C5 named, *folded*.
{{< /admonition >}}

{{< admonition danger "Positional" >}}
C6 positional, not foldable.
{{< /admonition >}}

{{< admonition question "Open one" true >}}
C7 open fold, $x^2$ inside.
{{< /admonition >}}

{{< admonition >}}
C8 default type.
{{< /admonition >}}

{{< admonition quote >}}
C9 quote.
{{< /admonition >}}
`

// callout finds the callout whose body starts with tag.
func callout(t *testing.T, doc *sitetest.Doc, tag string) *html.Node {
	t.Helper()
	for _, c := range doc.All(sitetest.Class("boda-callout")) {
		for _, b := range sitetest.Find(c, sitetest.Class("boda-callout__body")) {
			if strings.HasPrefix(sitetest.Text(b), tag) {
				return c
			}
		}
	}
	t.Fatalf("no callout %s", tag)
	return nil
}

func TestCalloutsAlertsAndAdmonitions(t *testing.T) {
	dir := sitetest.CopySite(t)
	if err := os.WriteFile(filepath.Join(dir, "content", "notes", "callouts.md"), []byte(calloutNote), 0o644); err != nil {
		t.Fatal(err)
	}
	public := t.TempDir()
	out, err := sitetest.Run(t, dir, nil, "--source", dir, "--destination", public, "--logLevel", "warn", "--noBuildLock")
	if err != nil {
		t.Fatalf("build failed: %v\n%s", err, out)
	}
	// The unknown alert type is a warning naming the note and its line.
	if !regexp.MustCompile(`WARN .*content/notes/callouts\.md:17:\d+"?: unknown alert type \[!DEFINITION\], rendered as a note`).MatchString(out) {
		t.Errorf("no warning at callouts.md:17 for the unknown alert type:\n%s", out)
	}
	r := &sitetest.Result{Public: public, Output: out}
	doc := r.Page(t, "/notes/callouts/")

	cases := []struct {
		tag, element, look, title string
		open                      string // "" not a details; "open" or "closed"
	}{
		{"C1", "aside", "note", "Note", ""},
		{"C2", "details", "tip", "Folded tip", "closed"},
		{"C3", "details", "warning", "Warning", "open"},
		{"C4", "aside", "note", "Definition", ""},
		{"C5", "details", "tip", "Remember <b>this</b>", "closed"},
		{"C6", "aside", "warning", "Positional", ""},
		{"C7", "details", "important", "Open one", "open"},
		{"C8", "aside", "note", "Note", ""},
		{"C9", "aside", "quote", "Quote", ""},
	}
	for _, c := range cases {
		n := callout(t, doc, c.tag)
		if n.Data != c.element {
			t.Errorf("%s: a <%s>, want <%s>", c.tag, n.Data, c.element)
		}
		if !sitetest.HasClass(n, "boda-callout--"+c.look) {
			v, _ := sitetest.Attr(n, "class")
			t.Errorf("%s: classes %q, want the %s look", c.tag, v, c.look)
		}
		titles := sitetest.Find(n, sitetest.Class("boda-callout__title"))
		if len(titles) != 1 || sitetest.Text(titles[0]) != c.title {
			t.Errorf("%s: title %q, want %q", c.tag, textOf(titles), c.title)
		}
		if c.open != "" {
			_, open := sitetest.Attr(n, "open")
			if open != (c.open == "open") {
				t.Errorf("%s: open=%v, want %s", c.tag, open, c.open)
			}
			if len(titles) == 1 && titles[0].Data != "summary" {
				t.Errorf("%s: the title of a folded callout is a <%s>, want its <summary>", c.tag, titles[0].Data)
			}
		}
	}
	// Bodies are Markdown, titles given as text stay text.
	if len(sitetest.Find(callout(t, doc, "C5"), sitetest.Tag("em"))) != 1 {
		t.Error("C5: the admonition's body was not rendered as Markdown")
	}
	if len(sitetest.Find(callout(t, doc, "C5"), sitetest.Tag("b"))) != 0 {
		t.Error("C5: the admonition's title was written as HTML")
	}
	if len(sitetest.Find(callout(t, doc, "C7"), sitetest.Tag("math"))) != 1 {
		t.Error("C7: math in an admonition was not rendered")
	}

	// The Markdown copy writes admonitions as alerts.
	md := r.File(t, "notes/callouts/index.md")
	for _, want := range []string{"> [!TIP]- Remember \\<b>this\\</b>\n> C5 named, *folded*.", "> [!DANGER] Positional\n> C6 positional", "> [!QUESTION]+ Open one\n> C7 open fold, $x^2$ inside.", "> [!NOTE]\n> C8 default type."} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown copy lacks %q:\n%s", want, md)
		}
	}

	// Valid HTML, and no WCAG violation in either colour scheme.
	only := t.TempDir()
	sitetest.WriteFiles(t, only, map[string]string{"callouts.html": r.File(t, "notes/callouts/index.html")})
	for _, p := range gates.HTML(t, only) {
		t.Error(p)
	}
	problems, _ := gates.Audit(t, public, []string{"/notes/callouts/"})
	for _, p := range problems {
		t.Error(p)
	}
}

func TestAdmonitionMistakes(t *testing.T) {
	cases := []struct{ name, body, want string }{
		{"unknown argument", "{{< admonition type=tip colour=red >}}\nx\n{{< /admonition >}}", `bad.md:7:1": admonition: unknown argument "colour"`},
		{"bad open", "{{< admonition type=tip open=maybe >}}\nx\n{{< /admonition >}}", `admonition: open="maybe"; write open=true or open=false`},
		{"too many", "{{< admonition tip \"T\" false extra >}}\nx\n{{< /admonition >}}", `admonition: 4 positional arguments`},
		{"empty", "{{< admonition tip >}}\n{{< /admonition >}}", `admonition: the body is empty`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			note := "---\ntitle: Bad\ndescription: A mistake.\ndate: 2024-01-01\n---\n\n" + c.body + "\n"
			r, err := fastNotes(t, map[string]string{"bad.md": note})
			if err == nil {
				t.Fatalf("the build passed; want an error %q", c.want)
			}
			if !strings.Contains(r.Output, c.want) || !strings.Contains(r.Output, "content/notes/bad.md:7") {
				t.Errorf("the error does not say %q at content/notes/bad.md:7:\n%s", c.want, r.Output)
			}
		})
	}
}
