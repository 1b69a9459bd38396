package migrate

import (
	"regexp"
	"strings"
)

// mdImageRe is a Markdown image: alt text, destination and optional title.
var mdImageRe = regexp.MustCompile(`!\[([^\]\n]*)\]\(\s*(<[^>\n]*>|[^\s()]+)(?:\s+"([^"\n]*)")?\s*\)`)

// loveitSyntax are LoveIt's Markdown extensions, which render as typed here.
var loveitSyntax = []struct {
	re  *regexp.Regexp
	msg string
}{
	{regexp.MustCompile(`:\((?:fa[srlbd]?|fa-[a-z]+)\s+fa-[a-z0-9-]+[^)]*\):`), "Font Awesome icon: the theme has no icon font; write the text without it, or an emoji"},
	{regexp.MustCompile(`\[[^\]\n]+\]\^\([^)\n]+\)`), "LoveIt's ruby annotation [base]^(note): write base (note)"},
	{regexp.MustCompile(`\[[^\]\n]+\]/\[[^\]\n]+\]`), "LoveIt's fraction [a]/[b]: write a/b, or a formula $\\frac{a}{b}$"},
	{regexp.MustCompile(`\{\?[^}\n]\}`), "LoveIt's escape {?X}: write the character X (or \\X)"},
}

// paragraph converts one paragraph: its inline math first (so a formula's
// < and > are not taken for tags), then its raw HTML, then LoveIt's own
// Markdown extensions, which are only reported.
func (c *conv) paragraph(ps, pe int) {
	c.inlineMath(ps, pe)
	c.html(ps, pe)
	c.mdImages(ps, pe)
	text := string(c.mask[ps:pe])
	for _, s := range loveitSyntax {
		for _, m := range s.re.FindAllStringIndex(text, -1) {
			c.manual(ps+m[0], short(text[m[0]:m[1]], 40)+": "+s.msg)
		}
	}
}

// mdImages gives Markdown images without alt text one (from the title, else
// the file name), since the theme warns about each, and notes remote ones.
func (c *conv) mdImages(ps, pe int) {
	text := string(c.mask[ps:pe])
	for _, m := range mdImageRe.FindAllStringSubmatchIndex(text, -1) {
		img := text[m[0]:m[1]]
		src := strings.Trim(text[m[4]:m[5]], "<>")
		if strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://") || strings.HasPrefix(src, "//") {
			c.note(ps+m[0], short(img, 60)+": a remote image is blocked by the site's Content-Security-Policy (img-src 'self'): save it next to the note and write its file name")
		}
		if strings.TrimSpace(text[m[2]:m[3]]) != "" {
			continue
		}
		title := ""
		if m[6] >= 0 {
			title = text[m[6]:m[7]]
		}
		md, altNote := mdImage(src, "", title)
		c.change(ps+m[0], ps+m[1], md, short(img, 60)+" → "+md+"; "+altNote)
	}
}
