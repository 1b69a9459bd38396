package main

// Search for the development server.
//
// `hugo server` writes the pages it serves into the publish folder (public/
// unless configured otherwise) and serves that folder, so a Pagefind index
// written there is served at /pagefind/ exactly as in production. When the
// command is `server`, the wrapper runs Pagefind over that folder once Hugo
// has written the pages, and again whenever Hugo rewrites them (a note saved,
// a template changed): once Hugo has released its build lock and the pages
// have stayed unchanged for a second.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// noPagefind tells a writer how to get search in the development server.
const noPagefind = `search: Pagefind is not installed, so this server has no search index.
        Install it once with "npm ci --ignore-scripts" in the site's folder (it
        is pinned in package.json) and restart the server.`

// valueFlags are the flags of `hugo server` that the publish folder depends
// on, and that take a value; they are passed on to `hugo config`.
var valueFlags = map[string]bool{
	"-s": true, "--source": true, "--config": true, "--configDir": true,
	"-e": true, "--environment": true, "--themesDir": true, "-t": true, "--theme": true,
}

// takesValue reports whether a flag that may come before the command takes
// a value.
func takesValue(flag string) bool {
	switch flag {
	case "-d", "--destination", "--logLevel", "--clock":
		return true
	}
	return valueFlags[flag]
}

// devSearch starts indexing in the background when args run the development
// server. It returns a function that stops a Pagefind run in progress.
func devSearch(args []string) (stop func()) {
	stop = func() {}
	if !isServer(args) || os.Getenv("BODA_DEVSEARCH") == "off" || flagValue(args, "--help", "-h") != "" {
		return stop
	}
	if flagValue(args, "--renderToMemory", "-M") != "" {
		fmt.Fprintln(os.Stderr, "search: pages are rendered to memory, where Pagefind cannot index them; without --renderToMemory the server has search")
		return stop
	}
	src := sourceDir(args)
	bin := findPagefind(src)
	if bin == "" {
		fmt.Fprintln(os.Stderr, noPagefind)
		return stop
	}
	// Asked before the server starts, so that on a first run the two do not
	// download the site's modules at once.
	site, err := publishDir(args, src)
	if err != nil {
		fmt.Fprintf(os.Stderr, "search: no index for this server: %v\n", err)
		return stop
	}
	ctx, cancel := context.WithCancel(context.Background())
	go watch(ctx, bin, site, src, !quiet(args), os.Getenv("BODA_DEVSEARCH") == "once")
	return cancel
}

// isServer reports whether the Hugo command in args is `server`.
func isServer(args []string) bool {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if strings.HasPrefix(a, "-") {
			if takesValue(a) {
				i++
			}
			continue
		}
		return a == "server" || a == "serve"
	}
	return false
}

// flagValue returns the value of the first of names in args ("true" for a
// flag given without one), or "".
func flagValue(args []string, names ...string) string {
	for i, a := range args {
		for _, n := range names {
			switch {
			case strings.HasPrefix(a, n+"="):
				if v := strings.TrimPrefix(a, n+"="); v != "false" {
					return v
				}
			case a == n && takesValue(n):
				if i+1 < len(args) {
					return args[i+1]
				}
			case a == n:
				return "true"
			}
		}
	}
	return ""
}

// findPagefind returns Pagefind's native binary from the node_modules of
// the site's folder or a folder above it (npm installs it there), else its
// npm launcher (which needs Node), else a pagefind on PATH, else "".
func findPagefind(src string) string {
	arch := map[string]string{"amd64": "x64", "arm64": "arm64"}[runtime.GOARCH]
	platform := runtime.GOOS
	if platform == "windows" {
		platform = "win32"
	}
	exe := ""
	if runtime.GOOS == "windows" {
		exe = ".exe"
	}
	dir, _ := filepath.Abs(src)
	for {
		mods := filepath.Join(dir, "node_modules")
		for _, p := range []string{
			filepath.Join(mods, "@pagefind", platform+"-"+arch, "bin", "pagefind_extended"+exe),
			filepath.Join(mods, "@pagefind", platform+"-"+arch, "bin", "pagefind"+exe),
			filepath.Join(mods, ".bin", "pagefind"),
		} {
			if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
				return p
			}
		}
		up := filepath.Dir(dir)
		if up == dir {
			break
		}
		dir = up
	}
	if p, err := exec.LookPath("pagefind"); err == nil {
		return p
	}
	return ""
}

// publishDir asks Hugo for the folder the server writes to.
func publishDir(args []string, src string) (string, error) {
	dir := flagValue(args, "-d", "--destination")
	if dir == "" {
		self, err := os.Executable()
		if err != nil {
			return "", err
		}
		cargs := []string{"config", "--format", "json"}
		for name := range valueFlags {
			if v := flagValue(args, name); v != "" {
				cargs = append(cargs, name+"="+v)
			}
		}
		if flagValue(args, "-e", "--environment") == "" && os.Getenv("HUGO_ENVIRONMENT") == "" && os.Getenv("HUGO_ENV") == "" {
			cargs = append(cargs, "--environment=development") // the server's default
		}
		var stderr bytes.Buffer
		cmd := exec.Command(self, cargs...)
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return "", fmt.Errorf("hugo config: %v %s", err, strings.TrimSpace(stderr.String()))
		}
		var conf struct {
			PublishDir string `json:"publishdir"`
		}
		if err := json.Unmarshal(out, &conf); err != nil || conf.PublishDir == "" {
			return "", fmt.Errorf("hugo config printed no publishdir (%v)", err)
		}
		dir = conf.PublishDir
	}
	if !filepath.IsAbs(dir) {
		abs, err := filepath.Abs(src)
		if err != nil {
			return "", err
		}
		dir = filepath.Join(abs, dir)
	}
	return dir, nil
}
