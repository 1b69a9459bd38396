package migrate

import (
	"regexp"
	"strings"
)

var (
	texCommand = regexp.MustCompile(`\\([A-Za-z]+|[{}|,;!])`)
	letterRun  = regexp.MustCompile(`[A-Za-z]+`)
	// beginEnv opens the environments LoveIt's math script found without
	// delimiters.
	beginEnv  = regexp.MustCompile(`^[ \t]*\\begin\{((?:equation|align|alignat|gather)\*?|CD)\}`)
	blankLine = regexp.MustCompile(`\n[ \t\r]*\n`)
	// mathWords are function names that may stand next to operators.
	mathWords = map[string]bool{"sin": true, "cos": true, "tan": true, "log": true, "ln": true, "exp": true, "max": true,
		"min": true, "det": true, "dim": true, "ker": true, "lim": true, "sup": true, "inf": true, "arg": true, "mod": true, "gcd": true}
)

// clearlyMath reports whether the text of a spaced $ … $ pair is a formula
// rather than the prose between two prices: a TeX command, a sub- or
// superscript or braces, or operators between variables (words of at most
// two letters, or function names). "5 and ", "20 and US" or "5 + tax, or "
// are prose.
func clearlyMath(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	if texCommand.MatchString(s) || strings.ContainsAny(s, "^_{}") {
		return true
	}
	words := letterRun.FindAllString(s, -1)
	for _, w := range words {
		if len(w) > 2 && !mathWords[w] {
			return false
		}
	}
	if len(words) == 0 {
		return strings.Contains(s, "=")
	}
	if len(words) == 1 && len(s) <= 3 {
		return true // a lone variable: $ x $, $ x1 $
	}
	return strings.ContainsAny(s, "=<>+-*/")
}

// fixTeX undoes the escapes LoveIt asked for inside formulas, which Markdown
// removed before its math script ran: \_ and \* meant _ and *, \>> meant >>,
// \\\\ meant the row break \\, and \\{ \\} \\| \\, \\; \\! meant \{ \} \| \, \; \!.
// Here a formula reaches the renderer as it is written. It returns the
// fixed TeX and what was replaced.
func fixTeX(tex string) (string, []string) {
	var b strings.Builder
	seen := map[string]bool{}
	var done []string
	did := func(s string) {
		if !seen[s] {
			seen[s] = true
			done = append(done, s)
		}
	}
	for i := 0; i < len(tex); i++ {
		if tex[i] != '\\' {
			b.WriteByte(tex[i])
			continue
		}
		n := run([]byte(tex), i, len(tex), '\\')
		i += n - 1 // i is on the last backslash of the run
		for ; n >= 4; n -= 4 {
			b.WriteString(`\\`)
			did(`\\\\ → \\`)
		}
		next := byte(0)
		if i+1 < len(tex) {
			next = tex[i+1]
		}
		switch {
		case n == 2 && next != 0 && strings.IndexByte("{}|,;:!#%&", next) >= 0:
			b.WriteByte('\\')
			did(`\\` + string(next) + ` → \` + string(next))
		case n == 1 && (next == '_' || next == '*'):
			did(`\` + string(next) + ` → ` + string(next))
		case n == 1 && next == '>' && i+2 < len(tex) && tex[i+2] == '>':
			did(`\>> → >>`)
		default:
			b.WriteString(strings.Repeat(`\`, n))
		}
	}
	return b.String(), done
}

// mathEdit rewrites a formula region when its TeX or delimiters change.
func (c *conv) mathEdit(start, end int, open, tex, close, why string) {
	fixed, done := fixTeX(tex)
	text := open + fixed + close
	if text == c.src[start:end] {
		return
	}
	msg := short(c.src[start:end], 50) + " → " + short(text, 50)
	var parts []string
	if why != "" {
		parts = append(parts, why)
	}
	if len(done) > 0 {
		parts = append(parts, "LoveIt's escapes undone ("+strings.Join(done, ", ")+"): formulas reach the renderer as written")
	}
	if len(parts) > 0 {
		msg += ": " + strings.Join(parts, "; ")
	}
	c.change(start, end, text, msg)
}

// displayMath rewrites display formulas: $$…$$, LoveIt's \\[…\\], and bare
// \begin{env}…\end{env} blocks (which LoveIt's math script found by
// themselves, and which here need $$ around them).
func (c *conv) displayMath(off int) {
	m := c.mask
	for i := off; i+1 < len(m); i++ {
		switch {
		case m[i] == '\\' && m[i+1] == '\\' && i+2 < len(m) && m[i+2] == '[':
			j := index(m, i+3, `\\]`)
			if j < 0 || blankLine.Match(m[i:j]) {
				i += 2
				continue
			}
			c.mathEdit(i, j+3, `\[`, c.src[i+3:j], `\]`, `LoveIt's \\[ … \\] is written \[ … \]`)
			c.blank(i, j+3)
			i = j + 2
		case m[i] == '\\':
			i++
		case m[i] == '$' && m[i+1] == '$':
			j := index(m, i+2, "$$")
			if j < 0 || blankLine.Match(m[i:j]) {
				i++
				continue
			}
			c.mathEdit(i, j+2, "$$", c.src[i+2:j], "$$", "")
			c.blank(i, j+2)
			i = j + 1
		}
	}
	c.lines(off, func(start, end int) {
		sub := beginEnv.FindSubmatch(m[start:end])
		if sub == nil {
			return
		}
		closer := `\end{` + string(sub[1]) + `}`
		j := index(m, start, closer)
		if j < 0 {
			c.manual(start, `\begin{`+string(sub[1])+`} has no `+closer+`: close the environment and put $$ on the lines before and after it`)
			return
		}
		tail := j + len(closer)
		le := strings.IndexByte(c.src[tail:], '\n')
		if le < 0 {
			le = len(c.src)
		} else {
			le += tail
		}
		after := "\n$$"
		if strings.TrimSpace(c.src[tail:le]) != "" {
			after = "\n$$\n"
		}
		c.mathEdit(start, tail, "$$\n", c.src[start:tail], after,
			`a bare \begin{`+string(sub[1])+`} is math only between $$ lines`)
		c.blank(start, tail)
	})
}

// index finds s in b from i on, skipping masked bytes; -1 if absent.
func index(b []byte, i int, s string) int {
	if i > len(b) {
		return -1
	}
	j := strings.Index(string(b[i:]), s)
	if j < 0 {
		return -1
	}
	return i + j
}

// inlineMath rewrites the inline formulas of a paragraph: LoveIt's
// \\( … \\), and $ … $ pairs. A $ pairs with the next $ of the paragraph,
// as in Hugo's passthrough; a pair spaced inside ("$ x^2 $") is tightened
// when its text is clearly math, and left alone otherwise (prices).
func (c *conv) inlineMath(ps, pe int) {
	m := c.mask
	for i := ps; i < pe; i++ {
		switch {
		case m[i] == '\\' && i+2 < pe && m[i+1] == '\\' && m[i+2] == '(':
			j := index(m[:pe], i+3, `\\)`)
			if j < 0 {
				i += 2
				continue
			}
			c.mathEdit(i, j+3, `\(`, c.src[i+3:j], `\)`, `LoveIt's \\( … \\) is written \( … \)`)
			c.blank(i, j+3)
			i = j + 2
		case m[i] == '\\' && i+1 < pe && (m[i+1] == '(' || m[i+1] == '['):
			closer := map[byte]string{'(': `\)`, '[': `\]`}[m[i+1]]
			if j := index(m[:pe], i+2, closer); j >= 0 && !clearlyMath(c.src[i+2:j]) {
				c.note(i, "\\"+string(m[i+1])+" … "+closer+" is math here, while LoveIt showed the bracket: write "+string(m[i+1])+" without the backslash if it is not a formula")
			}
			i++
		case m[i] == '\\':
			i++
		case m[i] == '$' && i+1 < pe && m[i+1] == '$':
			i++
		case m[i] == '$':
			j := i + 1
			for ; j < pe && m[j] != '$'; j++ {
				if m[j] == '\\' {
					j++
				}
			}
			if j >= pe {
				return
			}
			inner := c.src[i+1 : j]
			spaced := strings.TrimSpace(inner) != inner
			digitAfter := j+1 < len(c.src) && c.src[j+1] >= '0' && c.src[j+1] <= '9'
			switch {
			case strings.TrimSpace(inner) == "" || digitAfter:
			case !spaced:
				c.mathEdit(i, j+1, "$", inner, "$", "")
				c.blank(i, j+1)
			case clearlyMath(inner):
				c.mathEdit(i, j+1, "$", strings.TrimSpace(inner), "$", "spaces inside $ … $ removed: a $ pair is math only when no space follows the opening $ or precedes the closing one")
				c.blank(i, j+1)
			}
			i = j
		}
	}
}
