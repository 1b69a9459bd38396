// Package gates holds the quality gates every built site must pass: valid
// HTML and well-formed XML, no broken links or anchors, no accessibility
// violations in light and dark mode, and page-weight budgets. Each gate is a
// function that returns the problems it found, so a test can also show that a
// gate catches a deliberately broken page; CheckSite runs them all over one
// published folder, for the project's own site and for fixture sites that
// mount the module.
package gates

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// Problem is one finding of a gate; Page names the file or URL path.
type Problem struct {
	Gate   string // "html", "xml", "links", "a11y-light", "a11y-dark", "weight"
	Page   string
	Detail string
}

func (p Problem) String() string { return fmt.Sprintf("[%s] %s: %s", p.Gate, p.Page, p.Detail) }

// Options configure CheckSite.
type Options struct {
	// BaseURL of the build (see linkcheck.Options); empty reads it from the
	// home page's canonical link.
	BaseURL string
	// Budgets for page kinds; every page is also held to Default.
	Budgets []Budget
}

// CheckSite runs every gate over the published folder public and fails the
// test for each problem. It returns the measured page weights.
func CheckSite(t *testing.T, public string, o Options) []*Weight {
	t.Helper()
	var weights []*Weight
	report := func(ps []Problem) {
		t.Helper()
		for _, p := range ps {
			t.Error(p)
		}
	}
	t.Run("html", func(t *testing.T) { report(HTML(t, public)) })
	t.Run("xml", func(t *testing.T) { report(XML(t, public)) })
	t.Run("links", func(t *testing.T) { report(Links(t, public, o.BaseURL)) })
	t.Run("browser", func(t *testing.T) {
		pages := Pages(t, public)
		if len(pages) == 0 {
			t.Fatalf("no pages below %s", public)
		}
		ps, ws := Audit(t, public, pages)
		weights = ws
		report(ps)
		report(CheckBudgets(ws, o.Budgets))
	})
	return weights
}

// Pages lists the URL paths of the published HTML pages a reader can land
// on: every .html file except alias redirects.
func Pages(t testing.TB, public string) []string {
	t.Helper()
	var pages []string
	err := filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if isRedirect(string(b)) {
			return nil
		}
		rel := filepath.ToSlash(must(filepath.Rel(public, p)))
		if path.Base(rel) == "index.html" {
			rel = strings.TrimSuffix(rel, "index.html")
		}
		pages = append(pages, "/"+rel)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(pages)
	return pages
}

// isRedirect reports whether a page is an alias that only redirects (Hugo's
// alias template: a meta refresh and no body).
func isRedirect(raw string) bool {
	head := strings.ToLower(raw[:min(len(raw), 1024)])
	return strings.Contains(head, `http-equiv="refresh"`) || strings.Contains(head, `http-equiv=refresh`)
}

func must(s string, err error) string {
	if err != nil {
		panic(err)
	}
	return s
}
