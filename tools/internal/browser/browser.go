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

// Find returns the Chromium executable: $BODA_CHROMIUM, Debian's
// /usr/bin/chromium, or chromium on PATH.
func Find() (string, error) {
	for _, p := range []string{os.Getenv("BODA_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p, nil
	}
	return "", fmt.Errorf("Chromium is not installed: install Debian's chromium (apt-get install -y chromium)")
}

// Path returns the Chromium executable, or fails (CI) or skips (laptop)
// the test when there is none.
func Path(t testing.TB) string {
	t.Helper()
	sitetest.Slow(t)
	p, err := Find()
	if err != nil {
		sitetest.Missing(t, err.Error()+" to run the browser tests")
	}
	return p
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
	chrome := Path(t)
	// Chromium occasionally dies while starting on a loaded machine (before
	// it prints its DevTools address); that says nothing about the site, so
	// a failed start is retried with a fresh profile before the test fails.
	var ctx context.Context
	var err error
	for attempt := 1; attempt <= 3; attempt++ {
		var cancel context.CancelFunc
		if ctx, cancel, err = Start(chrome, t.TempDir(), o); err == nil {
			t.Cleanup(cancel)
			break
		}
		fmt.Fprintf(os.Stderr, "%s: Chromium failed to start (attempt %d of 3): %v\n", t.Name(), attempt, err)
		time.Sleep(time.Duration(attempt) * time.Second)
	}
	if err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return ctx
}

// Start starts the headless Chromium at chrome with a fresh profile in
// profile, sized and coloured as o says, and returns a context to run
// chromedp actions in (for three minutes at most) and the function that
// closes it.
func Start(chrome, profile string, o Options) (context.Context, context.CancelFunc, error) {
	if o.Width == 0 {
		o.Width, o.Height = 1280, 900
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chrome),
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
		chromedp.UserDataDir(profile),
	)
	c, cancelCtx := chromedp.NewContext(actx)
	c, cancelTimeout := context.WithTimeout(c, 3*time.Minute)
	cancel := func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
	}
	if err := chromedp.Do(c); err != nil {
		cancel()
		return nil, nil, err
	}
	// The window cannot be narrower than 500 px: emulate the viewport, as a
	// phone below 600 px.
	if _, err := chromedp.Call(c, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: int64(o.Width), Height: int64(o.Height), DeviceScaleFactor: 1, Mobile: o.Width < 600,
	}); err != nil {
		cancel()
		return nil, nil, fmt.Errorf("emulating a %d px viewport: %v", o.Width, err)
	}
	if o.Dark {
		if err := EmulateColorScheme(c, "dark"); err != nil {
			cancel()
			return nil, nil, err
		}
	}
	return c, cancel, nil
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
