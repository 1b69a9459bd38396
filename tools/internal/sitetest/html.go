package sitetest

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// Doc is a parsed HTML page.
type Doc struct {
	URL  string
	Raw  string
	Root *html.Node
}

// Parse parses an HTML page.
func Parse(t testing.TB, raw, url string) *Doc {
	t.Helper()
	n, err := html.Parse(strings.NewReader(raw))
	if err != nil {
		t.Fatalf("%s: parse HTML: %v", url, err)
	}
	return &Doc{URL: url, Raw: raw, Root: n}
}

// Attr returns an attribute of n.
func Attr(n *html.Node, name string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}

// HasClass reports whether n has the class c.
func HasClass(n *html.Node, c string) bool {
	v, _ := Attr(n, "class")
	for _, f := range strings.Fields(v) {
		if f == c {
			return true
		}
	}
	return false
}

// Find returns every element below n for which match is true, in document order.
func Find(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// Tag matches elements by tag name.
func Tag(name string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == name }
}

// Class matches elements that have a class.
func Class(c string) func(*html.Node) bool {
	return func(n *html.Node) bool { return HasClass(n, c) }
}

// All returns the elements of the page matching match.
func (d *Doc) All(match func(*html.Node) bool) []*html.Node { return Find(d.Root, match) }

// Text is the text content of n with runs of white space collapsed.
func Text(n *html.Node) string {
	return strings.Join(strings.Fields(RawText(n)), " ")
}

// RawText is the text content of n exactly as written.
func RawText(n *html.Node) string { return collectText(n, nil, false) }

// collectText gathers the text below n, leaving out the subtrees skip
// matches and, when blockSpace is set, separating block elements by a space.
func collectText(n *html.Node, skip func(*html.Node) bool, blockSpace bool) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && skip != nil && skip(n) {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		block := blockSpace && n.Type == html.ElementNode && blockElements[n.Data]
		if block {
			b.WriteString(" ")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			b.WriteString(" ")
		}
	}
	walk(n)
	return b.String()
}

// Title is the text of the page's first h1.
func (d *Doc) Title() string {
	if h := d.All(Tag("h1")); len(h) > 0 {
		return Text(h[0])
	}
	return ""
}

// Links returns the href of every <a> on the page.
func (d *Doc) Links() []string {
	var out []string
	for _, a := range d.All(Tag("a")) {
		if v, ok := Attr(a, "href"); ok {
			out = append(out, v)
		}
	}
	return out
}

// HasLink reports whether the page links to href.
func (d *Doc) HasLink(href string) bool {
	for _, l := range d.Links() {
		if l == href {
			return true
		}
	}
	return false
}

// Headings returns the text of the page's h2 and h3 headings in order,
// without their self-link.
func (d *Doc) Headings() []string {
	var out []string
	for _, h := range d.All(func(n *html.Node) bool { return n.Data == "h2" || n.Data == "h3" }) {
		out = append(out, strings.Join(strings.Fields(collectText(h, Class("boda-heading-link"), false)), " "))
	}
	return out
}

var blockElements = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "body": true, "dd": true, "details": true,
	"div": true, "dl": true, "dt": true, "figcaption": true, "figure": true, "footer": true, "form": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "head": true, "header": true,
	"hr": true, "html": true, "li": true, "main": true, "nav": true, "ol": true, "p": true, "pre": true,
	"section": true, "summary": true, "table": true, "tbody": true, "td": true, "tfoot": true, "th": true,
	"thead": true, "title": true, "tr": true, "ul": true, "br": true, "math": false,
}

// VisibleText is the text of n as a reader sees it: block elements separate
// words, inline elements do not, runs of white space collapse.
func VisibleText(n *html.Node) string {
	return strings.Join(strings.Fields(collectText(n, nil, true)), " ")
}
