package gates

import (
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/chromedp/cdproto/network"
)

// Resource is one request a page made.
type Resource struct {
	URL      string // the URL path for the site's own files, else the full URL
	Type     string // Document, Stylesheet, Script, Font, Image, …
	Blocking bool   // render-blocking (stylesheets, classic scripts in <head>)
	Bytes    int    // gzip-compressed size of the response body
	Foreign  bool   // from another origin
	Failed   string // why it did not load, if it did not
}

// Weight is what a first-time visitor downloads for one page.
type Weight struct {
	Page      string
	Resources []Resource
}

// Critical is the gzip size of the HTML, the CSS and the render-blocking
// scripts: what must arrive before the page can paint.
func (w *Weight) Critical() int {
	n := 0
	for _, r := range w.Resources {
		if r.Type == "Document" || r.Type == "Stylesheet" || (r.Type == "Script" && r.Blocking) {
			n += r.Bytes
		}
	}
	return n
}

// Total is the gzip size of everything except images.
func (w *Weight) Total() int {
	n := 0
	for _, r := range w.Resources {
		if r.Type != "Image" {
			n += r.Bytes
		}
	}
	return n
}

// Images is the gzip size of the images.
func (w *Weight) Images() int { return w.sum("Image") }

func (w *Weight) sum(kind string) int {
	n := 0
	for _, r := range w.Resources {
		if r.Type == kind {
			n += r.Bytes
		}
	}
	return n
}

// Requests is the number of requests the page made.
func (w *Weight) Requests() int { return len(w.Resources) }

func (b *Browser) weigh(page string, reqs []*request) (*Weight, error) {
	w := &Weight{Page: page}
	for _, r := range reqs {
		if strings.HasPrefix(r.url, "data:") || strings.HasPrefix(r.url, "blob:") {
			continue
		}
		res := Resource{URL: r.url, Type: string(r.kind), Failed: r.failed,
			Blocking: r.blocking == network.RenderBlockingBehaviorBlocking || r.blocking == network.RenderBlockingBehaviorInBodyParserBlocking}
		p, same := b.sameOrigin(r.url)
		if !same {
			res.Foreign = true
			w.Resources = append(w.Resources, res)
			continue
		}
		res.URL = p
		if r.status >= 400 {
			res.Failed = fmt.Sprintf("HTTP %d", r.status)
		}
		n, err := gzipSize(b.public, p)
		if err != nil && res.Failed == "" {
			res.Failed = err.Error()
		}
		res.Bytes = n
		w.Resources = append(w.Resources, res)
	}
	if len(w.Resources) == 0 {
		return nil, fmt.Errorf("%s: the browser recorded no requests", page)
	}
	return w, nil
}

// gzipSize is the gzip-compressed size of the file served at URL path p.
func gzipSize(public, p string) (int, error) {
	file := filepath.Join(public, filepath.FromSlash(strings.TrimPrefix(p, "/")))
	if strings.HasSuffix(p, "/") {
		file = filepath.Join(file, "index.html")
	}
	f, err := os.Open(file)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var c counter
	zw, _ := gzip.NewWriterLevel(&c, gzip.DefaultCompression)
	if _, err := io.Copy(zw, f); err != nil {
		return 0, err
	}
	if err := zw.Close(); err != nil {
		return 0, err
	}
	return int(c), nil
}

type counter int

func (c *counter) Write(p []byte) (int, error) { *c += counter(len(p)); return len(p), nil }

// Budget limits the pages of one kind.
type Budget struct {
	Kind     string
	Match    func(page string) bool // which pages are of this kind (URL path)
	Critical int                    // max gzip bytes of HTML + CSS + blocking JS; 0: no limit
	Total    int                    // max gzip bytes of everything but images; 0: Default's
	Requests int                    // max requests; 0: Default's
}

// Default holds every page: everything except images ≤ 40 KB gzip, at most
// 10 requests, and (always) nothing from other origins.
var Default = Budget{Kind: "page", Total: 40 << 10, Requests: 10}

// KindOf returns the first budget whose Match accepts the page, or Default.
func KindOf(budgets []Budget, page string) Budget {
	for _, b := range budgets {
		if b.Match != nil && b.Match(page) {
			if b.Total == 0 {
				b.Total = Default.Total
			}
			if b.Requests == 0 {
				b.Requests = Default.Requests
			}
			return b
		}
	}
	return Default
}

// CheckBudgets holds every measured page to its kind's budget. A failure
// names the page, the resource and the bytes.
func CheckBudgets(weights []*Weight, budgets []Budget) []Problem {
	var problems []Problem
	add := func(page, format string, args ...any) {
		problems = append(problems, Problem{Gate: "weight", Page: page, Detail: fmt.Sprintf(format, args...)})
	}
	for _, w := range weights {
		b := KindOf(budgets, w.Page)
		for _, r := range w.Resources {
			if r.Foreign {
				add(w.Page, "requests %s from another origin (%s); serve it from the site", r.URL, r.Type)
			} else if r.Failed != "" {
				add(w.Page, "%s %s failed to load: %s", r.Type, r.URL, r.Failed)
			}
		}
		if b.Critical > 0 && w.Critical() > b.Critical {
			add(w.Page, "%s page: HTML + CSS + blocking JS is %d bytes gzip, over the budget of %d: %s",
				b.Kind, w.Critical(), b.Critical, w.list(func(r Resource) bool {
					return r.Type == "Document" || r.Type == "Stylesheet" || (r.Type == "Script" && r.Blocking)
				}))
		}
		if w.Total() > b.Total {
			add(w.Page, "%s page: everything but images is %d bytes gzip, over the budget of %d: %s",
				b.Kind, w.Total(), b.Total, w.list(func(r Resource) bool { return r.Type != "Image" }))
		}
		if w.Requests() > b.Requests {
			add(w.Page, "%s page makes %d requests, over the budget of %d: %s", b.Kind, w.Requests(), b.Requests, w.list(nil))
		}
	}
	return problems
}

// list names the resources, largest first, with their bytes.
func (w *Weight) list(keep func(Resource) bool) string {
	var rs []Resource
	for _, r := range w.Resources {
		if keep == nil || keep(r) {
			rs = append(rs, r)
		}
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].Bytes > rs[j].Bytes })
	var parts []string
	for _, r := range rs {
		parts = append(parts, fmt.Sprintf("%s %s %d B", r.Type, r.URL, r.Bytes))
	}
	return strings.Join(parts, ", ")
}

// Summary is a table of the heaviest page of each kind: requests, critical
// bytes (HTML + CSS + blocking JS), everything but images, and images.
func Summary(weights []*Weight, budgets []Budget) string {
	type row struct {
		kind, page                      string
		requests, critical, total, imgs int
	}
	rows := map[string]*row{}
	var kinds []string
	for _, w := range weights {
		k := KindOf(budgets, w.Page).Kind
		r := rows[k]
		if r == nil {
			r = &row{kind: k}
			rows[k] = r
			kinds = append(kinds, k)
		}
		if w.Total() >= r.total {
			*r = row{kind: k, page: w.Page, requests: w.Requests(), critical: w.Critical(), total: w.Total(), imgs: w.Images()}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-8s %-52s %8s %14s %14s %8s\n", "kind", "heaviest page", "requests", "critical (B)", "no images (B)", "images")
	for _, k := range kinds {
		r := rows[k]
		fmt.Fprintf(&b, "%-8s %-52s %8d %14d %14d %8d\n", r.kind, r.page, r.requests, r.critical, r.total, r.imgs)
	}
	return b.String()
}
