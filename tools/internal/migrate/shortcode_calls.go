package migrate

import "strings"

// imageCall turns LoveIt's image shortcode into a Markdown image.
func (c *conv) imageCall(k call, text string) {
	src := get(k.args, "src", 0)
	if src == "" {
		c.manual(k.start, short(text, 60)+": no src: write ![what it shows](picture.png \"caption\")")
		return
	}
	alt := get(k.args, "alt", 1)
	caption := get(k.args, "caption", 2)
	var dropped []string
	for _, key := range []string{"title", "class", "src_s", "src_l", "height", "width", "linked", "rel"} {
		if v := get(k.args, key, -1); v != "" {
			dropped = append(dropped, key+"="+v)
		}
	}
	md, altNote := mdImage(src, alt, caption)
	msg := short(text, 60) + " → " + md
	if altNote != "" {
		msg += "; " + altNote
	}
	if len(dropped) > 0 {
		msg += "; dropped " + strings.Join(dropped, " ") + " (a figure fits the text column and links to its full-size image)"
	}
	c.change(k.start, k.end, md, msg)
}

// linkCall turns LoveIt's link shortcode into a Markdown link.
func (c *conv) linkCall(k call, text string) {
	href := get(k.args, "href", 0)
	if href == "" {
		c.manual(k.start, short(text, 60)+": no href: write [text](url)")
		return
	}
	content := get(k.args, "content", 1)
	if content == "" {
		content = strings.TrimPrefix(href, "mailto:")
	}
	md := "[" + content + "](" + mdDest(href)
	if t := get(k.args, "title", 2); t != "" {
		md += ` "` + strings.ReplaceAll(t, `"`, `\"`) + `"`
	}
	md += ")"
	msg := short(text, 60) + " → " + md
	for _, key := range []string{"class", "rel"} {
		if v := get(k.args, key, -1); v != "" {
			msg += "; dropped " + key + "=" + v
		}
	}
	c.change(k.start, k.end, md, msg)
}

// personCall turns LoveIt's person shortcode into a Markdown link.
func (c *conv) personCall(k call, text string) {
	url := get(k.args, "url", 0)
	name := get(k.args, "name", 1)
	if name == "" {
		name = url
	}
	md := "[" + name + "](" + mdDest(url)
	if t := get(k.args, "text", 2); t != "" {
		md += ` "` + strings.ReplaceAll(t, `"`, `\"`) + `"`
	}
	md += ")"
	c.change(k.start, k.end, md, short(text, 60)+" → "+md+" (the theme shows no picture)")
}

// versionCall turns LoveIt's version badge into emphasised text.
func (c *conv) versionCall(k call, text string) {
	word := map[string]string{"changed": "Changed in", "deprecated": "Deprecated in", "deleted": "Removed in"}[get(k.args, "", 1)]
	if word == "" {
		word = "New in"
	}
	md := "*" + word + " " + get(k.args, "", 0) + "*"
	c.change(k.start, k.end, md, short(text, 60)+" → "+md)
}

// bilibiliCall turns an embedded Bilibili player into a link to the video.
func (c *conv) bilibiliCall(k call, text string) {
	id := get(k.args, "id", 0)
	url := "https://www.bilibili.com/video/" + id
	if p := get(k.args, "p", 1); p != "" {
		url += "?p=" + p
	}
	md := "[Video " + id + " on Bilibili](" + url + ")"
	c.change(k.start, k.end, md, short(text, 60)+" → "+md+": the site's Content-Security-Policy blocks embedded players; give the link a better text")
}
