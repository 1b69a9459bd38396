package tests

import (
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/browser"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"golang.org/x/net/html"
)

func TestPreviewsOfFootnotesEquationsAndNotes(t *testing.T) {
	site := readerFixture(t)
	base := browser.Serve(t, site.Public, nil)
	ctx := browser.New(t, browser.Options{})
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/notes/alpha/"), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatal(err)
	}
	const state = `(() => {
	  const p = document.querySelector('[data-boda-preview]');
	  if (!p || p.hidden) return 'hidden';
	  const r = p.getBoundingClientRect();
	  const owner = document.querySelector('[aria-describedby="boda-preview"]');
	  return 'shown ' + (r.width > 0 && r.height > 0) + ' ' + (owner ? owner.getAttribute('href') : '-') + ' | ' + p.textContent.trim().replace(/\s+/g, ' ');
	})()`
	read := func(want string) string {
		t.Helper()
		got, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => { const s = `+state+`; return s.startsWith(`+"`"+want+"`"+`) ? s : null; })()`, chromedp.WithPollingTimeout(5e9)))
		if err != nil {
			now, _ := chromedp.Run(ctx, chromedp.Evaluate[string](state))
			t.Fatalf("waiting for the preview %q: %v (now: %q)", want, err, now)
		}
		return got
	}

	// Keyboard: Tab to the footnote reference shows the footnote.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector('.footnote-ref').previousElementSibling?.focus?.()`)); err != nil {
		t.Fatal(err)
	}
	tabs := 0
	for ; tabs < 30; tabs++ {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
		on, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.activeElement.matches('.footnote-ref')`))
		if on {
			break
		}
	}
	if tabs == 30 {
		t.Fatal("Tab never reached the footnote reference")
	}
	got := read("shown true #fn:1")
	if !strings.Contains(got, "The footnote text, with a link.") || strings.Contains(got, "↩") {
		t.Errorf("footnote preview %q, want the footnote's text without its back link", got)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatal(err)
	}
	read("hidden")
	if still, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.activeElement.matches('.footnote-ref')`)); !still {
		t.Error("Escape moved the focus away from the footnote reference")
	}

	// An equation link and a note link, by focus.
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(`a[href="#eq-loss"]`))); err != nil {
		t.Fatal(err)
	}
	if got := read("shown true #eq-loss"); !strings.Contains(got, "L") {
		t.Errorf("equation preview %q", got)
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('[data-boda-preview] math').length`)); n == 0 {
		t.Error("the equation preview shows no <math>")
	}
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(`.boda-prose a[href="/notes/beta/"]`))); err != nil {
		t.Fatal(err)
	}
	if a, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.outerHTML`)); !strings.Contains(a, `href="/notes/beta/"`) {
		t.Fatalf("focus is on %s", a)
	}
	if got := read("shown true /notes/beta/"); !strings.Contains(got, "Beta") || !strings.Contains(got, "Beta points back to alpha by its URL.") {
		t.Errorf("note preview %q, want beta's title and description", got)
	}

	// Hover shows, leaving hides.
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape), chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`)); err != nil {
		t.Fatal(err)
	}
	read("hidden")
	xy, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(() => { const r = document.querySelector('.footnote-ref').getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()`))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, xy[0], xy[1])); err != nil {
		t.Fatal(err)
	}
	read("shown true #fn:1")
	if err := chromedp.Do(ctx, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 2, 2)); err != nil {
		t.Fatal(err)
	}
	read("hidden")

	// External links get no preview.
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape), chromedp.Focus(chromedp.CSS(`.boda-prose a[href="https://example.com/"]`))); err != nil {
		t.Fatal(err)
	}
	if got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](state)); got != "hidden" {
		t.Errorf("an external link got a preview: %q", got)
	}
}

func TestPreviewLinksWorkWithoutJavaScript(t *testing.T) {
	site := readerFixture(t)
	doc := site.Page(t, "/notes/alpha/")
	for _, href := range []string{"#fn:1", "#eq-loss", "/notes/beta/"} {
		if !doc.HasLink(href) {
			t.Errorf("alpha has no plain link to %s", href)
		}
	}
	ids := map[string]bool{}
	for _, n := range doc.All(func(n *html.Node) bool { _, ok := sitetest.Attr(n, "id"); return ok }) {
		id, _ := sitetest.Attr(n, "id")
		ids[id] = true
	}
	for _, id := range []string{"fn:1", "eq-loss"} {
		if !ids[id] {
			t.Errorf("alpha has no element with id %q for its link", id)
		}
	}
}
