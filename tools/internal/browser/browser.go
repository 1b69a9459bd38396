// Package browser drives the machine's Chromium (Debian's /usr/bin/chromium)
// headless from tests, against a built site served on 127.0.0.1.
//
// When Chromium is missing, tests fail under CI=true and skip, loudly,
// elsewhere.
package browser

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// Path returns the Chromium executable, or fails (CI) or skips (laptop)
// the test when there is none.
func Path(t testing.TB) string {
	t.Helper()
	for _, p := range []string{os.Getenv("BODA_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	msg := "Chromium is not installed: install Debian's chromium (apt-get install -y chromium) to run the browser tests"
	sitetest.Missing(t, msg)
	return ""
}

// Options configure a browser.
type Options struct {
	Width, Height int  // the window size; default 1280×900
	Dark          bool // emulate prefers-color-scheme: dark
}

// New starts a headless Chromium for the test and returns a context to run
// chromedp actions in. The browser is closed when the test ends.
func New(t testing.TB, o Options) context.Context {
	t.Helper()
	if o.Width == 0 {
		o.Width, o.Height = 1280, 900
	}
	flags := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(Path(t)),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.WindowSize(o.Width, o.Height),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
	}
	// Chromium occasionally dies while starting on a loaded machine (before
	// it prints its DevTools address); that says nothing about the site, so
	// a failed start is retried with a fresh profile before the test fails.
	var ctx context.Context
	var err error
	for attempt := 1; attempt <= 3; attempt++ {
		opts := append(flags[:len(flags):len(flags)], chromedp.UserDataDir(t.TempDir()))
		actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		c, cancelCtx := chromedp.NewContext(actx)
		c, cancelTimeout := context.WithTimeout(c, 3*time.Minute)
		cancel := func() {
			cancelTimeout()
			cancelCtx()
			cancelAlloc()
		}
		if err = chromedp.Do(c); err == nil {
			ctx = c
			t.Cleanup(cancel)
			break
		}
		cancel()
		fmt.Fprintf(os.Stderr, "%s: Chromium failed to start (attempt %d of 3): %v\n", t.Name(), attempt, err)
		time.Sleep(time.Duration(attempt) * time.Second)
	}
	if ctx == nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	// The window cannot be narrower than 500 px: emulate the viewport, as a
	// phone below 600 px.
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: int64(o.Width), Height: int64(o.Height), DeviceScaleFactor: 1, Mobile: o.Width < 600,
	}); err != nil {
		t.Fatalf("emulating a %d px viewport: %v", o.Width, err)
	}
	if o.Dark {
		if err := EmulateColorScheme(ctx, "dark"); err != nil {
			t.Fatal(err)
		}
	}
	return ctx
}

// Serve serves dir on a free 127.0.0.1 port until the test ends and
// returns its base URL (no trailing slash). wrap, if given, wraps the file
// handler (to add headers, say).
func Serve(t testing.TB, dir string, wrap func(http.Handler) http.Handler) string {
	t.Helper()
	ln, base := Listen(t)
	var h http.Handler = http.FileServer(http.Dir(dir))
	if wrap != nil {
		h = wrap(h)
	}
	ServeOn(t, ln, h)
	return base
}

// Listen reserves a free 127.0.0.1 port and returns it with its base URL
// (no trailing slash), for a test that must know the URL before it builds
// the site it serves there with ServeOn.
func Listen(t testing.TB) (net.Listener, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	return ln, "http://" + ln.Addr().String()
}

// ServeOn serves h on ln until the test ends.
func ServeOn(t testing.TB, ln net.Listener, h http.Handler) {
	t.Helper()
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
}
