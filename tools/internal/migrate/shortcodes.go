package migrate

import (
	"strings"
)

// call is one shortcode call: {{< name args >}}, {{< /name >}} or {{% … %}}.
type call struct {
	start, end int // the call's bytes in src
	name       string
	closing    bool
	selfClose  bool
	args       []arg
}

// arg is a named (key=value) or positional argument.
type arg struct{ key, val string }

// kept are the shortcodes the theme (or Hugo itself) renders.
var kept = map[string]bool{
	"admonition": true, "cmd": true, "math": true, "eqref": true,
	"figure": true, "highlight": true, "ref": true, "relref": true, "param": true,
	"details": true, "qr": true, "comment": true,
}

// manualAdvice says what to write instead of a shortcode the theme lacks.
var manualAdvice = map[string]string{
	"style":        "write the text without it: the theme styles notes, and style=\"\" is blocked by the site's Content-Security-Policy",
	"typeit":       "write the text as it is: the theme animates nothing",
	"script":       "remove it: notes cannot run scripts",
	"music":        "link to the track instead: [Title](https://…); the site's Content-Security-Policy blocks embedded players",
	"bilibili":     "link to the video instead: [Title](https://www.bilibili.com/video/ID)",
	"mapbox":       "use an image of the map (![Map of …](map.png)) with a link to an online map",
	"person":       "write a Markdown link: [Name](https://…)",
	"version":      "write it as text, e.g. *New in 0.2.0*",
	"gist":         "link to the gist, or paste its code in a fenced code block",
	"mermaid":      "put the diagram in a ```mermaid code block (shown as code), or export it as an SVG and write ![what it shows](diagram.svg)",
	"echarts":      "put the options in a code block, or export the chart as an image and write ![what it shows](chart.svg)",
	"raw":          "write the content in Markdown; the site renders no raw HTML",
	"fontawesome":  "write the text without the icon, or use an emoji",
	"center-quote": "write a Markdown quote: > text",
	"tabs":         "write each tab as a section under its own heading",
	"tab":          "write each tab as a section under its own heading",
}

// embeds are Hugo's own shortcodes that load a page from another site:
// they build, but a Content-Security-Policy like ours (netlify.toml) blocks them.
var embeds = map[string]bool{"youtube": true, "vimeo": true, "x": true, "instagram": true}

// bodySkipped are shortcodes whose body is not Markdown.
var bodySkipped = map[string]bool{"script": true, "raw": true, "mermaid": true, "echarts": true}

// parseCalls finds every shortcode call after off. Calls written as
// {{</* … */>}} are examples, not calls: they are masked and skipped.
func (c *conv) parseCalls(off int) []call {
	var calls []call
	for {
		i := strings.Index(c.src[off:], "{{")
		if i < 0 {
			return calls
		}
		start := off + i
		if start+2 >= len(c.src) || (c.src[start+2] != '<' && c.src[start+2] != '%') {
			off = start + 2
			continue
		}
		closer := ">}}"
		if c.src[start+2] == '%' {
			closer = "%}}"
		}
		j := strings.Index(c.src[start+3:], closer)
		if j < 0 {
			return calls
		}
		end := start + 3 + j + 3
		inner := strings.TrimSpace(c.src[start+3 : start+3+j])
		off = end
		if strings.HasPrefix(inner, "/*") {
			c.blank(start, end)
			continue
		}
		k := call{start: start, end: end}
		if strings.HasPrefix(inner, "/") {
			k.closing = true
			inner = strings.TrimSpace(inner[1:])
		}
		if strings.HasSuffix(inner, "/") {
			k.selfClose = true
			inner = strings.TrimSpace(strings.TrimSuffix(inner, "/"))
		}
		toks := tokens(inner)
		if len(toks) == 0 {
			continue
		}
		k.name = strings.ToLower(toks[0].val)
		k.args = toks[1:]
		calls = append(calls, k)
	}
}

// tokens splits shortcode arguments: bare words, "quoted" or `raw`
// strings, and key=value pairs of those.
func tokens(s string) []arg {
	var out []arg
	for {
		s = strings.TrimLeft(s, " \t\r\n")
		if s == "" {
			return out
		}
		key := ""
		if i := strings.IndexAny(s, "= \t\r\n\"`"); i > 0 && s[i] == '=' {
			key, s = s[:i], s[i+1:]
		}
		var val string
		switch {
		case s != "" && (s[0] == '"' || s[0] == '`'):
			q := s[0]
			i := 1
			var b strings.Builder
			for ; i < len(s) && s[i] != q; i++ {
				if q == '"' && s[i] == '\\' && i+1 < len(s) {
					i++
				}
				b.WriteByte(s[i])
			}
			val, s = b.String(), s[min(i+1, len(s)):]
		default:
			i := strings.IndexAny(s, " \t\r\n")
			if i < 0 {
				i = len(s)
			}
			val, s = s[:i], s[i:]
		}
		out = append(out, arg{key, val})
	}
}

// get returns a named argument, or else the positional one at pos (-1: none).
func get(args []arg, key string, pos int) string {
	n := 0
	for _, a := range args {
		if key != "" && a.key == key {
			return a.val
		}
		if a.key == "" {
			if n == pos {
				return a.val
			}
			n++
		}
	}
	return ""
}

// shortcodes converts or reports each shortcode call after off.
func (c *conv) shortcodes(off int) {
	calls := c.parseCalls(off)
	for i, k := range calls {
		c.blank(k.start, k.end)
		if k.closing || kept[k.name] {
			continue
		}
		// The matching closing call, if the shortcode has a body.
		closeAt := -1
		if !k.selfClose {
			for j := i + 1; j < len(calls); j++ {
				if calls[j].name == k.name {
					if calls[j].closing {
						closeAt = j
					}
					break
				}
			}
		}
		text := c.src[k.start:k.end]
		switch {
		case k.name == "image" && closeAt < 0:
			c.imageCall(k, text)
		case k.name == "link" && closeAt < 0:
			c.linkCall(k, text)
		case k.name == "person" && closeAt < 0 && get(k.args, "url", 0) != "":
			c.personCall(k, text)
		case k.name == "version" && closeAt < 0 && get(k.args, "", 0) != "":
			c.versionCall(k, text)
		case k.name == "bilibili" && closeAt < 0 && get(k.args, "id", 0) != "":
			c.bilibiliCall(k, text)
		case embeds[k.name]:
			c.note(k.start, short(text, 60)+": Hugo's embed loads a page from another site, which a Content-Security-Policy like Boda Blog's (default-src 'none') blocks: link to it instead if your site sends one")
		case (k.name == "style" || k.name == "center-quote" || k.name == "typeit" && len(k.args) == 0) && closeAt >= 0:
			cl := calls[closeAt]
			c.change(k.start, k.end, "", short(text, 60)+" and its closing tag removed, the text kept: "+manualAdvice[k.name])
			c.edits = append(c.edits, edit{cl.start, cl.end, "", -1})
		case k.name == "typeit" && closeAt >= 0 && get(k.args, "code", -1) != "" && c.alone(k) && c.alone(calls[closeAt]):
			cl := calls[closeAt]
			lang := get(k.args, "code", -1)
			c.change(k.start, k.end, "```"+lang, short(text, 60)+" → a ```"+lang+" code block: the theme animates nothing")
			c.edits = append(c.edits, edit{cl.start, cl.end, "```", -1})
		case (k.name == "mermaid" || k.name == "echarts") && closeAt >= 0 && c.alone(k) && c.alone(calls[closeAt]):
			cl := calls[closeAt]
			lang := k.name
			if k.name == "echarts" {
				lang = "json"
				if b := strings.TrimSpace(c.src[k.end:cl.start]); b != "" && b[0] != '{' {
					lang = "yaml"
				}
			}
			c.change(k.start, k.end, "```"+lang, short(text, 60)+" → a ```"+lang+" code block: the theme shows it as code; to draw it, export it as an SVG and write ![what it shows](diagram.svg)")
			c.edits = append(c.edits, edit{cl.start, cl.end, "```", -1})
		case k.name == "raw" && closeAt >= 0 && isMathOnly(c.src[k.end:calls[closeAt].start]):
			cl := calls[closeAt]
			c.change(k.start, k.end, "", short(text, 40)+" removed around a formula: the theme reads TeX as it is written")
			c.edits = append(c.edits, edit{cl.start, cl.end, "", -1})
		default:
			advice := manualAdvice[k.name]
			if advice == "" {
				advice = "the theme has no `" + k.name + "` shortcode, so Hugo stops the build here: write it in Markdown"
			}
			c.manual(k.start, short(text, 60)+": "+advice)
		}
		if closeAt >= 0 && (bodySkipped[k.name] || k.name == "typeit" && get(k.args, "code", -1) != "") {
			c.blank(k.end, calls[closeAt].start)
		}
	}
}

// alone reports whether a call is the only thing on its line.
func (c *conv) alone(k call) bool {
	ls := strings.LastIndexByte(c.src[:k.start], '\n') + 1
	le := strings.IndexByte(c.src[k.end:], '\n')
	if le < 0 {
		le = len(c.src)
	} else {
		le += k.end
	}
	return strings.TrimSpace(c.src[ls:k.start]) == "" && strings.TrimSpace(c.src[k.end:le]) == ""
}

// isMathOnly reports whether a raw body is one formula: \(…\), \[…\], $…$ or $$…$$.
func isMathOnly(s string) bool {
	s = strings.TrimSpace(s)
	for _, d := range [][2]string{{`\(`, `\)`}, {`\[`, `\]`}, {"$$", "$$"}, {"$", "$"}} {
		if len(s) > len(d[0])+len(d[1]) && strings.HasPrefix(s, d[0]) && strings.HasSuffix(s, d[1]) &&
			!strings.Contains(s[len(d[0]):len(s)-len(d[1])], d[1]) {
			return true
		}
	}
	return false
}
