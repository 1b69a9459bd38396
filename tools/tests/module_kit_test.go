package tests

import (
	"strings"
	"testing"
	"time"

	"github.com/bodasadallah/boda-blog/tools/internal/browser"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
	"github.com/chromedp/chromedp"
)

// assertKit checks the command kit on a page of a site that mounts only our
// notes: its stylesheet styles commands and leaves the host's colour scheme
// alone, and in Chromium its script gives every command a Copy button.
func assertKit(t *testing.T, site *sitetest.Result, page string) {
	t.Helper()
	doc := site.Page(t, page)
	css := stylesheet(t, site, doc)
	for _, want := range []string{".boda-cmd", "--boda-code-bg", ".chroma .k"} {
		if !strings.Contains(css, want) {
			t.Errorf("%s: the command kit's stylesheet lacks %s", page, want)
		}
	}
	for _, bad := range []string{":root{color-scheme", ":root { color-scheme", "boda-shell", "box-sizing", "prefers-color-scheme"} {
		if strings.Contains(css, bad) {
			t.Errorf("%s: the command kit's stylesheet holds %q, which belongs to the host theme", page, bad)
		}
	}
	base := browser.Serve(t, site.Public, nil)
	ctx := browser.New(t, browser.Options{})
	if err := chromedp.Do(ctx, chromedp.Navigate(base+page)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelectorAll('[data-boda-copy]').length > 0 && document.querySelectorAll('.boda-copy').length === document.querySelectorAll('[data-boda-copy]').length`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Errorf("%s: the command kit's copy buttons never appeared: %v", page, err)
	}
}
