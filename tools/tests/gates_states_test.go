package tests

import (
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/gates"
	"github.com/bodasadallah/boda-blog/tools/internal/pagefind"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// waitJS defines wait(f, what, tries): polls f every 50 ms until it returns
// something truthy, and rejects naming what it waited for.
const waitJS = `const wait = async (f, what, tries = 100) => {
  for (let i = 0; i < tries; i++) { const v = f(); if (v) return v; await new Promise(r => setTimeout(r, 50)); }
  throw new Error('timed out waiting for ' + what);
};`

// searchState opens the search dialog, searches for q and selects the first
// result with the arrow key.
func searchState(page, q string) gates.State {
	return gates.State{Name: "search results, first selected", Page: page, Setup: `(async () => {` + waitJS + `
  (await wait(() => document.querySelector('[data-boda-search-open]'), 'the search button')).click();
  const input = await wait(() => document.querySelector('[data-boda-search-input]'), 'the search box');
  input.value = '` + q + `';
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await wait(() => document.querySelector('[data-boda-search-results] [role=option]'), 'search results');
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
  await wait(() => input.getAttribute('aria-activedescendant'), 'a selected result');
})()`}
}

// previewState focuses the first link matching selector and waits for its
// preview.
func previewState(name, page, selector string) gates.State {
	return gates.State{Name: name + " preview", Page: page, Setup: `(async () => {` + waitJS + `
  (await wait(() => document.querySelector('` + selector + `'), 'a link to preview')).focus();
  await wait(() => { const p = document.querySelector('[data-boda-preview]'); return p && !p.hidden && p.textContent.trim(); }, 'the preview');
})()`}
}

// TestScriptBuiltInterfacePassesAxe audits what scripts add after a page
// loads — the search dialog with results and a selection, and the previews
// of a footnote, an equation and another note — with the same WCAG 2.2 A/AA
// rules as the page gate, in light and in dark mode.
func TestScriptBuiltInterfacePassesAxe(t *testing.T) {
	site := sitetest.Build(t, sitetest.Options{Args: []string{"--environment", "production"}})
	pagefind.Index(t, site.Public)
	problems := gates.AuditStates(t, site.Public, []gates.State{
		searchState("/courses/cs480-680/lecture-16/", "gradient"),
		searchState("/", "rebase"),
	})
	fixture := readerFixture(t)
	problems = append(problems, gates.AuditStates(t, fixture.Public, []gates.State{
		previewState("footnote", "/notes/alpha/", ".footnote-ref"),
		previewState("equation", "/notes/alpha/", `[data-boda-previews] a[href^="#eq-"]`),
		previewState("note", "/notes/alpha/", `[data-boda-previews] a[href^="/notes/"]`),
	})...)
	for _, p := range problems {
		t.Error(p)
	}
}
