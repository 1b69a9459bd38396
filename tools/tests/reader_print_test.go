package tests

import (
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestPrintHidesNavigationAndShowsLinkTargets renders a course's print page
// with print media: the site's navigation and reader tools are gone, links
// print their targets and each note starts on a new page.
func TestPrintHidesNavigationAndShowsLinkTargets(t *testing.T) {
	site := readerFixture(t)
	base := browser.Serve(t, site.Public, nil)
	ctx := browser.New(t, browser.Options{Dark: true})
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/courses/ml/print/"), chromedp.WaitVisible(chromedp.CSS("[data-boda-tools] button"))); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](`(() => {
	  const shown = (sel) => { const e = document.querySelector(sel); return e ? getComputedStyle(e).display : 'missing'; };
	  const link = document.querySelector('.boda-print__note .boda-prose a[href="https://example.org/path"]');
	  const notes = document.querySelectorAll('.boda-print__note');
	  return {
	    header: shown('.boda-header'), footer: shown('.boda-footer'), tools: shown('.boda-tools'),
	    after: link ? getComputedStyle(link, '::after').content : 'no link',
	    breakSecond: notes.length > 1 ? getComputedStyle(notes[1]).breakBefore : 'one note',
	    background: getComputedStyle(document.body).backgroundColor,
	  };
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"header", "footer", "tools"} {
		if got[k] != "none" {
			t.Errorf("print: the %s shows (display %s)", k, got[k])
		}
	}
	if got["breakSecond"] != "page" {
		t.Errorf("print: the second note does not start a new page (break-before %s)", got["breakSecond"])
	}
	if got["background"] != "rgb(255, 255, 255)" {
		t.Errorf("print in a dark system: background %s, want white paper", got["background"])
	}
	if got["after"] == "" || got["after"] == "none" || got["after"] == "no link" || !strings.Contains(got["after"], "https://example.org/path") {
		t.Errorf("print: links do not show their targets (::after %s)", got["after"])
	}
}
