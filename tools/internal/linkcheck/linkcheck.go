// Package linkcheck finds broken references in a built site: links to pages
// that do not exist, #fragments with no matching id, and missing assets
// (stylesheets, scripts, images, srcset candidates, fonts and other url()s in
// CSS, source maps), in the pages and in the other outputs that link to
// pages: RSS feeds (their links and the HTML of their items), the sitemap,
// Markdown copies (*.md), llms.txt and robots.txt. It reads the published
// folder only; links to other sites are collected, never fetched.
package linkcheck

import (
	"encoding/xml"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/net/html"
)

// Problem is one broken reference.
type Problem struct {
	Page   string // the file that holds the reference, relative to the site
	Ref    string // the reference as written
	Reason string
}

func (p Problem) String() string { return fmt.Sprintf("%s: %q %s", p.Page, p.Ref, p.Reason) }

// Report is the result of a check.
type Report struct {
	Problems []Problem
	External []string // distinct links to other sites, sorted
	Pages    int      // HTML files read
	Refs     int      // internal references checked
}

// Options configure a check.
type Options struct {
	// BaseURL is the site's base URL: absolute links that start with it are
	// internal, and its path is the prefix of every internal path. When empty
	// it is read from the home page's <link rel="canonical">.
	BaseURL string
}

// ref is one reference found in a file.
type ref struct {
	page, raw string
	base      *url.URL // what the reference resolves against
	needFile  bool     // an asset: a folder's index page does not count
}

type checker struct {
	root     string
	base     *url.URL
	ids      map[string]map[string]bool // file → its ids
	refs     []ref
	external map[string]bool
	report   Report
}

// Check checks every HTML, CSS, JS and sitemap file below public.
func Check(public string, o Options) (*Report, error) {
	c := &checker{root: public, ids: map[string]map[string]bool{}, external: map[string]bool{}}
	if o.BaseURL == "" {
		o.BaseURL = canonicalHome(public)
	}
	if o.BaseURL == "" {
		o.BaseURL = "/"
	}
	base, err := url.Parse(o.BaseURL)
	if err != nil {
		return nil, fmt.Errorf("base URL %q: %w", o.BaseURL, err)
	}
	if !strings.HasSuffix(base.Path, "/") {
		base.Path += "/"
	}
	c.base = base

	err = filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := filepath.ToSlash(must(filepath.Rel(public, p)))
		switch path.Ext(rel) {
		case ".html", ".htm":
			return c.readHTML(p, rel)
		case ".css":
			return c.readText(p, rel, cssURL)
		case ".js", ".mjs":
			return c.readText(p, rel, sourceMap)
		case ".xml":
			if path.Base(rel) == "sitemap.xml" {
				return c.readSitemap(p, rel)
			}
			return c.readFeed(p, rel)
		case ".md":
			return c.readMarkdown(p, rel)
		case ".txt":
			switch path.Base(rel) {
			case "llms.txt":
				return c.readMarkdown(p, rel)
			case "robots.txt":
				return c.readLinks(p, rel, robotsSitemap, true)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, r := range c.refs {
		c.resolve(r)
	}
	for e := range c.external {
		c.report.External = append(c.report.External, e)
	}
	sort.Strings(c.report.External)
	sort.Slice(c.report.Problems, func(i, j int) bool {
		a, b := c.report.Problems[i], c.report.Problems[j]
		if a.Page != b.Page {
			return a.Page < b.Page
		}
		return a.Ref < b.Ref
	})
	return &c.report, nil
}

// pageURL is the URL at which the server shows a published file.
func (c *checker) pageURL(rel string) *url.URL {
	p := rel
	if path.Base(p) == "index.html" {
		p = strings.TrimSuffix(p, "index.html")
	}
	return c.base.ResolveReference(&url.URL{Path: p})
}

// attributes that hold one URL, by element.
var urlAttrs = map[string][]string{
	"a": {"href"}, "area": {"href"}, "link": {"href"}, "script": {"src"}, "img": {"src"},
	"source": {"src"}, "video": {"src", "poster"}, "audio": {"src"}, "track": {"src"},
	"iframe": {"src"}, "embed": {"src"}, "object": {"data"}, "form": {"action"},
	"use": {"href", "xlink:href"}, "image": {"href", "xlink:href"}, "blockquote": {"cite"},
	"q": {"cite"}, "ins": {"cite"}, "del": {"cite"},
}

// navigation elements may point at a folder (its index page); everything
// else must be a file.
var navigation = map[string]bool{"a": true, "area": true, "form": true, "blockquote": true, "q": true, "ins": true, "del": true, "iframe": true}

// link relations that are not fetched resources but still must exist.
var pageRels = map[string]bool{"canonical": true, "alternate": true, "prev": true, "next": true, "home": true}

func (c *checker) readHTML(file, rel string) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		return fmt.Errorf("%s: %w", rel, err)
	}
	c.report.Pages++
	ids := map[string]bool{}
	c.ids[rel] = ids
	base := c.pageURL(rel)
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if n.Data == "base" {
				if h := attr(n, "href"); h != "" {
					if u, err := base.Parse(h); err == nil {
						base = u
					}
				}
			}
			if id := attr(n, "id"); id != "" {
				ids[id] = true
			}
			if n.Data == "a" && attr(n, "name") != "" {
				ids[attr(n, "name")] = true
			}
			asset := !navigation[n.Data]
			if n.Data == "link" {
				asset = true
				for _, r := range strings.Fields(strings.ToLower(attr(n, "rel"))) {
					if pageRels[r] {
						asset = false
					}
				}
			}
			for _, a := range urlAttrs[n.Data] {
				if v, ok := attrOK(n, a); ok {
					c.add(ref{page: rel, raw: strings.TrimSpace(v), base: base, needFile: asset})
				}
			}
			if n.Data == "img" || n.Data == "source" {
				for _, cand := range srcset(attr(n, "srcset")) {
					c.add(ref{page: rel, raw: cand, base: base, needFile: true})
				}
			}
			if n.Data == "meta" {
				if strings.EqualFold(attr(n, "http-equiv"), "refresh") {
					if _, after, ok := strings.Cut(attr(n, "content"), "="); ok {
						c.add(ref{page: rel, raw: strings.Trim(strings.TrimSpace(after), `'"`), base: base})
					}
				}
				switch attr(n, "property") + attr(n, "name") {
				case "og:url", "og:image", "twitter:image":
					c.add(ref{page: rel, raw: attr(n, "content"), base: base, needFile: attr(n, "property") != "og:url"})
				}
			}
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(doc)
	return nil
}

var (
	cssURL        = regexp.MustCompile(`url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')|sourceMappingURL=(\S+)`)
	sourceMap     = regexp.MustCompile(`(?m)^//# sourceMappingURL=(\S+)`)
	robotsSitemap = regexp.MustCompile(`(?mi)^sitemap:\s*(\S+)`)
	feedHTMLRef   = regexp.MustCompile(`\s(href|src)="([^"]+)"`)
)

func (c *checker) readText(file, rel string, re *regexp.Regexp) error {
	return c.readLinks(file, rel, re, true)
}

// readLinks adds the first non-empty group of every match of re in a text
// file as a reference, resolved against the file's own URL.
func (c *checker) readLinks(file, rel string, re *regexp.Regexp, needFile bool) error {
	b, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	base := c.pageURL(rel)
	for _, m := range re.FindAllStringSubmatch(string(b), -1) {
		for _, g := range m[1:] {
			if g != "" {
				c.add(ref{page: rel, raw: strings.TrimSuffix(g, "*/"), base: base, needFile: needFile})
				break
			}
		}
	}
	return nil
}

// readFeed adds the links of an RSS feed: the channel's and each item's
// <link> (and atom:link href), and the links and images in each item's HTML,
// which resolve against the item's link. Other XML files are left alone.
func (c *checker) readFeed(file, rel string) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	type link struct {
		Href string `xml:"href,attr"`
		Text string `xml:",chardata"`
	}
	var feed struct {
		XMLName xml.Name
		Channel struct {
			Links []link `xml:"link"`
			Items []struct {
				Links       []link `xml:"link"`
				Description string `xml:"description"`
			} `xml:"item"`
		} `xml:"channel"`
	}
	if err := xml.NewDecoder(f).Decode(&feed); err != nil || feed.XMLName.Local != "rss" {
		return nil // not a feed; the XML gate reports files that are not well-formed
	}
	base := c.pageURL(rel)
	addLinks := func(links []link) *url.URL {
		var first *url.URL
		for _, l := range links {
			for _, raw := range []string{strings.TrimSpace(l.Href), strings.TrimSpace(l.Text)} {
				if raw == "" {
					continue
				}
				c.add(ref{page: rel, raw: raw, base: base})
				if u, err := base.Parse(raw); err == nil && first == nil {
					first = u
				}
			}
		}
		return first
	}
	addLinks(feed.Channel.Links)
	for _, it := range feed.Channel.Items {
		itemBase := addLinks(it.Links)
		if itemBase == nil {
			itemBase = base
		}
		for _, m := range feedHTMLRef.FindAllStringSubmatch(it.Description, -1) {
			c.add(ref{page: rel, raw: html.UnescapeString(m[2]), base: itemBase, needFile: m[1] == "src"})
		}
	}
	return nil
}

func (c *checker) readSitemap(file, rel string) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	var sm struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
		Maps []struct {
			Loc string `xml:"loc"`
		} `xml:"sitemap"`
	}
	if err := xml.NewDecoder(f).Decode(&sm); err != nil {
		return fmt.Errorf("%s: %w", rel, err)
	}
	base := c.pageURL(rel)
	for _, u := range sm.URLs {
		c.add(ref{page: rel, raw: strings.TrimSpace(u.Loc), base: base})
	}
	for _, u := range sm.Maps {
		c.add(ref{page: rel, raw: strings.TrimSpace(u.Loc), base: base, needFile: true})
	}
	return nil
}

func (c *checker) add(r ref) { c.refs = append(c.refs, r) }

func (c *checker) problem(r ref, format string, args ...any) {
	c.report.Problems = append(c.report.Problems, Problem{Page: r.page, Ref: r.raw, Reason: fmt.Sprintf(format, args...)})
}

// resolve checks one reference.
func (c *checker) resolve(r ref) {
	if r.raw == "" {
		c.problem(r, "is empty")
		return
	}
	u, err := r.base.Parse(r.raw)
	if err != nil {
		c.problem(r, "is not a valid URL: %v", err)
		return
	}
	switch u.Scheme {
	case "http", "https", "":
	case "data", "mailto", "tel":
		return
	case "javascript":
		c.problem(r, "is a javascript: URL (a strict CSP blocks it; use a button and a module)")
		return
	default:
		c.external[u.String()] = true
		return
	}
	if u.Host != c.base.Host || (c.base.Host != "" && u.Scheme != c.base.Scheme && u.Scheme != "") {
		c.external[u.String()] = true
		return
	}
	if !strings.HasPrefix(u.Path, c.base.Path) && u.Path+"/" != c.base.Path {
		c.problem(r, "is outside the site's base path %s", c.base.Path)
		return
	}
	c.report.Refs++
	rel := strings.TrimPrefix(u.Path, c.base.Path)
	target, ok := c.file(rel, r.needFile)
	if !ok {
		c.problem(r, "points to %s, which is not in the site", "/"+rel)
		return
	}
	if u.Fragment == "" || u.Fragment == "top" {
		return
	}
	ids, isHTML := c.ids[target]
	if !isHTML {
		return
	}
	frag, _ := url.PathUnescape(u.Fragment)
	if !ids[frag] {
		c.problem(r, "points to #%s, which /%s does not have", frag, target)
	}
}

// file maps a path below the site root to a published file.
func (c *checker) file(rel string, needFile bool) (string, bool) {
	rel = strings.TrimPrefix(path.Clean("/"+rel), "/")
	if rel == "." || rel == "" {
		rel = ""
	}
	if fi, err := os.Stat(filepath.Join(c.root, filepath.FromSlash(rel))); err == nil {
		if !fi.IsDir() {
			return rel, true
		}
		if needFile {
			return "", false
		}
		idx := path.Join(rel, "index.html")
		if _, err := os.Stat(filepath.Join(c.root, filepath.FromSlash(idx))); err == nil {
			return idx, true
		}
	}
	return "", false
}

// srcset returns the URLs of a srcset attribute's candidates.
func srcset(v string) []string {
	var out []string
	for _, cand := range strings.Split(v, ",") {
		if f := strings.Fields(cand); len(f) > 0 {
			out = append(out, f[0])
		}
	}
	return out
}

// canonicalHome reads the base URL from the home page's canonical link.
func canonicalHome(public string) string {
	f, err := os.Open(filepath.Join(public, "index.html"))
	if err != nil {
		return ""
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		return ""
	}
	var found string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "link" && strings.EqualFold(attr(n, "rel"), "canonical") && found == "" {
			found = attr(n, "href")
		}
		for ch := n.FirstChild; ch != nil && found == ""; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(doc)
	return found
}

func attr(n *html.Node, key string) string { v, _ := attrOK(n, key); return v }

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		name := a.Key
		if a.Namespace != "" {
			name = a.Namespace + ":" + a.Key
		}
		if name == key {
			return a.Val, true
		}
	}
	return "", false
}

func must(s string, err error) string {
	if err != nil {
		panic(err)
	}
	return s
}
