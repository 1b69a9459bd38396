// Command lighthouse builds the production site, serves it on 127.0.0.1 and
// prints Lighthouse's performance, accessibility, best-practices and SEO
// scores (mobile) for the home page, a course and a lecture with math, or
// for the URL paths given as arguments. Run it from the repository root:
//
//	go run ./tools/cmd/lighthouse [/url/path/ …]
//
// It uses the Lighthouse pinned in tools/npm/package-lock.json (installed with
// `npm ci --ignore-scripts` when needed) and the machine's Chromium
// (CHROME_PATH, else /usr/bin/chromium).
package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/bodasadallah/boda-blog/tools/internal/lighthouse"
	"github.com/bodasadallah/boda-blog/tools/internal/npm"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "lighthouse:", err)
		os.Exit(1)
	}
}

func run(pages []string) error {
	if len(pages) == 0 {
		pages = lighthouse.Pages
	}
	chrome := os.Getenv("CHROME_PATH")
	if chrome == "" {
		chrome = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chrome); err != nil {
		return fmt.Errorf("no Chromium at %s: install Debian's chromium or set CHROME_PATH", chrome)
	}
	modules, err := npm.Install()
	if err != nil {
		return err
	}
	public, err := os.MkdirTemp("", "boda-lighthouse-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(public)
	build := exec.Command("go", "tool", "hugo", "--source", sitetest.Root(), "--destination", public,
		"--environment", "production", "--gc", "--logLevel", "warn")
	build.Dir = sitetest.Root()
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("building the site: %v\n%s", err, out)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: lighthouse.Gzip(http.FileServer(http.Dir(public))), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	var results []*lighthouse.Result
	for _, p := range pages {
		r, err := lighthouse.Run(ctx, modules, chrome, base+p)
		if err != nil {
			return err
		}
		r.Page = p
		results = append(results, r)
	}
	fmt.Print(lighthouse.Table(results))
	for _, r := range results {
		for _, c := range lighthouse.Categories {
			if len(r.Failed[c]) > 0 {
				fmt.Printf("%s %s: %s\n", r.Page, c, strings.Join(r.Failed[c], "; "))
			}
		}
	}
	return nil
}
