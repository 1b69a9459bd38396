package migrate

import (
	"path"
	"regexp"
	"strings"
)

// ignoredKeys are LoveIt front-matter keys for features the theme does not
// have; Hugo keeps them as page params, so they are harmless.
var ignoredKeys = map[string]string{
	"ruby":           "for LoveIt's ruby annotations, which the theme does not have",
	"fraction":       "for LoveIt's fractions, which the theme does not have",
	"fontawesome":    "for Font Awesome icons, which the theme does not have",
	"twemoji":        "for Twemoji, which the theme does not have",
	"linktomarkdown": "for a link to the Markdown source; the theme publishes each page's Markdown on its own",
	"rssfulltext":    "for full-text feeds; the theme's feeds carry the full text already",
	"code":           "for LoveIt's code-block settings, which the theme does not have",
	"mapbox":         "for Mapbox maps, which the theme does not have",
	"share":          "for share buttons, which the theme does not have",
	"comment":        "for comments, which the theme does not have",
	"library":        "for extra CSS and JS, which a strict Content-Security-Policy does not allow",
	"seo":            "for LoveIt's SEO images, which the theme does not read",
	"password":       "for FixIt's page encryption, which the theme does not have",
	"message":        "for FixIt's page encryption, which the theme does not have",
}

var (
	yamlKey  = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_-]*)\s*:(.*)$`)
	tomlKey  = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_-]*)\s*=(.*)$`)
	tomlHead = regexp.MustCompile(`^\[\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\]`)
	datedRe  = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}`)
	resKV    = regexp.MustCompile(`^\s*(-\s*)?(name|src)\s*[:=]\s*["']?([^"'\s]+)["']?\s*$`)
)

// featuredNames are the resource names LoveIt took as featured images when
// the front matter did not name one, and the keys that name them here.
var featuredNames = map[string]string{"featured-image": "featuredImage", "featured-image-preview": "featuredImagePreview"}

// resource is one entry of the front matter's resources list.
type resource struct {
	off       int
	name, src string
}

// frontMatter reads the top-level keys of YAML (---) or TOML (+++) front
// matter, reports what the theme does not need, masks it and returns the
// offset where the body starts.
func (c *conv) frontMatter() int {
	var delim string
	switch {
	case strings.HasPrefix(c.src, "---\n"), strings.HasPrefix(c.src, "---\r\n"):
		delim = "---"
	case strings.HasPrefix(c.src, "+++\n"), strings.HasPrefix(c.src, "+++\r\n"):
		delim = "+++"
	default:
		c.checkDate(false, 0)
		return 0
	}
	off := strings.IndexByte(c.src, '\n') + 1
	end := -1
	hasDate := false
	keys := map[string]bool{}
	var res []resource
	inRes := false
	firstTable := -1
	closeAt := 0
	for off < len(c.src) {
		nl := strings.IndexByte(c.src[off:], '\n')
		lineEnd := len(c.src)
		if nl >= 0 {
			lineEnd = off + nl
		}
		line := strings.TrimRight(c.src[off:lineEnd], "\r")
		if line == delim {
			end, closeAt = lineEnd, off
			break
		}
		// The resources list: YAML items start with "-", TOML ones with [[resources]].
		if delim == "+++" && strings.HasPrefix(line, "[") {
			if firstTable < 0 {
				firstTable = off
			}
			inRes = strings.ReplaceAll(line, " ", "") == "[[resources]]"
			if inRes {
				res = append(res, resource{off: off})
			}
		}
		if m := resKV.FindStringSubmatch(line); inRes && m != nil {
			if m[1] != "" || delim == "---" && len(res) == 0 {
				res = append(res, resource{off: off})
			}
			if m[2] == "name" {
				res[len(res)-1].name = m[3]
			} else {
				res[len(res)-1].src = m[3]
			}
		} else if delim == "---" && inRes && strings.HasPrefix(strings.TrimSpace(line), "-") {
			res = append(res, resource{off: off})
		}
		key := ""
		if m := yamlKey.FindStringSubmatch(line); delim == "---" && m != nil {
			key = m[1]
		} else if m := tomlKey.FindStringSubmatch(line); delim == "+++" && m != nil {
			key = m[1]
		} else if m := tomlHead.FindStringSubmatch(line); delim == "+++" && m != nil {
			key = strings.SplitN(m[1], ".", 2)[0]
		}
		if key != "" && delim == "---" {
			inRes = strings.ToLower(key) == "resources"
		}
		if key != "" && (delim == "---" || firstTable < 0) {
			keys[strings.ToLower(key)] = true
		}
		switch lk := strings.ToLower(key); {
		case lk == "":
		case lk == "date":
			hasDate = true
		case lk == "math":
			c.note(off, "front matter `math`: not needed, every page renders its formulas at build time (harmless: kept)")
		case lk == "lightgallery":
			c.note(off, "front matter `lightgallery`: not needed, each figure links to its full-size image without a script (harmless: kept)")
		case lk == "categories":
			c.facts.Categories = true
		case ignoredKeys[lk] != "":
			c.note(off, "front matter `"+key+"` is "+ignoredKeys[lk]+": ignored (harmless: kept)")
		}
		off = lineEnd + 1
	}
	if end < 0 {
		c.manual(0, "front matter opened with "+delim+" is never closed: close it with "+delim+" on a line of its own")
		c.blank(0, len(c.src))
		return len(c.src)
	}
	c.checkDate(hasDate, 0)
	c.featured(res, keys, delim, closeAt, firstTable)
	c.blank(0, end)
	return end
}

// featured names LoveIt's featured-image resources with the keys the theme
// reads, unless the front matter already sets them.
func (c *conv) featured(res []resource, keys map[string]bool, delim string, closeAt, firstTable int) {
	at := closeAt
	if delim == "+++" && firstTable >= 0 {
		at = firstTable // a TOML key after a table would belong to that table
	}
	for _, r := range res {
		key := featuredNames[r.name]
		if key == "" || r.src == "" || keys[strings.ToLower(key)] {
			continue
		}
		line := key + ": \"" + r.src + "\"\n"
		if delim == "+++" {
			line = key + " = \"" + r.src + "\"\n"
		}
		c.edits = append(c.edits, edit{at, at, line, len(c.finds)})
		c.finds = append(c.finds, finding{r.off, Change, "the resource named " + r.name + " was LoveIt's " + key + ": " + strings.TrimSpace(line) + " added, the key the theme reads"})
		keys[strings.ToLower(key)] = true
	}
}

// checkDate reports a page without a date whose file or bundle name starts
// with one: Hugo reads it only when the site asks.
func (c *conv) checkDate(hasDate bool, off int) {
	if hasDate {
		return
	}
	base := path.Base(c.name)
	if stem := strings.TrimSuffix(base, path.Ext(base)); stem == "index" || stem == "_index" || strings.HasPrefix(stem, "index.") || strings.HasPrefix(stem, "_index.") {
		base = path.Base(path.Dir(c.name))
	}
	if datedRe.MatchString(base) {
		c.facts.DateFromName = true
		c.note(off, "no date in the front matter: the date comes from the name "+base[:10]+" only when the site's hugo.toml sets [frontmatter] date = [\":filename\", \":default\"]")
	}
}
