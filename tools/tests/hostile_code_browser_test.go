package tests

import (
	"fmt"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/browser"
	"github.com/bodasadallah/boda-blog/tools/internal/netlify"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestHostileCodeInTheBrowser serves, under the production headers of
// netlify.toml, a site holding what hostile and careless code input turns
// into now (terminal output with its colours, embeds made links, the
// allowed fence options), and loads its pages in Chromium: no script but
// the site's own bundles, no CSP violation, no request to another origin.
// The injecting inputs themselves no longer build; that is checked first.
// hostileMarkupNote builds, and every value in it tries to become markup or
// script: the title, description, tags, subtitle, a callout's title, link
// text, a heading and a formula's text.
const hostileMarkupNote = `---
title: "Innocent](https://evil.example/phish) [Real <img src=x onerror=window.__bodaPwned=true>"
description: "</title><script>window.__bodaPwned = true</script>"
subtitle: "<svg onload=window.__bodaPwned=true>"
date: 2024-01-01
tags: ["<b>x", "a\"b"]
---

{{< admonition type=tip title="<img src=x onerror=window.__bodaPwned=true>" >}}
Body.
{{< /admonition >}}

## A heading \<b onmouseover=window.__bodaPwned=true\>x {#a-heading}

Math $\text{<img src=x onerror=y>}$ and [a *link* \<b\>](#a-heading).
`

func TestHostileCodeInTheBrowser(t *testing.T) {
	canary := "window.__bodaPwned = true"
	// A bundle script and a fence whose lineAnchors would load it.
	r, err := buildNotes(t, map[string]string{
		"pwn/index.md":  hostileFM + "```go {lineNos=true anchorLineNos=true lineAnchors=\"x\\\"></span><script src=\\\"/notes/pwn/helper.js\\\"></script><span class=\\\"\"}\nx\n```\n",
		"pwn/helper.js": canary + "\n",
	})
	if err == nil || !strings.Contains(r.Output, "pwn/index.md:7:1") || !strings.Contains(r.Output, "pwn/helper.js") {
		t.Fatalf("the injecting note built, or its errors do not name index.md:7:1 and helper.js:\n%s", r.Output)
	}

	body := "{{< youtube id=\"0RKpf3rK57I\" title=\"A talk\" >}}\n\n{{< x user=\"gohugoio\" id=\"1\" >}}\n\n" +
		"```go {lineNos=true anchorLineNos=true lineAnchors=\"setup\" hl_Lines=2}\na\nb\n```\n"
	port := netlify.FreePort(t)
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	dir := sitetest.Fixture(t, map[string]string{"content/notes/ansi.md": ansiNote, "content/notes/embeds.md": hostileFM + body, "content/notes/markup.md": hostileMarkupNote})
	site := sitetest.Build(t, sitetest.Options{Source: dir, Args: []string{"--environment", "production", "--baseURL", base + "/"}})
	netlify.Serve(t, site.Public, port, "")
	ctx := browser.New(t, browser.Options{})
	problems := &pageProblems{base: base, urls: map[network.RequestID]string{}, expected: map[string]int{}}
	if err := chromedp.Listen(ctx, problems.listen); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: violationRecorder}); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/notes/ansi/", "/notes/embeds/", "/notes/markup/", "/tags/", "/notes/", "/"} {
		if !loadUnderCSP(t, ctx, problems, base, path) {
			t.FailNow()
		}
		// Only the site's own bundles are scripts; nothing set the canary.
		scripts, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.scripts].filter((s) => s.type !== 'application/ld+json').map((s) => s.getAttribute('src') || 'inline: ' + s.textContent.slice(0, 60))`))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range scripts {
			if !strings.HasPrefix(s, "/js/") {
				t.Errorf("%s: a script that is not the site's own: %s", path, s)
			}
		}
		if pwned, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.__bodaPwned === true`)); pwned {
			t.Errorf("%s: a note's script ran", path)
		}
	}

	// What readers see: the output without escapes, the embed as a link.
	if _, err := chromedp.Run(ctx, chromedp.Navigate(base+"/notes/ansi/")); err != nil {
		t.Fatal(err)
	}
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('.boda-cmd__output')].map((e) => e.textContent).join('|')`))
	if err != nil || out != "\ndir  file|\n100%|\nnothing to commit" {
		t.Errorf("the console output reads %q (%v)", out, err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Navigate(base+"/notes/embeds/")); err != nil {
		t.Fatal(err)
	}
	frames, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('iframe, object, embed').length`))
	if err != nil || frames != 0 {
		t.Errorf("%d embedded frames on the embeds page (%v)", frames, err)
	}
	href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('.boda-embed__link').href`))
	if err != nil || href != "https://www.youtube.com/watch?v=0RKpf3rK57I" {
		t.Errorf("the YouTube link goes to %q (%v)", href, err)
	}
}
