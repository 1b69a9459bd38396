package tests

import (
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bodasadallah/boda-blog/tools/internal/browser"
	"github.com/bodasadallah/boda-blog/tools/internal/pagefind"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"golang.org/x/net/html"
)

type searchResult struct {
	URL     string `json:"url"`
	Title   string `json:"title"`
	Context string `json:"context"`
	Marks   int    `json:"marks"`
}

// readResults waits for the search status to settle and returns the results
// the dialog shows.
func readResults(t testing.TB, ctx context.Context, q string) []searchResult {
	t.Helper()
	js := `((q) => {
	  const status = document.querySelector('[data-boda-search-status]');
	  const list = document.querySelector('[data-boda-search-results]');
	  if (list.dataset.query !== q || status.textContent === '' || status.textContent === status.dataset.loading) return null;
	  return JSON.stringify([...document.querySelectorAll('[data-boda-search-results] a[role=option]')].map(a => ({
	    url: new URL(a.href).pathname,
	    title: a.querySelector('.boda-search__result-title').textContent,
	    context: a.querySelector('.boda-search__result-context').textContent,
	    marks: a.querySelectorAll('mark').length,
	  })));
	})(` + strconv.Quote(q) + `)`
	raw, err := chromedp.Run(ctx, chromedp.Poll[string](js))
	if err != nil {
		t.Fatalf("waiting for search results: %v", err)
	}
	var out []searchResult
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// search types a query into the open dialog.
func search(t testing.TB, ctx context.Context, q string) []searchResult {
	t.Helper()
	if err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`(() => { const i = document.querySelector('[data-boda-search-input]'); i.value = ''; document.querySelector('[data-boda-search-results]').dataset.query = ''; })()`),
		chromedp.SendKeys(chromedp.CSS("[data-boda-search-input]"), q),
	); err != nil {
		t.Fatal(err)
	}
	return readResults(t, ctx, q)
}

func TestSearchFindsNotesAndFiltersByCourse(t *testing.T) {
	site := sitetest.Build(t, sitetest.Options{Args: []string{"--environment", "production"}})
	index := pagefind.Index(t, site.Public)
	notes := 0
	for _, f := range site.HTMLFiles(t) {
		if strings.Contains(site.File(t, f), "data-pagefind-body") {
			notes++
		}
	}
	if index.Pages != notes || notes < len(notesList()) {
		t.Errorf("pagefind indexed %d pages; %d pages are notes (want every note, and only notes)\n%s", index.Pages, notes, index.Output)
	}
	served := &byteCounter{}
	base := browserServe(t, site.Public, served)
	ctx := browser.New(t, browser.Options{})

	// "/" opens the dialog; "rebase" finds the git note.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/courses/cs480-680/lecture-16/"),
		chromedp.WaitVisible(chromedp.CSS("[data-boda-search-open]")),
		chromedp.KeyEvent("/"),
		chromedp.WaitVisible(chromedp.CSS("[data-boda-search-input]")),
	); err != nil {
		t.Fatal(err)
	}
	focused, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.activeElement === document.querySelector('[data-boda-search-input]')`))
	if err != nil || !focused {
		t.Errorf("the search input is not focused when the dialog opens (%v)", err)
	}
	got := search(t, ctx, "rebase")
	if len(got) == 0 || got[0].URL != "/notes/git/" {
		t.Fatalf(`"rebase" found %+v, want the git note first`, got)
	}
	if got[0].Context != "Notes" || got[0].Title != "GIT" || got[0].Marks == 0 {
		t.Errorf("the git result shows %+v, want its title, its section (Notes) and the match marked", got[0])
	}
	// The status counts the results in words, singular for one.
	status := func() string {
		s, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('[data-boda-search-status]').textContent`))
		return s
	}
	if len(got) != 1 || status() != "1 note matches." {
		t.Errorf(`"rebase" found %d notes and says %q, want the git note alone and "1 note matches."`, len(got), status())
	}

	// A word in two courses and a paper; then only in this course.
	all := search(t, ctx, "gradient")
	outside := 0
	for _, r := range all {
		if !strings.HasPrefix(r.URL, "/courses/cs480-680/") {
			outside++
		}
	}
	if outside == 0 {
		t.Fatalf(`"gradient" found only %+v; the filter test needs results outside the course`, all)
	}
	// The dialog shows ten results at most; the status counts them all.
	if m := regexp.MustCompile(`^(\d+) notes match\.$`).FindStringSubmatch(status()); m == nil {
		t.Errorf(`"gradient" says %q, want "N notes match."`, status())
	} else if n, _ := strconv.Atoi(m[1]); n < len(all) || (len(all) < 10 && n != len(all)) {
		t.Errorf(`"gradient" shows %d notes and says %q`, len(all), status())
	}
	if err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`document.querySelector('[data-boda-search-results]').dataset.query = ''`),
		chromedp.Click(chromedp.CSS("[data-boda-search-course]")),
	); err != nil {
		t.Fatal(err)
	}
	only := readResults(t, ctx, "gradient")
	if len(only) == 0 {
		t.Fatalf(`"gradient" only in CS480/680 found nothing`)
	}
	for _, r := range only {
		if !strings.HasPrefix(r.URL, "/courses/cs480-680/") || !strings.HasPrefix(r.Context, "CS480/680") {
			t.Errorf("the course filter let through %+v", r)
		}
	}

	// Keyboard: arrow down selects the first result, Enter opens it with
	// the matches highlighted.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("[data-boda-search-course]"))); err != nil {
		t.Fatal(err)
	}
	got = search(t, ctx, "rebase")
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown)); err != nil {
		t.Fatal(err)
	}
	sel, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('[data-boda-search-input]').getAttribute('aria-activedescendant') || ''`))
	if sel != "boda-search-result-0" {
		t.Errorf("arrow down selected %q, want the first result", sel)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	path := ""
	for deadline := time.Now().Add(15 * time.Second); path == "" && time.Now().Before(deadline); {
		// The navigation replaces the page, so an evaluation may fail on the way.
		path, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname === '/notes/git/' && document.querySelector('mark.boda-highlight') ? location.pathname + location.search : ''`))
		time.Sleep(100 * time.Millisecond)
	}
	if path == "" {
		where, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + ' marks=' + document.querySelectorAll('mark').length`))
		t.Fatalf("Enter did not open the git note with highlighted matches (at %s)", where)
	}
	if !strings.Contains(path, "highlight=rebase") {
		t.Errorf("opened %s, want the highlight parameter", path)
	}

	// One query fetches a slice of the index, not all of it.
	fetched := searchFetches(t, base, served, "rebase")
	var indexBytes, total int64
	fragments := 0
	for name, n := range fetched {
		total += n
		if regexp.MustCompile(`\.pf_(meta|index|fragment)$`).MatchString(name) {
			indexBytes += n
		}
		if strings.HasSuffix(name, ".pf_fragment") {
			fragments++
		}
	}
	onDisk, _ := filepath.Glob(filepath.Join(site.Public, "pagefind", "fragment", "*"))
	if fragments == 0 || fragments >= len(onDisk) {
		t.Errorf(`"rebase" fetched %d of %d page fragments; want only the matching ones (%v)`, fragments, len(onDisk), fetched)
	}
	t.Logf(`one query ("rebase") fetched %d bytes of index (metadata, index chunks, fragments) and %d bytes in all with Pagefind's scripts and WebAssembly; %d pages indexed: %v`, indexBytes, total, index.Pages, fetched)
}

// byteCounter counts the bytes served for each /pagefind/ path.
type byteCounter struct {
	mu    sync.Mutex
	bytes map[string]int64
}

func (c *byteCounter) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cw := &countingWriter{ResponseWriter: w}
		h.ServeHTTP(cw, r)
		if strings.Contains(r.URL.Path, "/pagefind/") {
			c.mu.Lock()
			if c.bytes == nil {
				c.bytes = map[string]int64{}
			}
			c.bytes[r.URL.Path] += cw.n
			c.mu.Unlock()
		}
	})
}

func (c *byteCounter) reset() map[string]int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	old := c.bytes
	c.bytes = map[string]int64{}
	return old
}

type countingWriter struct {
	http.ResponseWriter
	n int64
}

func (w *countingWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.n += int64(n)
	return n, err
}

// searchFetches opens a fresh browser context, runs one query and returns
// the bytes served for each /pagefind/ file.
func searchFetches(t testing.TB, base string, served *byteCounter, q string) map[string]int64 {
	t.Helper()
	// A new browser: nothing of Pagefind in its memory or HTTP cache (the
	// search worker's requests would be answered from it).
	ctx := browser.New(t, browser.Options{})
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS("[data-boda-search-open]")),
	); err != nil {
		t.Fatal(err)
	}
	served.reset()
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("[data-boda-search-open]"))); err != nil {
		t.Fatal(err)
	}
	if got := search(t, ctx, q); len(got) == 0 {
		t.Fatalf("%q found nothing", q)
	}
	return served.reset()
}

func TestSearchIsAbsentWithoutJavaScript(t *testing.T) {
	site := sitetest.Site(t, "production")
	for _, url := range []string{"/", "/notes/git/", "/courses/cs480-680/"} {
		doc := site.Page(t, url)
		for _, n := range doc.All(func(n *html.Node) bool { _, ok := sitetest.Attr(n, "data-boda-search-open"); return ok }) {
			if !insideTemplate(n) {
				t.Errorf("%s: the search button is in the page outside a <template>", url)
			}
		}
	}
	// Only notes are indexed.
	for _, url := range []string{"/", "/notes/", "/courses/", "/courses/cs480-680/", "/tags/", "/tags/git/"} {
		if strings.Contains(site.File(t, strings.TrimPrefix(url, "/")+"index.html"), "data-pagefind-body") {
			t.Errorf("%s is a list page but marked for the search index", url)
		}
	}
	for _, n := range notes {
		if !strings.Contains(site.File(t, strings.TrimPrefix(n.url, "/")+"index.html"), "data-pagefind-body") {
			t.Errorf("%s is a note but not marked for the search index", n.url)
		}
	}
}

// notesList is the list of the site's notes known to the site tests.
func notesList() []string {
	var out []string
	for _, n := range notes {
		out = append(out, n.url)
	}
	return out
}

// browserServe serves dir for the browser, counting the search's bytes.
func browserServe(t testing.TB, dir string, served *byteCounter) string {
	return browser.Serve(t, dir, served.wrap)
}
