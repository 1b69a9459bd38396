package tests

import (
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bodasadallah/boda-blog/tools/internal/browser"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// plannedCourse is a course whose syllabus plans 24 lectures, of which
// lecture 12 is written: the longest series box a lecture page can show.
func plannedCourse() map[string]string {
	var b strings.Builder
	b.WriteString("---\ntitle: Planned Course\ndescription: A course with a full plan.\nunit: Lecture\nsyllabus:\n")
	for i := 1; i <= 24; i++ {
		fmt.Fprintf(&b, "  - {number: %d, title: \"Topic number %d of the plan\"}\n", i, i)
	}
	b.WriteString("---\nA planned course.\n")
	return map[string]string{
		"content/courses/planned/_index.md": b.String(),
		"content/courses/planned/lecture-12.md": "---\ntitle: \"Lecture 12: Topic number 12 of the plan\"\n" +
			"description: The twelfth lecture of a course planned to have twenty-four.\ndate: 2024-03-01\n---\n\n" +
			"The first line of the twelfth lecture.\n\n## One\n\nText.\n\n## Two\n\nText.\n\n## Three\n\nText.\n\n## Four\n\nText.\n",
	}
}

// phoneProbe measures the page: the header's height, the top of the first
// line of the note's text (from the top of the document) and the layout
// shifts seen from the moment the document was parsed.
const phoneProbe = `(async () => {
  const moved = [];
  const shifts = await new Promise((resolve) => {
    let sum = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        // Shifts while the parser still builds the page (a frame painted
        // mid-document) are the browser's incremental rendering; what is
        // measured is what moves once the page is there: scripts, fonts,
        // images.
        if (e.hadRecentInput || e.startTime < performance.getEntriesByType('navigation')[0].domInteractive) continue;
        sum += e.value;
        moved.push('at ' + Math.round(e.startTime) + ' ms:');
        for (const s of e.sources) {
          const n = s.node && s.node.nodeType === 1 ? s.node : s.node && s.node.parentElement;
          moved.push((n ? n.tagName.toLowerCase() + '.' + String(n.className).split(' ')[0] : '?') + ' from ' + JSON.stringify(s.previousRect) + ' to ' + JSON.stringify(s.currentRect));
        }
      }
    }).observe({ type: 'layout-shift', buffered: true });
    setTimeout(() => resolve(sum), 600);
  });
  const header = document.querySelector('.boda-header').getBoundingClientRect().height;
  let first = -1;
  const prose = document.querySelector('.boda-prose');
  if (prose) {
    const walker = document.createTreeWalker(prose, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.data.trim()) continue;
      const r = document.createRange();
      r.selectNodeContents(n);
      const rect = r.getClientRects()[0];
      if (rect) { first = rect.top + window.scrollY; break; }
    }
  }
  return { header, first, shifts, moved };
})()`

type phoneFigures struct {
	Header, First, Shifts float64
	Moved                 []string
}

// phoneSite builds the site with the planned course added, as deployed.
func phoneSite(t *testing.T) *sitetest.Result {
	t.Helper()
	src := sitetest.CopySite(t)
	sitetest.WriteFiles(t, src, plannedCourse())
	return sitetest.Build(t, sitetest.Options{Source: src, Public: filepath.Join(t.TempDir(), "public"), Args: []string{"--environment", "production"}})
}

func measure(t *testing.T, base string, width, height int, pages []string) map[string]phoneFigures {
	t.Helper()
	out := map[string]phoneFigures{}
	for i, f := range measureAll(t, base, width, height, pages) {
		out[pages[i]] = f
	}
	return out
}

// measureAll loads pages in turn in one browser and measures each. A page
// that shifted is loaded and measured once more, and the second load is
// what counts: what the page itself moves (a script adding a button, an
// image without its size, a font swapped in) moves at every load, while
// on a machine loaded by other work Chromium now and then paints a frame
// of a page it has not finished laying out (a shift of 0.0009 was seen
// once in CI, on a course page, and never in dozens of loads since). The
// first load's shift is logged.
func measureAll(t *testing.T, base string, width, height int, pages []string) []phoneFigures {
	t.Helper()
	ctx := browser.New(t, browser.Options{Width: width, Height: height})
	// Every load fetches the page script from the server, held back by
	// slowPageScript, never from the browser's cache.
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		t.Fatal(err)
	}
	load := func(p string) phoneFigures {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(base+p), chromedp.Sleep(500*time.Millisecond)); err != nil {
			t.Fatalf("%s at %d px: %v", p, width, err)
		}
		f, err := chromedp.Run(ctx, chromedp.Evaluate[phoneFigures](phoneProbe, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s at %d px: %v", p, width, err)
		}
		return f
	}
	var out []phoneFigures
	for _, p := range pages {
		f := load(p)
		if f.Shifts > 0 {
			t.Logf("%s at %d×%d: shifted by %.4f at the first load (%s); loading it again", p, width, height, f.Shifts, strings.Join(f.Moved, "; "))
			f = load(p)
		}
		out = append(out, f)
	}
	return out
}

// slowPageScript holds back the page script (js/main…js) for 400 ms, so
// the page paints before the script adds the header tools, as on a slow
// phone: what the script adds must not move what was painted.
func slowPageScript(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/js/main") {
			time.Sleep(400 * time.Millisecond)
		}
		h.ServeHTTP(w, r)
	})
}

// notePages are the note pages of each kind: lectures, a paper, a note, and
// a lecture of a course planned to 24 lectures.
var notePages = []string{
	"/courses/cs480-680/lecture-16/", "/courses/applied-deep-learning/deep-learning-overview/",
	"/papers/decoupled-neural-interfaces/", "/notes/git/", "/courses/planned/lecture-12/",
}

// otherPages are the list pages, one of each kind.
var otherPages = []string{"/", "/notes/", "/papers/", "/courses/", "/courses/cs480-680/", "/courses/planned/", "/tags/", "/404.html"}

// TestPhoneShowsTheNoteFirst loads every kind of page on a phone (390×844
// and 375×812) and a laptop (1280×800): the header is one row (at most
// 64 px) on the phone, a note's first line starts within the first screen
// (at most 600 px from the top), and nothing shifts while the page loads.
func TestPhoneShowsTheNoteFirst(t *testing.T) {
	site := phoneSite(t)
	base := browser.Serve(t, site.Public, slowPageScript)
	for _, size := range [][2]int{{390, 844}, {375, 812}, {1280, 800}} {
		w, h := size[0], size[1]
		figs := measure(t, base, w, h, append(append([]string{}, notePages...), otherPages...))
		for _, p := range append(append([]string{}, notePages...), otherPages...) {
			f := figs[p]
			t.Logf("%4d×%d %-55s header %5.1f  first line %6.1f  shift %.4f", w, h, p, f.Header, f.First, f.Shifts)
			if f.Shifts > 0 {
				t.Errorf("%s at %d×%d: the layout shifts by %.4f while loading, want 0 (%s)", p, w, h, f.Shifts, strings.Join(f.Moved, "; "))
			}
			if w < 600 && f.Header > 64 {
				t.Errorf("%s at %d×%d: the header is %.0f px high, want one row of at most 64 px", p, w, h, f.Header)
			}
		}
		if w < 600 {
			for _, p := range notePages {
				if f := figs[p]; f.First < 0 || f.First > 600 {
					t.Errorf("%s at %d×%d: the note's first line starts at %.0f px, want within 600 px", p, w, h, f.First)
				}
			}
		}
	}
}

// chromeProbe reports what shows of the header menu, the tools, the series
// box and the table of contents on the current page.
const chromeProbe = `(() => {
  const shown = (sel) => { const e = document.querySelector(sel); return !!e && e.checkVisibility({ visibilityProperty: true, opacityProperty: true }); };
  const link = document.querySelector('.boda-nav__link');
  return {
    navLink: shown('.boda-nav__link'), navLinkTop: link ? link.getBoundingClientRect().top : -1,
    menuButton: shown('.boda-menu__toggle'), menuOpen: !!document.querySelector('.boda-menu[open]'), tools: shown('.boda-tools'), toolButtons: document.querySelectorAll('.boda-tools button').length,
    seriesList: shown('.boda-series__list'), seriesOpen: !!document.querySelector('.boda-series__details[open]'),
    tocList: shown('#TableOfContents a'), tocOpen: !!document.querySelector('.boda-toc__details[open]'),
  };
})()`

type chromeState struct {
	NavLink, MenuButton, MenuOpen, Tools, SeriesList, SeriesOpen, TocList, TocOpen bool
	NavLinkTop                                                                     float64
	ToolButtons                                                                    int
}

// TestPhoneFoldsAndWideScreensPin checks the disclosures, with and without
// JS: on a phone the menu is a button that opens over the page and the
// series box (of a lecture) and the contents (of a long note) are folded
// until opened; on a wide screen the menu's links sit in the header and the
// series box and contents show beside the text (open, with JS, so screen
// readers hear it).
func TestPhoneFoldsAndWideScreensPin(t *testing.T) {
	site := sitetest.Site(t, "production")
	base := browser.Serve(t, site.Public, nil)
	for _, js := range []bool{true, false} {
		for _, width := range []int{390, 1280} {
			name := fmt.Sprintf("%dpx-js=%v", width, js)
			t.Run(name, func(t *testing.T) {
				ctx := browser.New(t, browser.Options{Width: width, Height: 844})
				if !js {
					if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
						t.Fatal(err)
					}
				}
				probe := func() chromeState {
					t.Helper()
					s, err := chromedp.Run(ctx, chromedp.Evaluate[chromeState](chromeProbe))
					if err != nil {
						t.Fatal(err)
					}
					return s
				}
				for _, c := range []struct {
					page, summary string
					shown, open   func(chromeState) bool
				}{
					{"/courses/cs480-680/lecture-16/", ".boda-series__summary", func(s chromeState) bool { return s.SeriesList }, func(s chromeState) bool { return s.SeriesOpen }},
					{"/notes/git/", ".boda-toc__summary", func(s chromeState) bool { return s.TocList }, func(s chromeState) bool { return s.TocOpen }},
				} {
					if err := chromedp.Do(ctx, chromedp.Navigate(base+c.page), chromedp.Sleep(300*time.Millisecond)); err != nil {
						t.Fatal(err)
					}
					s := probe()
					if js != (s.ToolButtons == 2) || js != s.Tools {
						t.Errorf("%s: %d tool buttons (slot shown: %v), want 2 with JS and none without", c.page, s.ToolButtons, s.Tools)
					}
					if width >= 1100 {
						if !s.NavLink || s.MenuButton || !c.shown(s) {
							t.Errorf("%s wide: %+v, want the menu's links, no menu button, and %s's box shown", c.page, s, c.summary)
						}
						if js && (!c.open(s) || !s.MenuOpen) {
							t.Errorf("%s wide with JS: %s's box (open: %v) or the menu (open: %v) is shown but not open", c.page, c.summary, c.open(s), s.MenuOpen)
						}
						continue
					}
					if s.NavLink || !s.MenuButton || c.shown(s) {
						t.Errorf("%s phone: %+v, want a menu button and the menu and %s's box folded", c.page, s, c.summary)
						continue
					}
					if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(c.summary)), chromedp.Sleep(100*time.Millisecond)); err != nil {
						t.Fatal(err)
					}
					if s = probe(); !c.shown(s) {
						t.Errorf("%s phone: opening %s shows nothing", c.page, c.summary)
					}
					if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".boda-menu__toggle")), chromedp.Sleep(100*time.Millisecond)); err != nil {
						t.Fatal(err)
					}
					if s = probe(); !s.NavLink || s.NavLinkTop < 56 {
						t.Errorf("%s phone: the open menu shows its links %v at %.0f px, want them under the header", c.page, s.NavLink, s.NavLinkTop)
					}
				}
			})
		}
	}
}
