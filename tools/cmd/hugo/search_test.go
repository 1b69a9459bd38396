package main

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestIsServer(t *testing.T) {
	for args, want := range map[string]bool{
		"server":                             true,
		"serve --buildDrafts":                true,
		"--source site server -p 1400":       true,
		"-s site --logLevel info server":     true,
		"--gc --minify":                      false,
		"new content notes/server.md":        false,
		"-d server":                          false,
		"--environment production server":    true,
		"mod get github.com/x/server@v1.0.0": false,
	} {
		if got := isServer(strings.Fields(args)); got != want {
			t.Errorf("isServer(%q) = %v, want %v", args, got, want)
		}
	}
}

func TestFlagValue(t *testing.T) {
	args := strings.Fields("server -s site --destination=out -M --renderToMemory=false -e staging")
	for _, c := range []struct {
		names []string
		want  string
	}{
		{[]string{"-s", "--source"}, "site"},
		{[]string{"-d", "--destination"}, "out"},
		{[]string{"--renderToMemory", "-M"}, "true"},
		{[]string{"-e", "--environment"}, "staging"},
		{[]string{"--config"}, ""},
	} {
		if got := flagValue(args, c.names...); got != c.want {
			t.Errorf("flagValue(%v) = %q, want %q", c.names, got, c.want)
		}
	}
	if got := flagValue([]string{"server", "--renderToMemory=false"}, "--renderToMemory", "-M"); got != "" {
		t.Errorf("--renderToMemory=false reads as %q", got)
	}
}

// TestFindPagefind: the native binary of the platform's package wins over
// npm's launcher, in the site's folder or one above it.
func TestFindPagefind(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("paths differ")
	}
	root := t.TempDir()
	site := filepath.Join(root, "site", "sub")
	os.MkdirAll(site, 0o755)
	t.Setenv("PATH", "")
	if got := findPagefind(site); got != "" {
		t.Errorf("found %q with no Pagefind installed", got)
	}
	launcher := filepath.Join(root, "node_modules", ".bin", "pagefind")
	write(t, launcher, "#!/bin/sh\n")
	if got := findPagefind(site); got != launcher {
		t.Errorf("found %q, want the launcher %q", got, launcher)
	}
	arch := map[string]string{"amd64": "x64", "arm64": "arm64"}[runtime.GOARCH]
	native := filepath.Join(root, "node_modules", "@pagefind", runtime.GOOS+"-"+arch, "bin", "pagefind_extended")
	write(t, native, "#!/bin/sh\n")
	if got := findPagefind(site); got != native {
		t.Errorf("found %q, want the native binary %q", got, native)
	}
}

// TestWatchIndexesAfterEachChange runs the watch loop with a stand-in for
// Pagefind that counts its runs: one run for the first pages, one after a
// page changes, none while nothing changes.
func TestWatchIndexesAfterEachChange(t *testing.T) {
	_, site, count, waitFor := startWatch(t, false)
	waitFor(1)
	time.Sleep(2500 * time.Millisecond)
	if count() != 1 {
		t.Fatalf("Pagefind ran %d times with no change (its own output must not count)", count())
	}
	write(t, filepath.Join(site, "notes", "a", "index.html"), "<p>one, edited</p>")
	waitFor(2)
	// A lost index is rebuilt.
	os.RemoveAll(filepath.Join(site, "pagefind"))
	waitFor(3)
}

// TestWatchOnce: BODA_DEVSEARCH=once indexes the first pages only.
func TestWatchOnce(t *testing.T) {
	_, site, count, waitFor := startWatch(t, true)
	waitFor(1)
	write(t, filepath.Join(site, "notes", "a", "index.html"), "<p>one, edited</p>")
	time.Sleep(2500 * time.Millisecond)
	if count() != 1 {
		t.Errorf("Pagefind ran %d times, want once", count())
	}
}

// startWatch runs the watch loop over a one-page site with a stand-in for
// Pagefind that counts its runs; it returns the folder, the site, the
// count and a wait for n runs.
func startWatch(t *testing.T, once bool) (string, string, func() int, func(n int)) {
	if runtime.GOOS == "windows" {
		t.Skip("the stand-in is a shell script")
	}
	if testing.Short() {
		t.Skip("slow tier: waits seconds for the watch loop; runs without -short")
	}
	dir := t.TempDir()
	site := filepath.Join(dir, "public")
	runs := filepath.Join(dir, "runs")
	bin := filepath.Join(dir, "pagefind")
	// The run is counted last, once its index is written.
	write(t, bin, "#!/bin/sh\nmkdir -p \"$2/pagefind\" && touch \"$2/pagefind/pagefind.js\" \"$2/pagefind/x.html\"\necho 'Indexed 1 page'\necho x >> "+runs+"\n")
	write(t, filepath.Join(site, "notes", "a", "index.html"), "<p>one</p>")
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go watch(ctx, bin, site, dir, false, once)
	count := func() int {
		b, _ := os.ReadFile(runs)
		return strings.Count(string(b), "x")
	}
	waitFor := func(n int) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); count() < n; time.Sleep(100 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("Pagefind ran %d times, want %d", count(), n)
			}
		}
	}
	return dir, site, count, waitFor
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o755); err != nil {
		t.Fatal(err)
	}
}

// TestPublishDirFromTheFlag: --destination is relative to the site's folder,
// as Hugo reads it.
func TestPublishDirFromTheFlag(t *testing.T) {
	site := t.TempDir()
	for args, want := range map[string]string{
		"server -s " + site + " -d out":             filepath.Join(site, "out"),
		"server -s " + site + " --destination=/srv": "/srv",
	} {
		got, err := publishDir(strings.Fields(args), site)
		if err != nil || got != want {
			t.Errorf("publishDir(%q) = %q, %v; want %q", args, got, err, want)
		}
	}
}
