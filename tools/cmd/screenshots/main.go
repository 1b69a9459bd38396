// Command screenshots builds the site with the pinned Hugo and photographs a
// lecture page in headless Chromium, in the light and the dark palette, for
// the README:
//
//	go run ./tools/cmd/screenshots [-out docs/screenshots] [-page /courses/cs480-680/lecture-16/]
//
// It writes lecture-light.png and lecture-dark.png at the given size, and
// lecture-phone.png, the same page on a 390×844 phone. Run it from the
// repository root after a visible change to a lecture page.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/bodasadallah/boda-blog/tools/internal/browser"
	"github.com/chromedp/chromedp"
)

func main() {
	out := flag.String("out", filepath.Join("docs", "screenshots"), "folder to write the screenshots to")
	page := flag.String("page", "/courses/cs480-680/lecture-16/", "the page to photograph")
	width := flag.Int("width", 1280, "viewport width in CSS pixels")
	height := flag.Int("height", 860, "viewport height in CSS pixels")
	flag.Parse()
	if err := run(*out, *page, *width, *height); err != nil {
		fmt.Fprintln(os.Stderr, "screenshots:", err)
		os.Exit(1)
	}
}

func run(out, page string, width, height int) error {
	chrome, err := browser.Find()
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "boda-screenshots-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	public := filepath.Join(tmp, "public")
	if err := build(public); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: http.FileServer(http.Dir(public)), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	url := "http://" + ln.Addr().String() + page
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for _, scheme := range []string{"light", "dark"} {
		png, err := shoot(chrome, filepath.Join(tmp, "profile-"+scheme), url, scheme == "dark", width, height)
		if err != nil {
			return fmt.Errorf("%s: %v", scheme, err)
		}
		name := filepath.Join(out, "lecture-"+scheme+".png")
		if err := os.WriteFile(name, png, 0o644); err != nil {
			return err
		}
		fmt.Printf("%s: %s, %d bytes\n", name, page, len(png))
	}
	png, err := shoot(chrome, filepath.Join(tmp, "profile-phone"), url, false, phoneWidth, phoneHeight)
	if err != nil {
		return fmt.Errorf("phone: %v", err)
	}
	name := filepath.Join(out, "lecture-phone.png")
	if err := os.WriteFile(name, png, 0o644); err != nil {
		return err
	}
	fmt.Printf("%s: %s on a %d×%d phone, %d bytes\n", name, page, phoneWidth, phoneHeight, len(png))
	return nil
}

// The phone of lecture-phone.png: a common size, in CSS pixels.
const phoneWidth, phoneHeight = 390, 844

// build publishes the site into public with the pinned Hugo, as deployed.
func build(public string) error {
	var stderr bytes.Buffer
	cmd := exec.Command("go", "tool", "-n", "hugo")
	cmd.Stderr = &stderr
	hugo, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("go tool -n hugo (run this from the repository root): %v\n%s", err, stderr.String())
	}
	b := exec.Command(strings.TrimSpace(string(hugo)), "--minify", "--destination", public, "--noBuildLock", "--quiet")
	b.Stdout, b.Stderr = os.Stdout, os.Stderr
	if err := b.Run(); err != nil {
		return fmt.Errorf("building the site: %v", err)
	}
	return nil
}

// shoot loads url in a fresh headless Chromium and returns a PNG of the
// viewport once its fonts have loaded.
func shoot(chrome, profile, url string, dark bool, width, height int) ([]byte, error) {
	ctx, cancel, err := browser.Start(chrome, profile, browser.Options{Width: width, Height: height, Dark: dark})
	if err != nil {
		return nil, err
	}
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, time.Minute)
	defer cancelTimeout()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		return nil, err
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.readyState === "complete" && document.fonts.status === "loaded"`, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		return nil, fmt.Errorf("waiting for %s to load: %v", url, err)
	}
	return chromedp.Run(ctx, chromedp.CaptureScreenshot())
}
