package tests

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/browser"
	"github.com/bodasadallah/boda-blog/tools/internal/netlify"
	"github.com/bodasadallah/boda-blog/tools/internal/pagefind"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// violationRecorder runs in every page before the page's own scripts and
// keeps each securitypolicyviolation event for the test to read.
const violationRecorder = `
Object.defineProperty(window, '__bodaViolations', {value: [], enumerable: false});
document.addEventListener('securitypolicyviolation', (e) => {
  window.__bodaViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') +
    ' at ' + e.sourceFile + ':' + e.lineNumber + (e.sample ? ' (' + e.sample + ')' : ''));
});`

// settle waits for the page's queued tasks (violation reports are
// dispatched as tasks) and returns the recorded violations.
const settle = `new Promise((done) => requestAnimationFrame(() => setTimeout(() => done(window.__bodaViolations || []), 30)))`

// pageProblems gathers, from the browser's events, what went wrong while
// one page loaded.
type pageProblems struct {
	mu       sync.Mutex
	base     string
	page     string
	urls     map[network.RequestID]string
	expected map[string]int // URL → expected HTTP status other than 2xx/3xx
	found    []string
	// responses keeps the headers of every response from the site, by URL
	// path, when it is not nil.
	responses map[string]network.Headers
}

func (p *pageProblems) add(format string, args ...any) {
	p.found = append(p.found, p.page+": "+fmt.Sprintf(format, args...))
}

func (p *pageProblems) listen(ev any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		u := ev.Request.URL
		p.urls[ev.RequestID] = u
		if !strings.HasPrefix(u, p.base+"/") && u != p.base {
			p.add("request to another origin: %s", u)
		}
	case *network.EventResponseReceived:
		if u, err := url.Parse(ev.Response.URL); err == nil && p.responses != nil && strings.HasPrefix(ev.Response.URL, p.base+"/") {
			p.responses[u.Path] = ev.Response.Headers
		}
		want, ok := p.expected[ev.Response.URL]
		switch {
		case ok && int(ev.Response.Status) != want:
			p.add("%s answered %d, want %d", ev.Response.URL, ev.Response.Status, want)
		case !ok && ev.Response.Status >= 400:
			p.add("%s answered %d", ev.Response.URL, ev.Response.Status)
		}
	case *network.EventLoadingFailed:
		p.add("request failed: %s: %s %s", p.urls[ev.RequestID], ev.ErrorText, ev.BlockedReason)
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		desc := d.Text
		if d.Exception != nil {
			desc += " " + d.Exception.Description
		}
		p.add("uncaught exception: %s at %s:%d", desc, d.URL, d.LineNumber+1)
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var parts []string
			for _, a := range ev.Args {
				parts = append(parts, string(a.Value)+a.Description)
			}
			p.add("console.%s: %s", ev.Type, strings.Join(parts, " "))
		}
	case *log.EventEntryAdded:
		if _, ok := p.expected[ev.Entry.URL]; ok && ev.Entry.Source == log.EntrySourceNetwork {
			break // the status was checked with the response
		}
		if ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning {
			p.add("browser %s (%s): %s %s", ev.Entry.Level, ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
		}
	}
}

func (p *pageProblems) start(page string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.page = page
}

func (p *pageProblems) take() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := p.found
	p.found = nil
	return out
}

// TestEveryPageLoadsCleanUnderTheCSP serves the production build with
// Netlify's own CLI (`netlify dev --offline`), so every response carries the
// headers Netlify attaches to it, and loads every page in Chromium. Any CSP
// violation, console error or warning, uncaught exception, failed request,
// error status or request to another origin fails the test. Every response
// must carry what the CLI's header rules give its path, and the Cache-Control
// those rules give every file the browser fetched (which `netlify dev`'s
// static server replaces with its own, unlike a deploy) must cache hashed
// files for good and make pages revalidate.
func TestEveryPageLoadsCleanUnderTheCSP(t *testing.T) {
	port := netlify.FreePort(t)
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	// The site is built for this server's URL, so absolute links (alias
	// redirects, canonical links) stay on it.
	site := sitetest.Build(t, sitetest.Options{Args: []string{"--environment", "production", "--baseURL", base + "/"}})
	pagefind.Index(t, site.Public)
	netlify.Serve(t, site.Public, port, "")
	ctx := browser.New(t, browser.Options{})

	problems := &pageProblems{base: base, urls: map[network.RequestID]string{}, expected: map[string]int{}, responses: map[string]network.Headers{}}
	if err := chromedp.Listen(ctx, problems.listen); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: violationRecorder}); err != nil {
		t.Fatal(err)
	}

	load := func(path string) { t.Helper(); loadUnderCSP(t, ctx, problems, base, path) }

	// The harness itself: a style attribute set from script must be
	// reported, or the test would pass by hearing nothing.
	load("/")
	caught, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`document.body.setAttribute('style', 'color: red'); `+settle, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if len(caught) != 1 || !strings.Contains(caught[0], "style-src") {
		t.Fatalf("a style attribute set from script was not reported as a CSP violation: %q", caught)
	}
	problems.take() // the deliberate violation's console report

	pages := site.HTMLFiles(t)
	slices.Sort(pages)
	loaded := 0
	for _, rel := range pages {
		path := "/" + strings.TrimSuffix(rel, "index.html")
		doc := sitetest.Parse(t, site.File(t, rel), rel)
		if isAlias(doc) {
			// Hugo's alias pages redirect at once with a meta refresh; the
			// target page is loaded in its own turn.
			continue
		}
		load(path)
		loaded++
	}

	// The search runs under the CSP: Pagefind loads its script, compiles its
	// WebAssembly ('wasm-unsafe-eval'), starts its worker and fetches its
	// index (connect-src 'self').
	load("/notes/")
	hits, err := chromedp.Run(ctx, chromedp.Evaluate[int](`import('/pagefind/pagefind.js').then(async (pf) => {
		await pf.init();
		const found = await pf.search('git');
		if (found.results.length) await found.results[0].data();
		return found.results.length;
	})`, chromedp.EvalAwaitPromise))
	if err != nil || hits == 0 {
		t.Errorf("searching for git under the CSP: %d results, %v", hits, err)
	}
	violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](settle, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Error(err)
	}
	for _, v := range violations {
		t.Errorf("search: CSP violation: %s", v)
	}
	for _, p := range problems.take() {
		t.Error("search: " + p)
	}

	// An unknown path gets the 404 page, with status 404.
	missing := "/no/such/note/"
	problems.expected[base+missing] = http.StatusNotFound
	load(missing)
	h1, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
	if want := sitetest.Parse(t, site.File(t, "404.html"), "404.html").Title(); err != nil || h1 != want {
		t.Errorf("%s: shows %q, not the 404 page's %q (%v)", missing, h1, want, err)
	}
	t.Logf("loaded %d pages and the 404 page under the CSP of netlify.toml", loaded)
	checkServedHeaders(t, problems.responses)
}

// checkServedHeaders compares the headers of every response the browser got
// with what the CLI's header matching gives its path, and checks the
// Cache-Control a deploy would send it: immutable for files named after
// their content, revalidated for everything else.
func checkServedHeaders(t *testing.T, responses map[string]network.Headers) {
	t.Helper()
	paths := slices.Sorted(maps.Keys(responses))
	matches := netlify.Headers(t, filepath.Join(sitetest.Root(), "netlify.toml"), paths)
	hashed := 0
	for _, p := range paths {
		served := map[string]string{}
		for k, v := range responses[p] {
			served[http.CanonicalHeaderKey(k)], _ = v.(string)
		}
		m := matches[p]
		for k, want := range m.Values {
			k = http.CanonicalHeaderKey(k)
			if k == "Cache-Control" {
				continue // netlify dev's static server sends its own
			}
			if served[k] != want {
				t.Errorf("%s: served %s %q, the rules give %q", p, k, served[k], want)
			}
		}
		cc := m.Get("Cache-Control")
		if cc == "" {
			cc = defaultCacheControl
		}
		switch name := path.Base(p); {
		case hashedName.MatchString(name):
			hashed++
			if !strings.Contains(cc, "immutable") {
				t.Errorf("%s is named after its content but would be served with Cache-Control %q", p, cc)
			}
		case cc != defaultCacheControl:
			t.Errorf("%s would be served with Cache-Control %q; it must revalidate", p, cc)
		}
	}
	if hashed < 3 {
		t.Errorf("the browser fetched only %d hashed files; the CSS, the JS and the search index should be among them", hashed)
	}
}

// loadUnderCSP loads base+path and reports, as test errors, a response
// without a Content-Security-Policy, every CSP violation the page records
// (violationRecorder) and every problem problems heard while it loaded. It
// reports whether the page loaded.
func loadUnderCSP(t *testing.T, ctx context.Context, problems *pageProblems, base, path string) bool {
	t.Helper()
	problems.start(path)
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(base+path))
	if err != nil {
		t.Errorf("%s: %v", path, err)
		return false
	}
	if resp.Headers["Content-Security-Policy"] == nil && resp.Headers["content-security-policy"] == nil {
		t.Errorf("%s: served without a Content-Security-Policy", path)
	}
	violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](settle, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Errorf("%s: %v", path, err)
	}
	for _, v := range violations {
		t.Errorf("%s: CSP violation: %s", path, v)
	}
	for _, p := range problems.take() {
		t.Error(p)
	}
	return true
}
