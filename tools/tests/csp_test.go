package tests

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
	"golang.org/x/net/html"
)

// dataScriptTypes are <script> types that hold data, not code; a CSP does
// not apply to them.
var dataScriptTypes = []string{"application/ld+json", "application/json"}

// resourceRels are the <link> relations that make the browser fetch the link.
var resourceRels = []string{"stylesheet", "icon", "shortcut", "apple-touch-icon", "mask-icon", "manifest", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch"}

// cspProblems lists what in a page a strict CSP (no inline script or style,
// nothing from other origins) would block or that would weaken it.
func cspProblems(doc *sitetest.Doc, siteURL string) []string {
	var out []string
	sameOrigin := func(u string) bool {
		u = strings.TrimSpace(u)
		if strings.HasPrefix(u, "//") {
			return false
		}
		return !strings.Contains(u, ":") || strings.HasPrefix(u, siteURL)
	}
	for _, n := range doc.All(func(*html.Node) bool { return true }) {
		for _, a := range n.Attr {
			key := strings.ToLower(a.Key)
			if key == "style" {
				out = append(out, "<"+n.Data+"> has a style attribute")
			}
			if strings.HasPrefix(key, "on") && len(key) > 2 {
				out = append(out, "<"+n.Data+"> has an inline event handler "+key)
			}
			if strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:") {
				out = append(out, "<"+n.Data+" "+key+"> is a javascript: URL")
			}
		}
		attr := func(k string) string { v, _ := sitetest.Attr(n, k); return v }
		switch n.Data {
		case "script":
			src, hasSrc := sitetest.Attr(n, "src")
			switch {
			case !hasSrc && !slices.Contains(dataScriptTypes, attr("type")):
				out = append(out, "an inline <script>")
			case hasSrc && !sameOrigin(src):
				out = append(out, "a script from another origin: "+src)
			}
		case "style":
			out = append(out, "an inline <style> element")
		case "base":
			out = append(out, "a <base> element")
		case "iframe", "frame", "object", "embed", "applet":
			out = append(out, "an embedded <"+n.Data+">")
		case "link":
			rels := strings.Fields(strings.ToLower(attr("rel")))
			if slices.ContainsFunc(rels, func(r string) bool { return slices.Contains(resourceRels, r) }) && !sameOrigin(attr("href")) {
				out = append(out, "a <link rel="+attr("rel")+"> to another origin: "+attr("href"))
			}
		case "img", "source", "video", "audio", "track", "input", "image", "use":
			for _, k := range []string{"src", "poster", "href", "xlink:href"} {
				if v := attr(k); v != "" && !sameOrigin(v) && !strings.HasPrefix(v, "#") {
					out = append(out, "<"+n.Data+" "+k+"> from another origin: "+v)
				}
			}
			for _, c := range strings.Split(attr("srcset"), ",") {
				if f := strings.Fields(c); len(f) > 0 && !sameOrigin(f[0]) {
					out = append(out, "<"+n.Data+" srcset> from another origin: "+f[0])
				}
			}
		case "form", "button":
			for _, k := range []string{"action", "formaction"} {
				if v := attr(k); v != "" && !sameOrigin(v) {
					out = append(out, "<"+n.Data+" "+k+"> to another origin: "+v)
				}
			}
		case "meta":
			if strings.EqualFold(attr("http-equiv"), "refresh") {
				if _, u, ok := strings.Cut(strings.ToLower(attr("content")), "url="); ok && !sameOrigin(u) {
					out = append(out, "a refresh to another origin: "+u)
				}
			}
		}
	}
	return out
}

// cssURL finds url(…) and @import in CSS.
var cssURL = regexp.MustCompile(`(?i)url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)`)

// TestPagesHonourTheCSP checks every published page and stylesheet of the
// production build for anything a strict CSP would block: inline scripts,
// styles and event handlers, javascript: URLs, and resources from other
// origins (fonts, scripts, images, analytics).
func TestPagesHonourTheCSP(t *testing.T) {
	site := sitetest.Site(t, "production")
	siteURL := productionBaseURL(t)
	pages := site.HTMLFiles(t)
	if len(pages) < 10 {
		t.Fatalf("only %d pages published", len(pages))
	}
	for _, rel := range pages {
		doc := sitetest.Parse(t, site.File(t, rel), rel)
		for _, p := range cspProblems(doc, siteURL) {
			t.Errorf("%s: %s", rel, p)
		}
		// Production scripts and stylesheets carry Subresource Integrity.
		if isAlias(doc) {
			continue
		}
		for _, n := range doc.All(func(n *html.Node) bool {
			_, src := sitetest.Attr(n, "src")
			rel, _ := sitetest.Attr(n, "rel")
			return (n.Data == "script" && src) || (n.Data == "link" && rel == "stylesheet")
		}) {
			if v, _ := sitetest.Attr(n, "integrity"); !strings.HasPrefix(v, "sha") {
				t.Errorf("%s: <%s> without integrity", rel, n.Data)
			}
		}
	}
	checkPublishedText(t, site, func(rel, text string) {
		if filepath.Ext(rel) != ".css" {
			return
		}
		for _, m := range cssURL.FindAllStringSubmatch(text, -1) {
			u := m[1] + m[2]
			if strings.Contains(u, ":") && !strings.HasPrefix(u, siteURL) {
				t.Errorf("%s loads %s, not from this site (data: URLs included: img-src and font-src allow 'self' only)", rel, u)
			}
		}
	})
}

// TestCSPCheckerCatchesViolations feeds the checker a page with one of each
// problem, so TestPagesHonourTheCSP cannot pass by checking nothing.
func TestCSPCheckerCatchesViolations(t *testing.T) {
	const page = `<!doctype html><html><head>
<script>alert(1)</script>
<script type="application/ld+json">{}</script>
<script src="https://cdn.example/x.js"></script>
<script src="/js/ok.js"></script>
<style>p{}</style>
<link rel="stylesheet" href="https://fonts.example/css">
<link rel="canonical" href="https://elsewhere.example/">
</head><body>
<p style="color:red" onclick="x()">a</p>
<a href="javascript:alert(1)">b</a>
<img src="https://img.example/a.png" alt="">
<img src="/a.png" alt="">
<iframe src="/x"></iframe>
</body></html>`
	got := cspProblems(sitetest.Parse(t, page, "probe"), "https://boda-blog.netlify.app/")
	want := []string{
		"an inline <script>",
		"a script from another origin: https://cdn.example/x.js",
		"an inline <style> element",
		"a <link rel=stylesheet> to another origin: https://fonts.example/css",
		"<p> has a style attribute",
		"<p> has an inline event handler onclick",
		"<a href> is a javascript: URL",
		"<img src> from another origin: https://img.example/a.png",
		"an embedded <iframe>",
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("the checker missed %q; it found %q", w, got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("the checker found %d problems, want %d: %q", len(got), len(want), got)
	}
}

// TestRawHTMLInNotesIsDropped writes a note that tries to smuggle script,
// style and handlers into its page and checks that none reach it.
func TestRawHTMLInNotesIsDropped(t *testing.T) {
	dir := sitetest.CopySite(t)
	note := filepath.Join(dir, "content", "notes", "smuggle.md")
	if err := os.WriteFile(note, []byte(`---
title: Smuggle
description: Raw HTML and scripts in a note.
date: 2024-01-01
tags: [test]
---

Before the script.

<script>alert("raw block")</script>

Inline <script>alert("raw inline")</script> and <img src="x" onerror="alert(1)"> and
<span style="color:red">styled</span>.

[a javascript link](javascript:alert(1)) and [a data link](data:text/html,<script>alert(1)</script>).

<iframe src="https://evil.example/"></iframe>

After the script.
`), 0o644); err != nil {
		t.Fatal(err)
	}
	// The writer is warned about each dropped tag at its line, so this
	// build runs without --panicOnWarning and checks for the warnings.
	public := t.TempDir()
	out, err := sitetest.Run(t, dir, nil, "--source", dir, "--destination", public, "--environment", "production", "--logLevel", "warn")
	if err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	for _, want := range []string{`smuggle.md:10": raw HTML <script> is dropped`, `smuggle.md:12": raw HTML <img src="x" onerror="alert(1)"> is dropped`, `smuggle.md:17": raw HTML <iframe src="https://evil.example/"> is dropped`} {
		if !strings.Contains(out, want) {
			t.Errorf("the writer is not warned %q:\n%s", want, out)
		}
	}
	r := &sitetest.Result{Public: public, Output: out}
	raw := r.File(t, "notes/smuggle/index.html")
	if !strings.Contains(raw, "Before the script.") || !strings.Contains(raw, "After the script.") {
		t.Fatalf("the note's text did not render:\n%s", raw)
	}
	// Goldmark drops the tags; the words between them may stay, as text.
	for _, s := range []string{"<script>alert", "onerror", "evil.example", "color:red", "javascript:", "data:text/html"} {
		if strings.Contains(raw, s) {
			t.Errorf("%q from the note's raw HTML reached the page", s)
		}
	}
	for _, p := range cspProblems(sitetest.Parse(t, raw, "smuggle"), productionBaseURL(t)) {
		t.Errorf("the note's page: %s", p)
	}
}

// TestHugoSecurityPolicy checks the policy Hugo builds with
// (config/_default/security.toml) and that Markdown stays safe.
func TestHugoSecurityPolicy(t *testing.T) {
	out, err := exec.Command(sitetest.Hugo(t), "config", "--format", "json", "--source", sitetest.Root()).Output()
	if err != nil {
		t.Fatalf("hugo config: %v", err)
	}
	var cfg struct {
		Security struct {
			EnableInlineShortcodes bool `json:"enableinlineshortcodes"`
			Exec                   struct {
				Allow []string `json:"allow"`
			} `json:"exec"`
			Funcs struct {
				Getenv []string `json:"getenv"`
			} `json:"funcs"`
			HTTP struct {
				URLs any `json:"urls"`
			} `json:"http"`
		} `json:"security"`
		Markup struct {
			Goldmark struct {
				Renderer struct {
					Unsafe bool `json:"unsafe"`
				} `json:"renderer"`
			} `json:"goldmark"`
		} `json:"markup"`
	}
	if err := json.Unmarshal(out, &cfg); err != nil {
		t.Fatalf("hugo config: %v", err)
	}
	s := cfg.Security
	if want := []string{"^go$", "^git$"}; !slices.Equal(s.Exec.Allow, want) {
		t.Errorf("security.exec.allow = %q, want %q (the build runs go for modules and git for dates, nothing else)", s.Exec.Allow, want)
	}
	if s.HTTP.URLs != "none" {
		t.Errorf("security.http.urls = %v, want none: the build fetches nothing", s.HTTP.URLs)
	}
	if !slices.Equal(s.Funcs.Getenv, []string{"^HUGO_"}) {
		t.Errorf("security.funcs.getenv = %q, want only ^HUGO_", s.Funcs.Getenv)
	}
	if s.EnableInlineShortcodes {
		t.Error("inline shortcodes are enabled")
	}
	if cfg.Markup.Goldmark.Renderer.Unsafe {
		t.Error("markup.goldmark.renderer.unsafe is true: raw HTML in notes would reach readers")
	}
}
