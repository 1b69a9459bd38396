package tests

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/bodasadallah/boda-blog/tools/internal/browser"
	"github.com/bodasadallah/boda-blog/tools/internal/npm"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
	"github.com/chromedp/chromedp"
)

// devServer is `go tool hugo server` running on a copy of the site.
type devServer struct {
	base string
	sitetest.Log
}

// Output is what the server has printed so far.
func (s *devServer) Output() string { return s.Log.String() }

// Await fetches path from the server until it answers 200 with a body that
// holds want, and returns the body; it fails the test after two minutes.
func (s *devServer) Await(t *testing.T, path, want string) string {
	t.Helper()
	for deadline := time.Now().Add(2 * time.Minute); ; {
		code, _, body := get(t, s.base+path)
		if code == 200 && strings.Contains(body, want) {
			return body
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s never showed %q (status %d):\n%s", path, want, code, s.Output())
		}
		time.Sleep(300 * time.Millisecond)
	}
}

// startDevServer runs README's serve command, `go tool hugo server`, from
// the repository root for the site in dir on a free port, and waits until
// it serves. The server is stopped when the test ends.
func startDevServer(t *testing.T, dir string, env ...string) *devServer {
	t.Helper()
	return startServer(t, sitetest.Root(), env, "go", "tool", "hugo", "server", "--source", dir)
}

// startServer runs a `hugo server` command line in dir, adding a free
// port, and waits until it serves. The server is stopped when the test
// ends.
func startServer(t *testing.T, dir string, env []string, name string, args ...string) *devServer {
	t.Helper()
	port := sitetest.FreePort(t)
	s := &devServer{base: fmt.Sprintf("http://127.0.0.1:%d", port)}
	cmd := exec.Command(name, append(args, "--bind", "127.0.0.1", "--port", fmt.Sprint(port))...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = s, s
	done := sitetest.StartGroup(t, cmd, syscall.SIGINT, 15*time.Second)
	for deadline := time.Now().Add(5 * time.Minute); !strings.Contains(s.Output(), "Web Server is available"); {
		select {
		case <-done:
			t.Fatalf("%s stopped:\n%s", strings.Join(cmd.Args, " "), s.Output())
		case <-time.After(200 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s does not serve after 5 minutes:\n%s", strings.Join(cmd.Args, " "), s.Output())
		}
	}
	return s
}

// status fetches url and returns the HTTP status code.
func status(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// openSearch loads url and opens the search dialog.
func openSearch(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	if err := chromedp.Do(ctx,
		chromedp.Navigate(url),
		chromedp.WaitVisible(chromedp.CSS("[data-boda-search-open]")),
		chromedp.Click(chromedp.CSS("[data-boda-search-open]")),
		chromedp.WaitVisible(chromedp.CSS("[data-boda-search-input]")),
	); err != nil {
		t.Fatal(err)
	}
}

// TestDevServerHasSearch runs the development server the README way with
// Pagefind installed: the index is served at /pagefind/, a query in the
// dialog finds a note, and a word saved into a note becomes findable while
// the server runs.
func TestDevServerHasSearch(t *testing.T) {
	if testing.Short() {
		t.Skip("runs hugo server, Pagefind and Chromium")
	}
	modules := npm.SiteModules(t)
	browser.Path(t)
	dir := sitetest.CopySite(t)
	if err := os.Symlink(modules, filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	srv := startDevServer(t, dir)
	start := time.Now()
	for status(t, srv.base+"/pagefind/pagefind.js") != http.StatusOK {
		if time.Since(start) > time.Minute {
			t.Fatalf("/pagefind/pagefind.js is not served a minute after the server started:\n%s", srv.Output())
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Logf("the index was served %.1f s after the server started", time.Since(start).Seconds())

	ctx := browser.New(t, browser.Options{})
	openSearch(t, ctx, srv.base+"/courses/")
	if got := search(t, ctx, "rebase"); len(got) == 0 || got[0].URL != "/notes/git/" {
		t.Fatalf(`"rebase" on the development server found %+v, want the git note first`, got)
	}

	// A new word saved into a note is found once the server has rebuilt and
	// the index has been refreshed.
	const word = "quokkalantern"
	if got := search(t, ctx, word); len(got) != 0 {
		t.Fatalf("%q is found before it is written: %+v", word, got)
	}
	note := filepath.Join(dir, "content", "notes", "git.md")
	text, err := os.ReadFile(note)
	if err != nil {
		t.Fatal(err)
	}
	saved := time.Now()
	if err := os.WriteFile(note, append(text, []byte("\n\nA "+word+" lights the way.\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	for {
		got, err := trySearch(ctx, srv.base+"/courses/", word)
		if len(got) > 0 {
			if got[0] != "/notes/git/" {
				t.Errorf("%q found %v, want the git note", word, got)
			}
			break
		}
		if time.Since(saved) > time.Minute {
			t.Fatalf("%q is not found a minute after it was saved (last try: %v):\n%s", word, err, srv.Output())
		}
		time.Sleep(time.Second)
	}
	t.Logf("a saved word was found %.1f s after the save", time.Since(saved).Seconds())
}

// trySearch loads url, searches for q in the dialog and returns the paths
// of the results. Unlike search it returns an error, for a page that the
// server's live reload may replace on the way.
func trySearch(ctx context.Context, url, q string) ([]string, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	js := `((q) => {
	  const status = document.querySelector('[data-boda-search-status]');
	  const list = document.querySelector('[data-boda-search-results]');
	  if (!list || list.dataset.query !== q || status.textContent === '' || status.textContent === status.dataset.loading) return null;
	  return [...list.querySelectorAll('a[role=option]')].map(a => new URL(a.href).pathname);
	})(` + strconv.Quote(q) + `)`
	if err := chromedp.Do(ctx,
		chromedp.Navigate(url),
		chromedp.WaitVisible(chromedp.CSS("[data-boda-search-open]")),
		chromedp.Click(chromedp.CSS("[data-boda-search-open]")),
		chromedp.WaitVisible(chromedp.CSS("[data-boda-search-input]")),
		chromedp.SendKeys(chromedp.CSS("[data-boda-search-input]"), q),
	); err != nil {
		return nil, err
	}
	return chromedp.Run(ctx, chromedp.Poll[[]string](js))
}

// searchStatus types q into the open dialog and returns the status line
// once the search has given up or answered.
func searchStatus(t *testing.T, ctx context.Context, q string) (text string, missing string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("[data-boda-search-input]"), q)); err != nil {
		t.Fatal(err)
	}
	js := `(() => {
	  const s = document.querySelector('[data-boda-search-status]');
	  return s.textContent === '' || s.textContent === s.dataset.loading ? null : [s.textContent, s.dataset.missing];
	})()`
	got, err := chromedp.Run(ctx, chromedp.Poll[[]string](js, chromedp.WithPollingTimeout(time.Minute)))
	if err != nil {
		t.Fatalf("waiting for the search status: %v", err)
	}
	return got[0], got[1]
}

// TestSearchSaysHowToBuildItsIndex: without Pagefind the development server
// says how to install it, and the dialog says how to get an index, both
// there and on a site published without one.
func TestSearchSaysHowToBuildItsIndex(t *testing.T) {
	if testing.Short() {
		t.Skip("runs hugo server and Chromium")
	}
	browser.Path(t)
	if p, err := exec.LookPath("pagefind"); err == nil {
		t.Skipf("a pagefind on PATH (%s) gives every site an index", p)
	}
	// A copy with no node_modules in or above it: no Pagefind.
	srv := startDevServer(t, sitetest.CopySite(t))
	time.Sleep(3 * time.Second) // an index, were one built, would be there by now
	if !strings.Contains(srv.Output(), "Pagefind is not installed") || !strings.Contains(srv.Output(), "npm ci --ignore-scripts") {
		t.Errorf("the server does not say how to install Pagefind:\n%s", srv.Output())
	}
	if code := status(t, srv.base+"/pagefind/pagefind.js"); code != http.StatusNotFound {
		t.Fatalf("/pagefind/pagefind.js is %d without Pagefind", code)
	}
	ctx := browser.New(t, browser.Options{})
	openSearch(t, ctx, srv.base+"/")
	text, missing := searchStatus(t, ctx, "rebase")
	if text != missing || !strings.Contains(text, "go tool hugo server") || !strings.Contains(text, "npm ci --ignore-scripts") {
		t.Errorf("without an index the development server's dialog says %q, want how to get one (%q)", text, missing)
	}

	// A published site without its index says what its build must run.
	site := sitetest.Site(t, "production")
	base := browser.Serve(t, site.Public, nil)
	openSearch(t, ctx, base+"/")
	text, _ = searchStatus(t, ctx, "rebase")
	if !strings.Contains(text, "npx pagefind --site public") || strings.Contains(text, "go tool hugo server") {
		t.Errorf("a site published without an index says %q, want what its build must run", text)
	}
}
