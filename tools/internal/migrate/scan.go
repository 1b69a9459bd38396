package migrate

import (
	"regexp"
	"strings"
)

var fenceRe = regexp.MustCompile("^[ \t]*(`{3,}|~{3,})(.*)$")

// lines calls fn with the start and end (before the newline) of each line
// of src from off on.
func (c *conv) lines(off int, fn func(start, end int)) {
	for off < len(c.src) {
		nl := strings.IndexByte(c.src[off:], '\n')
		end := len(c.src)
		if nl >= 0 {
			end = off + nl
		}
		fn(off, end)
		off = end + 1
	}
}

// fences masks fenced code blocks: a run of three or more ` or ~ opens one,
// and the same character, at least as many, alone on a line closes it.
func (c *conv) fences(off int) {
	open, mark := -1, ""
	c.lines(off, func(start, end int) {
		line := strings.TrimRight(c.src[start:end], "\r")
		m := fenceRe.FindStringSubmatch(line)
		switch {
		case open < 0 && m != nil && !(m[1][0] == '`' && strings.Contains(m[2], "`")):
			open, mark = start, m[1]
		case open >= 0 && m != nil && m[1][0] == mark[0] && len(m[1]) >= len(mark) && strings.TrimSpace(m[2]) == "":
			c.blank(open, end)
			open = -1
		}
	})
	if open >= 0 {
		c.blank(open, len(c.src))
	}
}

// isBlankLine reports whether a masked line holds no prose.
func isBlankLine(b []byte) bool {
	for _, ch := range b {
		if ch != ' ' && ch != '\t' && ch != '\r' && ch != blankByte {
			return false
		}
	}
	return true
}

// paragraphs lists the runs of lines that hold prose, as [start, end) pairs.
func (c *conv) paragraphs(off int) [][2]int {
	var out [][2]int
	start, last := -1, 0
	c.lines(off, func(s, e int) {
		if isBlankLine(c.mask[s:e]) {
			if start >= 0 {
				out = append(out, [2]int{start, last})
				start = -1
			}
			return
		}
		if start < 0 {
			start = s
		}
		last = e
	})
	if start >= 0 {
		out = append(out, [2]int{start, last})
	}
	return out
}

// codeSpans masks inline code: a run of backticks up to the next run of
// the same length in the same paragraph.
func (c *conv) codeSpans(off int) {
	for _, p := range c.paragraphs(off) {
		m := c.mask
		for i := p[0]; i < p[1]; i++ {
			switch m[i] {
			case '\\':
				i++
			case '`':
				n := run(m, i, p[1], '`')
				for j := i + n; j < p[1]; j++ {
					if m[j] == '`' {
						k := run(m, j, p[1], '`')
						if k == n {
							c.blank(i, j+k)
							i = j + k - 1
							break
						}
						j += k - 1
					}
				}
				if m[i] == '`' {
					i += n - 1
				}
			}
		}
	}
}

// run is the length of the run of ch at b[i:end].
func run(b []byte, i, end int, ch byte) int {
	n := 0
	for i+n < end && b[i+n] == ch {
		n++
	}
	return n
}

// rawBlockRes are HTML whose content is not Markdown: comments, and
// elements whose text the browser takes as it is.
var rawBlockRes = []*regexp.Regexp{
	regexp.MustCompile(`(?s)<!--.*?-->`),
	regexp.MustCompile(`(?is)<pre\b[^>]*>.*?</pre\s*>`),
	regexp.MustCompile(`(?is)<script\b[^>]*>.*?</script\s*>`),
	regexp.MustCompile(`(?is)<style\b[^>]*>.*?</style\s*>`),
}

// rawBlocks masks HTML comments (which nobody sees either way) and <pre>,
// <script> and <style> elements, reported once each: their content is not
// prose to convert.
func (c *conv) rawBlocks(off int) {
	for i, re := range rawBlockRes {
		for _, m := range re.FindAllIndex(c.mask[off:], -1) {
			start, end := off+m[0], off+m[1]
			if i > 0 {
				tag := c.src[start : start+strings.IndexByte(c.src[start:], '>')+1]
				c.manual(start, "raw HTML "+short(tag, 40)+"… is dropped by the theme (it renders no raw HTML): "+
					map[int]string{1: advice["pre"], 2: advice["script"], 3: advice["style"]}[i])
			}
			c.blank(start, end)
		}
	}
}

var listItem = regexp.MustCompile(`^[ \t]*([-*+]|\d+[.)])[ \t]`)

// indentedCode masks indented code blocks: lines indented by four spaces or
// a tab after a blank line, where the text before is not a list (whose
// items continue with indented paragraphs).
func (c *conv) indentedCode(off int) {
	prevBlank, inCode, code := true, false, -1
	lastText := "" // the last line with text before the current run of blanks
	c.lines(off, func(start, end int) {
		line := string(c.mask[start:end])
		if isBlankLine([]byte(line)) {
			prevBlank = true
			return
		}
		indented := strings.HasPrefix(line, "    ") || strings.HasPrefix(line, "\t")
		switch {
		case inCode && indented:
		case indented && prevBlank && !listItem.MatchString(lastText) && !strings.HasPrefix(lastText, " ") && !strings.HasPrefix(lastText, "\t"):
			inCode, code = true, start
		default:
			if inCode {
				c.blank(code, start)
			}
			inCode = false
		}
		if !inCode {
			lastText = line
		}
		prevBlank = false
	})
	if inCode {
		c.blank(code, len(c.src))
	}
}
