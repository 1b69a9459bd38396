package linkcheck

import (
	"os"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// readMarkdown adds the destinations of the links and images of a Markdown
// file (a note's Markdown copy, llms.txt), found by a CommonMark parser: a
// link written inside a code block or code span, or with escaped brackets,
// is text, not a link.
func (c *checker) readMarkdown(file, rel string) error {
	b, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	base := c.pageURL(rel)
	doc := goldmark.New().Parser().Parse(text.NewReader(b))
	return ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest string
		switch n := n.(type) {
		case *ast.Link:
			dest = string(n.Destination)
		case *ast.Image:
			dest = string(n.Destination)
		case *ast.AutoLink:
			if n.AutoLinkType != ast.AutoLinkURL {
				return ast.WalkContinue, nil
			}
			dest = string(n.URL(b))
		default:
			return ast.WalkContinue, nil
		}
		c.add(ref{page: rel, raw: strings.TrimSpace(dest), base: base})
		return ast.WalkContinue, nil
	})
}
