// Package migrate rewrites Markdown written for LoveIt (and its forks DoIt,
// FixIt and CodeIT) into the Markdown Boda Blog renders: raw HTML images
// become Markdown images, <br> becomes a hard break, spaced inline math and
// LoveIt's escapes inside formulas are tidied, the `image` and `link`
// shortcodes become Markdown. Whatever it cannot rewrite is reported at its
// file and line with what to write instead.
package migrate

import (
	"sort"
	"strings"
)

// Kind says what a finding asks of the author.
type Kind int

const (
	// Change is rewritten by the command.
	Change Kind = iota
	// Note needs no rewrite: something the author or the site should know.
	Note
	// Manual cannot be rewritten by the command: the author must.
	Manual
)

func (k Kind) String() string {
	switch k {
	case Change:
		return "change"
	case Note:
		return "note"
	}
	return "cannot convert"
}

// Finding is one thing reported at a line of a file.
type Finding struct {
	Line int
	Kind Kind
	Msg  string
}

// Facts are what a file tells about the site it belongs to.
type Facts struct {
	Categories   bool // the front matter sets categories
	DateFromName bool // no date in front matter, but the file name starts with one
}

// edit replaces src[start:end] with text; find is the index of the finding
// that reports it (-1: reported with another edit).
type edit struct {
	start, end int
	text       string
	find       int
}

type finding struct {
	off  int
	kind Kind
	msg  string
}

// conv holds the state of one file's conversion.
type conv struct {
	src   string
	name  string // the file's slash-separated path, for its date
	mask  []byte // src with everything that is not prose blanked out
	edits []edit
	finds []finding
	facts Facts
}

// blankByte fills masked regions; newlines are kept so lines still count.
const blankByte = 0x01

// Convert rewrites one Markdown file. name is its path (used only for a
// date in the file name). It returns the new content, the findings sorted
// by line and what the file says about the site.
func Convert(name string, src []byte) ([]byte, []Finding, Facts) {
	c := &conv{src: string(src), name: name, mask: []byte(string(src))}
	body := c.frontMatter()
	c.shortcodes(body)
	c.fences(body)
	c.indentedCode(body)
	c.rawBlocks(body)
	c.codeSpans(body)
	c.displayMath(body)
	for _, p := range c.paragraphs(body) {
		c.paragraph(p[0], p[1])
	}
	return []byte(c.apply()), c.findings(), c.facts
}

// blank masks src[start:end] so later passes skip it.
func (c *conv) blank(start, end int) {
	for i := start; i < end && i < len(c.mask); i++ {
		if c.mask[i] != '\n' {
			c.mask[i] = blankByte
		}
	}
}

// change records an edit and reports it.
func (c *conv) change(start, end int, text, msg string) {
	c.edits = append(c.edits, edit{start, end, text, len(c.finds)})
	c.finds = append(c.finds, finding{start, Change, msg})
}

func (c *conv) note(off int, msg string)   { c.finds = append(c.finds, finding{off, Note, msg}) }
func (c *conv) manual(off int, msg string) { c.finds = append(c.finds, finding{off, Manual, msg}) }

// apply writes the edits into the source. Edits do not overlap: a pass
// masks what it rewrites, and later passes skip masked text. Should one
// overlap an earlier edit all the same, it is not made, and its finding
// says so and asks for a hand rewrite.
func (c *conv) apply() string {
	sort.SliceStable(c.edits, func(i, j int) bool { return c.edits[i].start < c.edits[j].start })
	var b strings.Builder
	at := 0
	for _, e := range c.edits {
		if e.start < at {
			if e.find >= 0 {
				f := &c.finds[e.find]
				f.kind, f.msg = Manual, "not converted, as it overlaps the change before it: "+f.msg
			}
			continue
		}
		b.WriteString(c.src[at:e.start])
		b.WriteString(e.text)
		at = e.end
	}
	b.WriteString(c.src[at:])
	return b.String()
}

func (c *conv) findings() []Finding {
	finds := append([]finding(nil), c.finds...)
	sort.SliceStable(finds, func(i, j int) bool { return finds[i].off < finds[j].off })
	out := make([]Finding, 0, len(finds))
	for _, f := range finds {
		out = append(out, Finding{Line: c.line(f.off), Kind: f.kind, Msg: f.msg})
	}
	return out
}

// line is the 1-based line of a byte offset.
func (c *conv) line(off int) int {
	if off > len(c.src) {
		off = len(c.src)
	}
	return strings.Count(c.src[:off], "\n") + 1
}

// short cuts s to n runes for a report line and keeps it on one line.
func short(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
