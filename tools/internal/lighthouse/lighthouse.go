// Package lighthouse runs Lighthouse (the npm package pinned in
// tools/npm/package-lock.json) with the machine's Chromium against a served build and
// reads its four category scores.
package lighthouse

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// Pages are the pages the report covers: the home page, a course and a
// lecture with math.
var Pages = []string{"/", "/courses/cs480-680/", "/courses/applied-deep-learning/deep-learning-overview/"}

// Categories are the Lighthouse categories, in report order.
var Categories = []string{"performance", "accessibility", "best-practices", "seo"}

// Result is the outcome of one page.
type Result struct {
	Page   string
	Scores map[string]int      // category → 0…100
	Failed map[string][]string // category → audits that did not pass fully
}

// ChromeFlags run Chromium headless, and let no page reach another host.
var ChromeFlags = []string{
	"--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
	"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
}

// Run audits url (mobile, Lighthouse's default) with the Lighthouse found in
// nodeModules and the Chromium at chrome.
func Run(ctx context.Context, nodeModules, chrome, url string) (*Result, error) {
	cli := filepath.Join(nodeModules, "lighthouse", "cli", "index.js")
	cmd := exec.CommandContext(ctx, "node", cli, url,
		"--output=json", "--output-path=stdout", "--quiet",
		"--only-categories="+strings.Join(Categories, ","),
		"--chrome-flags="+strings.Join(ChromeFlags, " "))
	cmd.Env = append(cmd.Environ(), "CHROME_PATH="+chrome)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("lighthouse %s: %v\n%s", url, err, stderr.String())
	}
	var lhr struct {
		RuntimeError *struct{ Code, Message string } `json:"runtimeError"`
		Categories   map[string]struct {
			Score     *float64 `json:"score"`
			AuditRefs []struct {
				ID     string  `json:"id"`
				Weight float64 `json:"weight"`
			} `json:"auditRefs"`
		} `json:"categories"`
		Audits map[string]struct {
			Score   *float64 `json:"score"`
			Title   string   `json:"title"`
			Details struct {
				Items []struct {
					URL string `json:"url"`
				} `json:"items"`
			} `json:"details"`
		} `json:"audits"`
	}
	if err := json.Unmarshal(out, &lhr); err != nil {
		return nil, fmt.Errorf("reading the Lighthouse report of %s: %v", url, err)
	}
	if lhr.RuntimeError != nil && lhr.RuntimeError.Code != "" {
		return nil, fmt.Errorf("lighthouse %s: %s: %s", url, lhr.RuntimeError.Code, lhr.RuntimeError.Message)
	}
	r := &Result{Page: url, Scores: map[string]int{}, Failed: map[string][]string{}}
	for _, name := range Categories {
		c, ok := lhr.Categories[name]
		if !ok || c.Score == nil {
			return nil, fmt.Errorf("lighthouse %s: no %s score", url, name)
		}
		r.Scores[name] = int(*c.Score*100 + 0.5)
		for _, ref := range c.AuditRefs {
			a := lhr.Audits[ref.ID]
			if ref.Weight > 0 && a.Score != nil && *a.Score < 1 {
				var urls []string
				for _, it := range a.Details.Items {
					if it.URL != "" {
						urls = append(urls, it.URL)
					}
				}
				what := fmt.Sprintf("%s (%s, score %.2f)", ref.ID, a.Title, *a.Score)
				if len(urls) > 0 {
					what += ": " + strings.Join(urls, ", ")
				}
				r.Failed[name] = append(r.Failed[name], what)
			}
		}
		sort.Strings(r.Failed[name])
	}
	return r, nil
}

// Table formats results as a table, one row per page.
func Table(results []*Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-56s", "page")
	for _, c := range Categories {
		fmt.Fprintf(&b, " %14s", c)
	}
	b.WriteString("\n")
	for _, r := range results {
		fmt.Fprintf(&b, "%-56s", r.Page)
		for _, c := range Categories {
			fmt.Fprintf(&b, " %14d", r.Scores[c])
		}
		b.WriteString("\n")
	}
	return b.String()
}

// Gzip serves gzip-compressed responses to clients that accept them, as the
// production host does, so performance is measured on realistic bytes.
func Gzip(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			h.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Add("Vary", "Accept-Encoding")
		zw := gzip.NewWriter(w)
		defer zw.Close()
		h.ServeHTTP(gzipWriter{ResponseWriter: w, w: zw}, r)
	})
}

type gzipWriter struct {
	http.ResponseWriter
	w *gzip.Writer
}

func (g gzipWriter) WriteHeader(code int) {
	g.Header().Del("Content-Length")
	g.ResponseWriter.WriteHeader(code)
}

func (g gzipWriter) Write(p []byte) (int, error) {
	g.Header().Del("Content-Length")
	return g.w.Write(p)
}
