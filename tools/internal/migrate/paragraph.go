package migrate

import "regexp"

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
	text := string(c.mask[ps:pe])
	for _, s := range loveitSyntax {
		for _, m := range s.re.FindAllStringIndex(text, -1) {
			c.manual(ps+m[0], short(text[m[0]:m[1]], 40)+": "+s.msg)
		}
	}
}
