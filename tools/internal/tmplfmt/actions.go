package tmplfmt

import (
	"fmt"
	"slices"
	"strings"
)

// kind is what a piece of a template is.
type kind int

const (
	textPiece    kind = iota // published text (HTML, Markdown, …)
	actionPiece              // {{ … }}
	commentPiece             // {{/* … */}}, with or without trim markers
)

// piece is one lexed part of a template. For an action, body is what lies
// between the delimiters and their trim markers, as written.
type piece struct {
	kind         kind
	raw          string // the piece as written
	body         string
	trimL, trimR bool
	line         int // where it starts, from 1
}

// isSpace is a space as Go's template lexer reads it (trim markers and
// separators).
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// lex splits a template into text, actions and comments as Go's
// text/template lexer does with the default delimiters: a trim marker is
// "-" followed by a space ({{-3}} is the number -3), a comment starts
// right after the opening delimiter and its marker and ends at "*/"
// followed by the closing delimiter, and inside an action "}}" ends it only
// outside quoted, raw and character literals.
func lex(src string) ([]piece, error) {
	var out []piece
	line := 1
	for len(src) > 0 {
		i := strings.Index(src, "{{")
		if i < 0 {
			out = append(out, piece{kind: textPiece, raw: src, line: line})
			break
		}
		if i > 0 {
			out = append(out, piece{kind: textPiece, raw: src[:i], line: line})
			line += strings.Count(src[:i], "\n")
			src = src[i:]
		}
		p, err := lexAction(src)
		if err != nil {
			return nil, fmt.Errorf("line %d: %v", line, err)
		}
		p.line = line
		out = append(out, p)
		line += strings.Count(p.raw, "\n")
		src = src[len(p.raw):]
	}
	return out, nil
}

// lexAction reads the action or comment at the start of src.
func lexAction(src string) (piece, error) {
	p := piece{kind: actionPiece}
	pos := 2
	if len(src) >= 4 && src[2] == '-' && isSpace(src[3]) {
		p.trimL = true
		pos = 4
	}
	if strings.HasPrefix(src[pos:], "/*") {
		end := strings.Index(src[pos+2:], "*/")
		if end < 0 {
			return p, fmt.Errorf("unclosed comment")
		}
		rest := src[pos+2+end+2:]
		n := 0
		switch {
		case strings.HasPrefix(rest, "}}"):
			n = 2
		case len(rest) >= 4 && isSpace(rest[0]) && rest[1] == '-' && strings.HasPrefix(rest[2:], "}}"):
			n = 4
		default:
			return p, fmt.Errorf("comment ends without closing delimiter")
		}
		p.kind = commentPiece
		p.raw = src[:pos+2+end+2+n]
		return p, nil
	}
	start := pos
	for pos < len(src) {
		c := src[pos]
		switch c {
		case '"', '\'':
			j := pos + 1
			for j < len(src) && src[j] != c && src[j] != '\n' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(src) || src[j] != c {
				return p, fmt.Errorf("unterminated %c literal", c)
			}
			pos = j + 1
		case '`':
			j := strings.IndexByte(src[pos+1:], '`')
			if j < 0 {
				return p, fmt.Errorf("unterminated raw string")
			}
			pos += j + 2
		case '}':
			if strings.HasPrefix(src[pos:], "}}") {
				body := src[start:pos]
				if n := len(body); n >= 2 && body[n-1] == '-' && isSpace(body[n-2]) {
					p.trimR = true
					body = body[:n-1]
				}
				p.body = body
				p.raw = src[:pos+2]
				return p, nil
			}
			pos++
		default:
			pos++
		}
	}
	return p, fmt.Errorf("unclosed action")
}

// canonical writes an action in canonical form: one space after the
// opening delimiter (and its trim marker) and before the closing one,
// spaces and tabs between tokens collapsed to one, none just inside
// parentheses, and line breaks kept with the indentation that follows
// them but without the spaces before them. Literals are kept as written.
func canonical(p piece) string {
	var b strings.Builder
	b.WriteString("{{")
	if p.trimL {
		b.WriteString("-")
	}
	body := p.body
	// Walk the body: literals verbatim, runs of space rewritten.
	var toks []string // non-space tokens and space runs, in order
	for i := 0; i < len(body); {
		j := i
		switch {
		case isSpace(body[i]):
			for j < len(body) && isSpace(body[j]) {
				j++
			}
		case body[i] == '"' || body[i] == '\'':
			q := body[i]
			j++
			for j < len(body) && body[j] != q {
				if body[j] == '\\' {
					j++
				}
				j++
			}
			j++
		case body[i] == '`':
			j += 1 + strings.IndexByte(body[i+1:], '`') + 1
		default:
			for j < len(body) && !isSpace(body[j]) && !strings.ContainsRune("\"'`", rune(body[j])) {
				j++
			}
		}
		toks = append(toks, body[i:j])
		i = j
	}
	if len(toks) == 0 || !isSpace(toks[0][0]) {
		toks = append([]string{" "}, toks...)
	}
	if !isSpace(toks[len(toks)-1][0]) {
		toks = append(toks, " ")
	}
	for i, t := range toks {
		if !isSpace(t[0]) {
			b.WriteString(t)
			continue
		}
		if k := strings.LastIndexByte(t, '\n'); k >= 0 {
			b.WriteString(strings.Repeat("\n", strings.Count(t, "\n")))
			b.WriteString(strings.ReplaceAll(strings.ReplaceAll(t[k+1:], "\r", ""), "\t", "  "))
			continue
		}
		first, last := i == 0, i == len(toks)-1
		if !first && !last && (strings.HasSuffix(toks[i-1], "(") || strings.HasPrefix(toks[i+1], ")")) {
			continue
		}
		b.WriteString(" ")
	}
	if p.trimR {
		b.WriteString("-")
	}
	b.WriteString("}}")
	return b.String()
}

// FormatActions formats one template without changing what it publishes:
// actions in canonical form (see canonical), comments and published text
// as written, and the indentation of the lines that start with a
// left-trimming action or comment ("{{- ", which removes it) set by the
// rule in the package comment.
func FormatActions(src []byte) ([]byte, error) {
	pieces, err := lex(string(src))
	if err != nil {
		return nil, err
	}
	pure := pureBlocks(pieces)
	var (
		b      strings.Builder
		stack  []block
		indent string // the indentation of the current line, as written out
	)
	for i, p := range pieces {
		if p.kind == textPiece {
			s := p.raw
			k := strings.LastIndexByte(s, '\n')
			tail := s[k+1:]
			lead := (k >= 0 || i == 0) && strings.Trim(tail, " \t") == ""
			if lead && i+1 < len(pieces) && pieces[i+1].trimL {
				s = trimmedBlanks(s[:k+1]) + newIndent(pieces[i+1], tail, stack)
			}
			k = strings.LastIndexByte(s, '\n')
			if k >= 0 || i == 0 {
				line := s[k+1:]
				indent = line[:len(line)-len(strings.TrimLeft(line, " \t"))]
			}
			b.WriteString(s)
			continue
		}
		if p.kind == commentPiece {
			b.WriteString(p.raw)
			continue
		}
		switch keyword(p.body) {
		case "if", "with", "range", "define", "block":
			lead := i == 0 || leads(pieces[i-1])
			stack = append(stack, block{indent, lead && pure[i]})
		case "end":
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
		b.WriteString(canonical(p))
	}
	return []byte(b.String()), nil
}

// trimmedBlanks removes the spaces and tabs before the line breaks of the
// blanks that end s: a left trim marker after s removes them all.
func trimmedBlanks(s string) string {
	body := strings.TrimRight(s, " \t\r\n")
	var b strings.Builder
	for _, line := range strings.SplitAfter(s[len(body):], "\n") {
		b.WriteString(strings.TrimLeft(line, " \t\r"))
	}
	return body + b.String()
}

// block is an open control structure (if, with, range, define, block).
type block struct {
	indent string // the indentation of the line that opened it
	own    bool   // its opener starts its line and it holds no published text
}

// newIndent is the indentation of a line that starts with the trimming
// piece p and is indented with tail, inside the innermost block given by
// top: end and else take the indentation of the line that opened the
// block; the other pieces of a block that holds no published text, opened
// at the start of its line, are indented two spaces further; any other
// keeps its indentation, with tabs as two spaces.
func newIndent(p piece, tail string, stack []block) string {
	if len(stack) > 0 {
		top := stack[len(stack)-1]
		if w := keyword(p.body); p.kind == actionPiece && (w == "end" || w == "else") {
			return top.indent
		}
		if top.own {
			return top.indent + "  "
		}
	}
	return strings.ReplaceAll(tail, "\t", "  ")
}

// leads reports whether the text piece t ends a line break and blanks, so
// that the piece after it starts its line.
func leads(t piece) bool {
	if t.kind != textPiece {
		return false
	}
	k := strings.LastIndexByte(t.raw, '\n')
	return k >= 0 && strings.Trim(t.raw[k+1:], " \t") == ""
}

// keyword is the first word of an action: a control keyword or not.
func keyword(body string) string {
	f := strings.Fields(body)
	if len(f) == 0 {
		return ""
	}
	return f[0]
}

// pureBlocks marks the openers (by index) of the blocks that hold no
// published text between their opener and their end, only actions,
// comments and blanks.
func pureBlocks(pieces []piece) map[int]bool {
	pure := map[int]bool{}
	var open []int
	for i, p := range pieces {
		switch {
		case p.kind == textPiece && strings.Trim(p.raw, " \t\r\n") != "":
			for _, o := range open {
				pure[o] = false
			}
		case p.kind != actionPiece:
		case slices.Contains([]string{"if", "with", "range", "define", "block"}, keyword(p.body)):
			open = append(open, i)
			pure[i] = true
		case keyword(p.body) == "end" && len(open) > 0:
			open = open[:len(open)-1]
		}
	}
	for _, o := range open {
		pure[o] = false
	}
	return pure
}
