package tests

import (
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/browser"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"
)

// firstFrameProbe runs before any script of each page: it records the theme
// on <html> the moment the parser inserts <body> (before anything can be
// painted, before the page's module script runs) and the body background
// once the page has loaded.
const firstFrameProbe = `(() => {
  window.__bodaProbe = {};
  new MutationObserver((_, observer) => {
    if (!document.body) return;
    observer.disconnect();
    window.__bodaProbe.atBody = document.documentElement.dataset.theme || 'auto';
    window.__bodaProbe.toggleAtBody = !!document.querySelector('[data-boda-theme-toggle]');
  }).observe(document, { childList: true, subtree: true });
})()`

func TestThemeTogglePersistsWithoutAWrongFrame(t *testing.T) {
	site := sitetest.Site(t, "production")
	base := browser.Serve(t, site.Public, nil)
	ctx := browser.New(t, browser.Options{}) // the system prefers light
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: firstFrameProbe}); err != nil {
		t.Fatal(err)
	}
	eval := func(js string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}
	const bg = `getComputedStyle(document.body).backgroundColor`
	const light, dark = "rgb(251, 250, 247)", "rgb(21, 20, 18)"

	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/notes/git/"), chromedp.WaitVisible(chromedp.CSS("[data-boda-theme-toggle]"))); err != nil {
		t.Fatal(err)
	}
	if got := eval(bg); got != light {
		t.Errorf("auto theme on a light system: background %s, want %s", got, light)
	}
	if got := eval(`document.querySelector('[data-boda-theme-toggle]').textContent.trim()`); got != "Auto" {
		t.Errorf("toggle label %q, want Auto", got)
	}
	// Auto → Light → Dark.
	for _, want := range []string{"light", "dark"} {
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("[data-boda-theme-toggle]"))); err != nil {
			t.Fatal(err)
		}
		if got := eval(`document.documentElement.dataset.theme || ''`); got != want {
			t.Errorf("after a click data-theme=%q, want %q", got, want)
		}
	}
	if got := eval(`localStorage.getItem('boda-theme')`); got != "dark" {
		t.Errorf("localStorage boda-theme=%q, want dark", got)
	}
	if got := eval(bg); got != dark {
		t.Errorf("dark theme: background %s, want %s", got, dark)
	}

	// Reload and open another page: dark from the first frame.
	for _, url := range []string{base + "/notes/git/", base + "/courses/cs480-680/lecture-16/"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS("[data-boda-theme-toggle]"))); err != nil {
			t.Fatal(err)
		}
		if got := eval(`window.__bodaProbe.atBody`); got != "dark" {
			t.Errorf("%s: theme when <body> was parsed %q, want dark (a light frame would flash)", url, got)
		}
		if got := eval(`String(window.__bodaProbe.toggleAtBody)`); got != "false" {
			t.Errorf("%s: the probe ran after the page script; it proves nothing", url)
		}
		if got := eval(bg); got != dark {
			t.Errorf("%s: background %s after reload, want %s", url, got, dark)
		}
		if got := eval(`document.querySelector('[data-boda-theme-toggle]').textContent.trim()`); got != "Dark" {
			t.Errorf("%s: toggle label %q, want Dark", url, got)
		}
	}

	// Back to Auto: the choice is forgotten and the system decides again.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("[data-boda-theme-toggle]"))); err != nil {
		t.Fatal(err)
	}
	if got := eval(`String(localStorage.getItem('boda-theme'))`); got != "null" {
		t.Errorf("auto keeps boda-theme=%q in localStorage", got)
	}
	if err := browser.EmulateColorScheme(ctx, "dark"); err != nil {
		t.Fatal(err)
	}
	if got := eval(bg); got != dark {
		t.Errorf("auto theme on a dark system: background %s, want %s", got, dark)
	}
}

func TestThemeToggleIsAbsentWithoutJavaScript(t *testing.T) {
	site := sitetest.Site(t, "production")
	doc := site.Page(t, "/notes/git/")
	// Inside a <template> the browser keeps it out of the document.
	for _, n := range doc.All(func(n *html.Node) bool { _, ok := sitetest.Attr(n, "data-boda-theme-toggle"); return ok }) {
		if !insideTemplate(n) {
			t.Errorf("the theme toggle is in the page outside a <template>")
		}
	}
	blocking := 0
	for _, s := range doc.All(sitetest.Tag("script")) {
		src, _ := sitetest.Attr(s, "src")
		_, module := sitetest.Attr(s, "type")
		if !module && src != "" && s.Parent.Data == "head" {
			blocking++
		}
	}
	if blocking != 1 {
		t.Errorf("%d blocking scripts in <head>, want exactly the theme script", blocking)
	}
}

// insideTemplate reports whether n is part of a <template>'s content.
func insideTemplate(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.Data == "template" {
			return true
		}
	}
	return false
}
