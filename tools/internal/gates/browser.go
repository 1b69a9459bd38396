package gates

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bodasadallah/boda-blog/tools/internal/browser"
	"github.com/bodasadallah/boda-blog/tools/internal/npm"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// AxeTags are the axe-core rule tags the accessibility gate runs: every
// WCAG 2.0, 2.1 and 2.2 rule at levels A and AA.
var AxeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// Browser is one headless Chromium tab over a served site, reused for every
// page.
type Browser struct {
	ctx    context.Context
	base   string // the served site, no trailing slash
	public string

	mu       sync.Mutex
	requests map[network.RequestID]*request
	order    []network.RequestID
}

type request struct {
	url      string
	kind     network.ResourceType
	blocking network.RenderBlockingBehavior
	status   int64
	failed   string
}

// Open serves public on 127.0.0.1 and starts Chromium with the browser
// cache off, so each page loads as it does for a first-time visitor.
func Open(t testing.TB, public string) *Browser {
	t.Helper()
	axe, err := os.ReadFile(npm.File(t, "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	b := &Browser{
		base:     browser.Serve(t, public, nil),
		public:   public,
		requests: map[network.RequestID]*request{},
	}
	b.ctx = browser.New(t, browser.Options{})
	if _, err := chromedp.Call(b.ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		t.Fatal(err)
	}
	// axe-core runs in every document the tab loads (the plain file server
	// sends no CSP, so injecting it is allowed).
	if _, err := chromedp.Call(b.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: string(axe)}); err != nil {
		t.Fatal(err)
	}
	err = chromedp.Listen(b.ctx, func(ev any) {
		b.mu.Lock()
		defer b.mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			if _, ok := b.requests[ev.RequestID]; !ok {
				b.order = append(b.order, ev.RequestID)
			}
			b.requests[ev.RequestID] = &request{url: ev.Request.URL, kind: ev.Type, blocking: ev.RenderBlockingBehavior}
		case *network.EventResponseReceived:
			if r := b.requests[ev.RequestID]; r != nil {
				r.status = ev.Response.Status
			}
		case *network.EventLoadingFailed:
			if r := b.requests[ev.RequestID]; r != nil {
				r.failed = ev.ErrorText
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// URL is the served address of a URL path.
func (b *Browser) URL(page string) string { return b.base + page }

// load navigates to page with a fresh request log, and returns the
// requests it made.
func (b *Browser) load(page string) ([]*request, error) {
	b.mu.Lock()
	b.requests = map[network.RequestID]*request{}
	b.order = nil
	b.mu.Unlock()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(b.URL(page))); err != nil {
		return nil, fmt.Errorf("loading %s: %w", page, err)
	}
	// Let deferred module scripts run and anything they fetch arrive.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`new Promise(r => setTimeout(r, 150))`, chromedp.EvalAwaitPromise)); err != nil {
		return nil, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []*request
	for _, id := range b.order {
		out = append(out, b.requests[id])
	}
	return out, nil
}

type violation struct {
	ID, Impact, Help string
	Nodes            []struct {
		Target, Summary string
	}
}

// axeRun runs axe-core on the current document with the WCAG 2.2 A/AA
// rules and returns the violations.
const axeRun = `(async () => {
  const r = await axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary || ''}))}));
})()`

// Schemes are the colour schemes the accessibility gate audits.
var Schemes = []string{"light", "dark"}

// pagesPerBrowser bounds how many pages one Chromium audits: the browser
// helper gives a browser three minutes to live.
const pagesPerBrowser = 12

// Audit loads every page once with an empty cache, measures what it
// downloads, and runs axe-core on it in light and in dark mode (switching
// prefers-color-scheme on the loaded page).
func Audit(t testing.TB, public string, pages []string) ([]Problem, []*Weight) {
	t.Helper()
	tags := `['` + strings.Join(AxeTags, `','`) + `']`
	run := fmt.Sprintf(axeRun, tags)
	var problems []Problem
	var weights []*Weight
	var b *Browser
	for i, page := range pages {
		if i%pagesPerBrowser == 0 {
			b = Open(t, public)
		}
		reqs, err := b.load(page)
		if err != nil {
			problems = append(problems, Problem{Gate: "a11y", Page: page, Detail: err.Error()})
			continue
		}
		w, err := b.weigh(page, reqs)
		if err != nil {
			t.Fatal(err)
		}
		weights = append(weights, w)
		problems = append(problems, b.axeSchemes(t, run, page)...)
	}
	t.Logf("axe-core (%s): %d pages, %d violations", strings.Join(Schemes, ", "), len(pages), len(problems))
	return problems, weights
}

// axeSchemes runs axe-core on the current document in each colour scheme
// and returns its violations as problems of page; it leaves the first
// scheme on.
func (b *Browser) axeSchemes(t testing.TB, run, page string) []Problem {
	t.Helper()
	var problems []Problem
	for _, scheme := range Schemes {
		if err := browser.EmulateColorScheme(b.ctx, scheme); err != nil {
			t.Fatal(err)
		}
		vs, err := b.axeOn(run)
		if err != nil {
			t.Fatalf("axe-core on %s (%s): %v", page, scheme, err)
		}
		for _, v := range vs {
			for _, n := range v.Nodes {
				problems = append(problems, Problem{Gate: "a11y-" + scheme, Page: page,
					Detail: fmt.Sprintf("%s (%s): %s at %s — %s", v.ID, v.Impact, v.Help, n.Target, strings.ReplaceAll(n.Summary, "\n", " "))})
			}
		}
	}
	if err := browser.EmulateColorScheme(b.ctx, Schemes[0]); err != nil {
		t.Fatal(err)
	}
	return problems
}

func (b *Browser) axeOn(run string) ([]violation, error) {
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[[]violation](run, chromedp.EvalAwaitPromise))
}

// Measure loads one page with an empty cache and returns its weight.
func (b *Browser) Measure(t testing.TB, page string) *Weight {
	t.Helper()
	reqs, err := b.load(page)
	if err != nil {
		t.Fatal(err)
	}
	w, err := b.weigh(page, reqs)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// sameOrigin reports whether raw is served by the site under test.
func (b *Browser) sameOrigin(raw string) (string, bool) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", false
	}
	base, _ := url.Parse(b.base)
	return u.Path, u.Scheme == base.Scheme && u.Host == base.Host
}

// A State is interface that scripts build after a page loads (an open
// dialog, a popup): Setup is a JavaScript expression evaluated on the loaded
// page, a promise that resolves once the state is on screen and rejects,
// with what it waited for, when it never comes.
type State struct {
	Name, Page, Setup string
}

// AuditStates loads each state's page, brings the state up with its Setup
// and runs axe-core on it in light and in dark mode, since a page-load audit
// never sees what scripts build later.
func AuditStates(t testing.TB, public string, states []State) []Problem {
	t.Helper()
	run := fmt.Sprintf(axeRun, `['`+strings.Join(AxeTags, `','`)+`']`)
	b := Open(t, public)
	// A headless window never has the focus: without this, focus() in a
	// Setup fires no focus event.
	if _, err := chromedp.Call(b.ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	var problems []Problem
	for _, s := range states {
		where := s.Page + " (" + s.Name + ")"
		if _, err := b.load(s.Page); err != nil {
			problems = append(problems, Problem{Gate: "a11y", Page: where, Detail: err.Error()})
			continue
		}
		ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
		err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](s.Setup, chromedp.EvalAwaitPromise))
		cancel()
		if err != nil {
			t.Fatalf("bringing up %s: %v", where, err)
		}
		problems = append(problems, b.axeSchemes(t, run, where)...)
	}
	t.Logf("axe-core on %d script-built states (%s): %d violations", len(states), strings.Join(Schemes, ", "), len(problems))
	return problems
}
