package tests

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/bodasadallah/boda-blog/tools/internal/browser"
	"github.com/bodasadallah/boda-blog/tools/internal/gates"
	"github.com/bodasadallah/boda-blog/tools/internal/lighthouse"
	"github.com/bodasadallah/boda-blog/tools/internal/npm"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// siteBudgets are the page-weight budgets of Boda Blog's page kinds; every
// page also stays within gates.Default (40 KB gzip without images, no other
// origins).
var siteBudgets = []gates.Budget{
	{Kind: "home", Match: func(p string) bool { return p == "/" }},
	// A note — a lecture with its math, a note with its commands, a paper
	// summary — paints after one round trip: HTML + CSS + blocking JS fit
	// in 14 KB gzip.
	{Kind: "lecture", Critical: 14 << 10, Match: func(p string) bool { return isLecture(p) }},
	{Kind: "course", Match: func(p string) bool { return strings.HasPrefix(p, "/courses/") }},
	{Kind: "paper", Critical: 14 << 10, Match: func(p string) bool { return strings.HasPrefix(p, "/papers/") && p != "/papers/" }},
	{Kind: "note", Critical: 14 << 10, Match: func(p string) bool { return strings.HasPrefix(p, "/notes/") && p != "/notes/" }},
	{Kind: "tag", Match: func(p string) bool { return strings.HasPrefix(p, "/tags/") && p != "/tags/" }},
}

// lectures maps the lecture pages of the production build, filled by the
// gates test from the pages' og:type.
var lectures = map[string]bool{}

func isLecture(p string) bool { return lectures[p] }

// TestQualityGates holds the production build to every gate: valid HTML,
// well-formed XML, no broken links, no WCAG 2.2 A/AA violations in light and
// dark mode, and the page-weight budgets.
func TestQualityGates(t *testing.T) {
	site := sitetest.Site(t, "production")
	for _, p := range gates.Pages(t, site.Public) {
		if strings.HasPrefix(p, "/courses/") && strings.Contains(site.File(t, strings.TrimPrefix(p, "/")+"index.html"), `og:type" content="article"`) {
			lectures[p] = true
		}
	}
	if len(lectures) == 0 {
		t.Fatal("found no lecture pages to hold to the lecture budget")
	}
	weights := gates.CheckSite(t, site.Public, gates.Options{Budgets: siteBudgets})
	if len(weights) > 0 {
		t.Logf("page weight, first visit, gzip:\n%s", gates.Summary(weights, siteBudgets))
	}
}

// TestQualityGatesCatchABrokenPage shows that every gate fails on a
// deliberately broken page, naming it, and passes the clean page next to it.
func TestQualityGatesCatchABrokenPage(t *testing.T) {
	page := func(title, body string) string {
		return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
			`<title>` + title + `</title><link rel="icon" href="data:,"></head><body><main><h1>` + title + `</h1>` + body + `</main></body></html>`
	}
	// An incompressible script: 80 KB of base64 is about 60 KB gzip.
	noise := make([]byte, 60<<10)
	seed := uint32(1)
	for i := range noise {
		seed = seed*1664525 + 1013904223
		noise[i] = byte(seed >> 24)
	}
	public := t.TempDir()
	sitetest.WriteFiles(t, public, map[string]string{
		"index.html": page("Clean", `<p id="intro">A <a href="broken.html">broken page</a> and <a href="#intro">this paragraph</a>.</p>`),
		"broken.html": page("Broken",
			`<foo>an element HTML does not have</foo>`+
				`<p><a href="/missing/">a dead link</a> and <a href="index.html#nowhere">a dead anchor</a></p>`+
				`<button type="button"></button>`+
				`<script src="big.js" defer></script>`),
		"big.js":   `window.noise = "` + base64.StdEncoding.EncodeToString(noise) + `";`,
		"feed.xml": `<?xml version="1.0"?><rss><channel><title>unclosed</channel></rss>`,
	})

	expect := func(gate string, problems []gates.Problem, page string, want ...string) {
		t.Helper()
		found := map[string]bool{}
		for _, p := range problems {
			if strings.TrimPrefix(p.Page, "/") != page {
				t.Errorf("%s gate blamed a page that is not broken: %s", gate, p)
			}
			for _, w := range want {
				if strings.Contains(p.Detail, w) {
					found[w] = true
				}
			}
		}
		for _, w := range want {
			if !found[w] {
				t.Errorf("%s gate did not report %q on %s; it reported %v", gate, w, page, problems)
			}
		}
	}
	expect("html", gates.HTML(t, public), "broken.html", "“foo”")
	expect("xml", gates.XML(t, public), "feed.xml", "")
	expect("links", gates.Links(t, public, "http://example.org/"), "broken.html", "/missing/", "#nowhere")
	problems, weights := gates.Audit(t, public, gates.Pages(t, public))
	expect("a11y", problems, "broken.html", "button-name")
	expect("weight", gates.CheckBudgets(weights, nil), "broken.html", "over the budget", "Script /big.js")
}

// TestLighthouse audits the home page, a course and a lecture with math
// (mobile): accessibility, best practices and SEO score 100; performance
// depends on the machine's speed and is only reported.
func TestLighthouse(t *testing.T) {
	site := sitetest.Site(t, "production")
	chrome := browser.Path(t)
	modules := npm.Modules(t)
	base := browser.Serve(t, site.Public, lighthouse.Gzip)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	var results []*lighthouse.Result
	for _, p := range lighthouse.Pages {
		r, err := lighthouse.Run(ctx, modules, chrome, base+p)
		if err != nil {
			t.Fatal(err)
		}
		r.Page = p
		results = append(results, r)
		for _, c := range []string{"accessibility", "best-practices", "seo"} {
			if r.Scores[c] != 100 {
				t.Errorf("Lighthouse %s of %s is %d, want 100: %s", c, p, r.Scores[c], strings.Join(r.Failed[c], "; "))
			}
		}
	}
	t.Logf("Lighthouse (mobile):\n%s", lighthouse.Table(results))
}

// TestLinkGateReadsEveryOutput shows the link gate following links outside
// the HTML pages too: in a feed (the item's link and the links and images in
// its HTML), in a page's Markdown copy, in llms.txt and in robots.txt.
func TestLinkGateReadsEveryOutput(t *testing.T) {
	public := t.TempDir()
	sitetest.WriteFiles(t, public, map[string]string{
		"index.html":         `<!DOCTYPE html><html lang="en"><head><title>Home</title></head><body><p id="top">Home</p></body></html>`,
		"notes/a/index.html": `<!DOCTYPE html><html lang="en"><head><title>A</title></head><body><p>A</p></body></html>`,
		"index.xml": `<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>` +
			`<title>Feed</title><link>http://example.org/</link><atom:link href="http://example.org/index.xml" rel="self"/>` +
			`<item><title>A</title><link>http://example.org/notes/a/</link>` +
			`<description>&lt;p&gt;See &lt;a href="../gone-from-feed/"&gt;this&lt;/a&gt;, &lt;a href="http://example.org/#top"&gt;home&lt;/a&gt; and &lt;img src="/no-image.png" alt=""&gt;&lt;/p&gt;</description></item>` +
			`<item><title>B</title><link>http://example.org/notes/b/</link><description>B</description></item>` +
			`</channel></rss>`,
		"notes/a/index.md": "# A\n\nSee [home](../../) and [a dead one](../missing/ \"title\").\n",
		"llms.txt":         "# Site\n\n- [A](http://example.org/notes/a/index.md)\n- [B](http://example.org/notes/b/index.md)\n",
		"robots.txt":       "User-agent: *\nSitemap: http://example.org/sitemap.xml\n",
	})
	problems := gates.Links(t, public, "http://example.org/")
	want := map[string]string{
		"../gone-from-feed/":                  "index.xml",
		"/no-image.png":                       "index.xml",
		"http://example.org/notes/b/":         "index.xml",
		"../missing/":                         "notes/a/index.md",
		"http://example.org/notes/b/index.md": "llms.txt",
		"http://example.org/sitemap.xml":      "robots.txt",
	}
	found := map[string]bool{}
	for _, p := range problems {
		ok := false
		for ref, page := range want {
			if strings.HasPrefix(p.Detail, `"`+ref+`"`) && p.Page == page {
				found[ref], ok = true, true
			}
		}
		if !ok {
			t.Errorf("unexpected problem: %s", p)
		}
	}
	for ref, page := range want {
		if !found[ref] {
			t.Errorf("the link gate did not report %s in %s; it reported %v", ref, page, problems)
		}
	}
}
