package migrate

import (
	"path"
	"regexp"
	"strings"
)

var (
	tagRe  = regexp.MustCompile(`<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s[^<>]*?)?)\s*(/?)>`)
	attrRe = regexp.MustCompile(`([A-Za-z_:][-A-Za-z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>` + "`" + `]+)))?`)
	// pairRe is inline formatting written as HTML on one line.
	pairRe = regexp.MustCompile(`<(em|i|b|strong|code|a)(\s[^<>]*)?>([^<>]*)</(em|i|b|strong|code|a)\s*>`)
	// wrappers only lay out what they hold: the tags go, the content stays.
	wrappers = map[string]bool{"p": true, "center": true, "div": true, "figure": true, "figcaption": true, "span": true, "font": true, "small": true}
	emphasis = map[string]string{"em": "*", "i": "*", "b": "**", "strong": "**"}
	// tableDelim is the delimiter row of a Markdown table.
	tableDelim = regexp.MustCompile(`(?m)^[ \t]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$`)
)

// advice says what to write instead of a tag the command leaves alone.
var advice = map[string]string{
	"sup": "write math ($x^2$) or a Unicode superscript (²)", "sub": "write math ($x_i$) or a Unicode subscript (₂)",
	"details": "write a folded callout: > [!NOTE]- Title", "summary": "write a folded callout: > [!NOTE]- Title",
	"kbd": "write inline code in backticks", "pre": "write a fenced code block", "table": "write a Markdown table",
	"ul": "write a Markdown list (- item)", "ol": "write a Markdown list (1. item)", "hr": "write --- on a line of its own",
	"iframe": "link to it instead: the site's Content-Security-Policy blocks embedded frames",
	"video":  "link to the file instead", "audio": "link to the file instead",
	"script": "remove it: notes cannot run scripts", "style": "remove it: the theme styles notes",
	"a": "write a Markdown link: [text](url)", "img": "write a Markdown image: ![what it shows](picture.png \"caption\")",
	"br": "end the line with a backslash (\\) for a line break",
}

// attrs parses a tag's attributes; names are lowercased.
func attrs(s string) map[string]string {
	out := map[string]string{}
	for _, m := range attrRe.FindAllStringSubmatch(s, -1) {
		out[strings.ToLower(m[1])] = m[2] + m[3] + m[4]
	}
	return out
}

// mdDest writes a link destination, in <…> when it holds spaces or parentheses.
func mdDest(s string) string {
	if strings.ContainsAny(s, " ()<>") {
		return "<" + strings.ReplaceAll(strings.ReplaceAll(s, "<", "%3C"), ">", "%3E") + ">"
	}
	return s
}

// mdImage writes a Markdown image; the caption becomes its title, which the
// theme shows as the figure's caption. Missing alt text is taken from the
// caption, else from the file name, and reported.
func mdImage(src, alt, caption string) (md, altNote string) {
	alt = strings.Join(strings.Fields(alt), " ")
	caption = strings.Join(strings.Fields(caption), " ")
	if alt == "" {
		if caption != "" {
			alt, altNote = caption, "alt text taken from the caption: say what the image shows"
		} else {
			base := strings.TrimSuffix(path.Base(src), path.Ext(src))
			alt = strings.Join(strings.FieldsFunc(base, func(r rune) bool { return r == '-' || r == '_' || r == '.' }), " ")
			altNote = "no alt text: \"" + alt + "\" made from the file name; write what the image shows"
		}
	}
	r := strings.NewReplacer("[", `\[`, "]", `\]`)
	md = "![" + r.Replace(alt) + "](" + mdDest(src)
	if caption != "" {
		md += ` "` + strings.ReplaceAll(caption, `"`, `\"`) + `"`
	}
	return md + ")", altNote
}

// imgTag converts one <img> tag; caption is used when it has no title.
func imgTag(tag, caption string) (md, msg string, ok bool) {
	a := attrs(tag)
	src := a["src"]
	if src == "" {
		return "", "", false
	}
	if t := a["title"]; t != "" {
		caption = t
	}
	md, altNote := mdImage(src, a["alt"], caption)
	msg = short(tag, 60) + " → " + md
	if altNote != "" {
		msg += "; " + altNote
	}
	var dropped []string
	for _, k := range []string{"width", "height", "style", "class", "align"} {
		if v, has := a[k]; has {
			dropped = append(dropped, k+"=\""+v+"\"")
		}
	}
	if len(dropped) > 0 {
		msg += "; dropped " + strings.Join(dropped, " ") + ": a Markdown image has no size (Hugo's Markdown takes no attributes on images); the theme fits it to the text column"
	}
	if strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://") || strings.HasPrefix(src, "//") {
		msg += "; a remote image is blocked by the site's Content-Security-Policy (img-src 'self'): save it next to the note and write its file name"
	}
	return md, msg, true
}

// html converts the raw HTML of a paragraph.
func (c *conv) html(ps, pe int) {
	text := string(c.mask[ps:pe])
	tags := tagRe.FindAllStringSubmatchIndex(text, -1)
	if len(tags) == 0 {
		return
	}
	if strings.HasPrefix(strings.TrimSpace(text), "<") && c.htmlBlock(ps, pe, tags) {
		return
	}
	// One-line pairs first: <em>x</em> → *x*, <a href="u">x</a> → [x](u).
	for _, m := range pairRe.FindAllStringSubmatchIndex(text, -1) {
		open, close := text[m[2]:m[3]], text[m[8]:m[9]]
		inner := text[m[6]:m[7]]
		if open != close || strings.TrimSpace(inner) == "" || strings.Contains(inner, "`") {
			continue
		}
		var md string
		switch open {
		case "code":
			md = "`" + inner + "`"
		case "a":
			href := attrs(text[m[4]:max(m[4], m[5])])["href"]
			if href == "" {
				continue
			}
			md = "[" + inner + "](" + mdDest(href) + ")"
		default:
			md = emphasis[open] + strings.TrimSpace(inner) + emphasis[open]
		}
		c.change(ps+m[0], ps+m[1], md, short(text[m[0]:m[1]], 60)+" → "+md)
		c.blank(ps+m[0], ps+m[1])
	}
	text = string(c.mask[ps:pe])
	for _, m := range tagRe.FindAllStringSubmatchIndex(text, -1) {
		ts, te := ps+m[0], ps+m[1]
		tag := text[m[0]:m[1]]
		name := strings.ToLower(text[m[4]:m[5]])
		closing := m[3] > m[2]
		switch {
		case name == "img" && !closing:
			if md, msg, ok := imgTag(tag, ""); ok {
				c.change(ts, te, md, msg)
			} else {
				c.manual(ts, short(tag, 60)+": an image without src: "+advice["img"])
			}
		case name == "br":
			c.br(ps, pe, ts, te)
		case wrappers[name]:
			c.change(ts, te, "", short(tag, 40)+" removed: the theme lays out paragraphs and figures itself")
		case closing:
		default:
			a := advice[name]
			if name == "a" && attrs(tag)["href"] == "" {
				a = "for an anchor, give the heading an id instead: ## Title {#anchor}"
			}
			if a == "" {
				a = "write it in Markdown, or with one of the theme's shortcodes"
			}
			c.manual(ts, "raw HTML "+short(tag, 50)+" is dropped by the theme (it renders no raw HTML): "+a)
		}
	}
}

// htmlBlock rewrites a paragraph made only of layout tags, images, breaks
// and text (LoveIt's centred figures): each image becomes a Markdown image
// paragraph, and text next to a single image becomes its caption.
func (c *conv) htmlBlock(ps, pe int, tags [][]int) bool {
	for _, e := range c.edits {
		if e.start < pe && e.end > ps {
			return false // a formula in it is already rewritten: convert tag by tag
		}
	}
	text := c.src[ps:pe]
	var imgs []int
	var rest strings.Builder
	at := 0
	for i, m := range tags {
		name := strings.ToLower(text[m[4]:m[5]])
		if !(wrappers[name] || name == "img" || name == "br" || emphasis[name] != "") {
			return false
		}
		rest.WriteString(text[at:m[0]])
		rest.WriteByte(' ')
		at = m[1]
		if name == "img" && m[3] == m[2] {
			imgs = append(imgs, i)
		}
	}
	rest.WriteString(text[at:])
	caption := strings.Join(strings.Fields(rest.String()), " ")
	indent := text[:len(text)-len(strings.TrimLeft(text, " \t"))]
	var parts []string
	for _, i := range imgs {
		m := tags[i]
		cap := ""
		if len(imgs) == 1 {
			cap = caption
		}
		md, msg, ok := imgTag(text[m[0]:m[1]], cap)
		if !ok {
			return false
		}
		if cap != "" && !strings.Contains(msg, "title=") {
			msg += "; the text beside it, \"" + short(cap, 40) + "\", is its caption"
		}
		c.finds = append(c.finds, finding{ps + m[0], Change, msg})
		parts = append(parts, indent+md)
	}
	if len(imgs) != 1 && caption != "" {
		parts = append(parts, indent+caption)
	}
	for _, m := range tags {
		if name := strings.ToLower(text[m[4]:m[5]]); name != "img" && m[3] == m[2] {
			c.finds = append(c.finds, finding{ps + m[0], Change, short(text[m[0]:m[1]], 40) + " removed: the theme lays out paragraphs and figures itself"})
		}
	}
	c.edits = append(c.edits, edit{ps, pe, strings.Join(parts, "\n\n"), -1})
	c.blank(ps, pe)
	return true
}

// br turns a <br> into a hard line break (a trailing backslash), or into
// a paragraph break when it stands alone on its line.
func (c *conv) br(ps, pe, ts, te int) {
	ls := strings.LastIndexByte(c.src[:ts], '\n') + 1
	le := strings.IndexByte(c.src[te:], '\n')
	if le < 0 || te+le > pe {
		le = pe
	} else {
		le += te
	}
	line := c.src[ls:le]
	before, after := c.src[ls:ts], c.src[te:le]
	trimmed := strings.TrimSpace(line)
	tag := c.src[ts:te]
	s := ts - (len(before) - len(strings.TrimRight(before, " \t")))
	switch {
	case strings.HasPrefix(trimmed, "|") || strings.Contains(line, "|") && tableDelim.MatchString(c.src[ps:pe]):
		c.manual(ts, tag+" in a table cell: a Markdown table cell holds one line; write the cell on one line, or use a list below the table")
	case strings.HasPrefix(trimmed, "#"):
		c.manual(ts, tag+" in a heading: a heading is one line; remove the break")
	case strings.TrimSpace(before) == "" && strings.TrimSpace(after) == "":
		c.change(ls, le, "", tag+" alone on a line → a blank line (a new paragraph)")
	case strings.TrimSpace(after) == "" && le >= pe:
		c.change(s, le, "", tag+" at the end of a paragraph removed: it breaks nothing there")
	case strings.TrimSpace(after) == "":
		c.change(s, le, `\`, tag+` → a trailing \ (a hard line break)`)
	default:
		indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
		e := te + len(after) - len(strings.TrimLeft(after, " \t"))
		c.change(s, e, "\\\n"+indent, tag+` → a trailing \ and a new line (a hard line break)`)
	}
}
