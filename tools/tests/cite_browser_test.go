package tests

import (
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/browser"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestCitePreview: focusing a citation shows its bibliography entry in the
// preview popover, as a footnote reference shows its footnote.
func TestCitePreview(t *testing.T) {
	site, err := citeFixture(t, map[string]string{"content/notes/citing.md": citingNote})
	if err != nil {
		t.Fatalf("build: %v\n%s", err, site.Output)
	}
	base := browser.Serve(t, site.Public, nil)
	ctx := browser.New(t, browser.Options{})
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/notes/citing/"), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatal(err)
	}
	const state = `(() => {
	  const p = document.querySelector('[data-boda-preview]');
	  if (!p || p.hidden) return '';
	  const owner = document.querySelector('[aria-describedby="boda-preview"]');
	  return (owner ? owner.getAttribute('href') : '-') + ' | ' + p.querySelectorAll('[id]').length + ' | ' + p.textContent.trim().replace(/\s+/g, ' ');
	})()`
	// The module script has run once it has added the popover.
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector('[data-boda-preview]') ? true : null`, chromedp.WithPollingTimeout(5e9))); err != nil {
		t.Fatalf("the preview script did not start: %v", err)
	}
	// A key press first, so the page has the focus and focusing fires events.
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab), chromedp.Focus(chromedp.CSS(`.boda-cite__ref[href="#bib-vaswani2017"]`))); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => { const s = `+state+`; return s ? s : null; })()`, chromedp.WithPollingTimeout(5e9)))
	if err != nil {
		now, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.outerHTML + ' || ' + document.querySelector('[data-boda-preview]').outerHTML + ' || ' + [...document.scripts].map(s => s.src).join(' ')`))
		t.Fatalf("no preview of the citation: %v (%s)", err, now)
	}
	want := "#bib-vaswani2017 | 0 | Ashish Vaswani, Noam Shazeer and Niki Parmar (2017). Attention Is All You Need."
	if !strings.HasPrefix(got, want) {
		t.Errorf("citation preview %q, want it to start %q", got, want)
	}
}
