package tests

import (
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/browser"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
	"github.com/chromedp/chromedp"
)

// TestBrowserRendersTheHomePage is the smoke test of the browser harness:
// the built home page loads in headless Chromium with its stylesheet.
func TestBrowserRendersTheHomePage(t *testing.T) {
	site := sitetest.Site(t, "production")
	base := browser.Serve(t, site.Public, nil)
	ctx := browser.New(t, browser.Options{})
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
		t.Fatal(err)
	}
	title, err := chromedp.Run(ctx, chromedp.Title())
	if err != nil {
		t.Fatal(err)
	}
	bg, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.body).backgroundColor`))
	if err != nil {
		t.Fatal(err)
	}
	if title != "Boda Blog" {
		t.Errorf("title %q", title)
	}
	if bg == "" || bg == "rgba(0, 0, 0, 0)" {
		t.Errorf("the stylesheet did not apply: body background %q", bg)
	}
}
