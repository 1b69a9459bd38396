package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// pages sums up the HTML files of a published folder: when any is written,
// added or removed, the sum changes.
type pages struct {
	count  int
	size   int64
	newest int64
}

// scan sums up the HTML files below site, leaving out Pagefind's own folder.
func scan(site string) pages {
	var p pages
	filepath.WalkDir(site, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if path == filepath.Join(site, "pagefind") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(d.Name(), ".html") {
			return nil
		}
		if fi, err := d.Info(); err == nil {
			p.count++
			p.size += fi.Size()
			p.newest = max(p.newest, fi.ModTime().UnixNano())
		}
		return nil
	})
	return p
}

var indexedRe = regexp.MustCompile(`Indexed (\d+) pages?`)

// watch indexes site with Pagefind each time its pages have changed and
// then stayed the same for a second while Hugo was not building the site
// in src, or the index has gone (--cleanDestinationDir), until ctx ends;
// with once, only the first time (Pagefind reads every page each time,
// which a big site may not want on every save).
func watch(ctx context.Context, bin, site, src string, talk, once bool) {
	var indexed, prev pages
	ok := true
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if building(src) {
			prev = pages{}
			continue
		}
		now := scan(site)
		if now.count > 0 && now == prev && (now != indexed || ok && !exists(filepath.Join(site, "pagefind", "pagefind.js"))) {
			indexed = now
			start := time.Now()
			out, err := exec.CommandContext(ctx, bin, "--site", site).CombinedOutput()
			ok = err == nil
			switch {
			case ctx.Err() != nil:
				return
			case err != nil:
				fmt.Fprintf(os.Stderr, "search: pagefind --site %s failed: %v\n%s\n", site, err, out)
			case talk:
				n := "no"
				if m := indexedRe.FindSubmatch(out); m != nil {
					n = string(m[1])
				}
				fmt.Fprintf(os.Stderr, "search: Pagefind indexed %s pages for /pagefind/ in %.1f s\n", n, time.Since(start).Seconds())
			}
			if once && ok {
				return
			}
		}
		prev = now
	}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
