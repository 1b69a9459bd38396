package tests

import (
	"fmt"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/browser"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
	"github.com/chromedp/chromedp"
)

// layoutProbe reports horizontal overflow of the page and pairs of text
// boxes that overlap, clipped to their scroll containers.
const layoutProbe = `(() => {
  const problems = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth + 1) {
    const wide = [...document.body.querySelectorAll('*')]
      .filter(e => e.getBoundingClientRect().right > doc.clientWidth + 1)
      .filter(e => !e.closest('.boda-visually-hidden'))
      .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : ''));
    problems.push('page overflows horizontally: scrollWidth ' + doc.scrollWidth + ' > ' + doc.clientWidth + ' (' + wide.join(', ') + ')');
  }
  const clip = (el, rect) => {
    let r = { left: rect.left, right: rect.right, top: rect.top, bottom: rect.bottom };
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX !== 'visible' || s.overflowY !== 'visible') {
        const c = a.getBoundingClientRect();
        r = { left: Math.max(r.left, c.left), right: Math.min(r.right, c.right), top: Math.max(r.top, c.top), bottom: Math.min(r.bottom, c.bottom) };
      }
    }
    return r;
  };
  const boxes = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let id = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.data.trim()) continue;
    const el = n.parentElement;
    if (!el || el.closest('.boda-visually-hidden, .boda-skip, details:not([open]) > :not(summary)')) continue;
    const st = getComputedStyle(el);
    if (st.visibility === 'hidden' || st.opacity === '0') continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    id++;
    for (const r of range.getClientRects()) {
      const c = clip(el, r);
      if (c.right - c.left > 1 && c.bottom - c.top > 1) boxes.push({ id, text: n.data.trim().slice(0, 30), ...c });
    }
  }
  const slack = 2;
  for (let i = 0; i < boxes.length && problems.length < 6; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.id === b.id) continue;
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > slack && h > slack) {
        problems.push('text overlaps: "' + a.text + '" and "' + b.text + '"');
        break;
      }
    }
  }
  return problems;
})()`

// TestLayoutFitsEveryScreen loads every page at 375 px and 1280 px wide, in
// light and dark, at 320 px, and at 640 px (a 1280 px screen at 200 % zoom),
// and fails on horizontal overflow or overlapping text.
func TestLayoutFitsEveryScreen(t *testing.T) {
	site := sitetest.Site(t, "production")
	base := browser.Serve(t, site.Public, nil)
	var pages []string
	for _, p := range site.HTMLFiles(t) {
		// Aliases (page/1/ of paginated lists) only redirect.
		if !strings.Contains(site.File(t, p), `http-equiv="refresh"`) {
			pages = append(pages, p)
		}
	}
	configs := []struct {
		width int
		dark  bool
	}{{375, false}, {375, true}, {1280, false}, {1280, true}, {320, false},
		// 1280 px at 200 % zoom lays out like a 640 px viewport.
		{640, false}}
	for _, c := range configs {
		width, dark := c.width, c.dark
		{
			name := fmt.Sprintf("%dpx-%s", width, map[bool]string{false: "light", true: "dark"}[dark])
			t.Run(name, func(t *testing.T) {
				ctx := browser.New(t, browser.Options{Width: width, Height: 800, Dark: dark})
				for _, p := range pages {
					url := base + "/" + strings.TrimSuffix(p, "index.html")
					if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
						t.Fatalf("%s: %v", p, err)
					}
					problems, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](layoutProbe))
					if err != nil {
						t.Fatalf("%s: %v", p, err)
					}
					for _, pr := range problems {
						t.Errorf("%s at %s: %s", p, name, pr)
					}
				}
			})
		}
	}
}

// TestLayoutProbeCatchesProblems proves the probe above fails on a page that
// overflows and on text that overlaps.
func TestLayoutProbeCatchesProblems(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteFiles(t, dir, map[string]string{
		"index.html": `<!doctype html><html lang="en"><head><title>x</title><link rel="stylesheet" href="/s.css"></head><body>
<p class="a">First words here</p><p class="b">Second words here</p>
<div class="wide">wide</div>
</body></html>`,
		"s.css": `.a,.b{position:absolute;top:10px;left:10px;margin:0} .wide{width:3000px}`,
	})
	base := browser.Serve(t, dir, nil)
	ctx := browser.New(t, browser.Options{Width: 375, Height: 800})
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
		t.Fatal(err)
	}
	problems, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](layoutProbe))
	if err != nil {
		t.Fatal(err)
	}
	joined := strings.Join(problems, "\n")
	if !strings.Contains(joined, "overflows horizontally") || !strings.Contains(joined, "text overlaps") {
		t.Errorf("the probe missed the problems: %q", problems)
	}
}
