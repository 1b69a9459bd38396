package tests

import (
	"path/filepath"
	"regexp"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// TestBenchmarkPricesEveryFeature runs the benchmark's feature price list
// on a small code-heavy site and checks that it prices every optional
// output and feature README's performance section lists.
func TestBenchmarkPricesEveryFeature(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a generated site eleven times")
	}
	out := runBench(t, "-n", "20", "-runs", "1", "-edits", "0", "-templates", "0", "-profile", "code", "-prices")
	if !regexp.MustCompile(`(?m); code notes$`).MatchString(out) {
		t.Errorf("the header does not name the code profile:\n%s", out)
	}
	row := `[+-][\d.]+s +[+-][\d.]+s +[+-]\d+ MiB +[+-]\d+ MiB +[+-]\d+$`
	for _, f := range []string{"Markdown copies \\(index.md\\)", "course print pages", "a feed per tag", "backlinks", "minification", "related notes", "social cards", "social cards, first build"} {
		if !regexp.MustCompile(`(?m)^    ` + f + ` +` + row).MatchString(out) {
			t.Errorf("no price for %s:\n%s", f, out)
		}
	}
	// The Markdown copies, the tag feeds and the cards are files of their own.
	for _, f := range []string{"Markdown copies \\(index.md\\)", "a feed per tag", "social cards", "social cards, first build"} {
		if !regexp.MustCompile(`(?m)^    ` + f + ` .* \+[1-9]\d*$`).MatchString(out) {
			t.Errorf("%s should add files:\n%s", f, out)
		}
	}
	// The search index is priced when Pagefind is installed.
	if m, _ := filepath.Glob(filepath.Join(sitetest.Root(), "node_modules", ".bin", "pagefind")); len(m) == 1 &&
		!regexp.MustCompile(`(?m)^    search index \(Pagefind\) +`+row).MatchString(out) {
		t.Errorf("Pagefind is installed but the search index has no price:\n%s", out)
	}
}

// TestBenchmarkPricesOnly checks that -prices-only prints the price list
// alone: none of the builds side by side, and none of the cards with
// -cards=false; with two rounds each price gives the range of the rounds'
// differences.
func TestBenchmarkPricesOnly(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a generated site sixteen times")
	}
	out := runBench(t, "-n", "20", "-runs", "2", "-profile", "code", "-cards=false", "-prices-only")
	if regexp.MustCompile(`(?m)^N = \d+ notes|^Summary|rows above`).MatchString(out) {
		t.Errorf("-prices-only built the sites side by side too, or points at their rows:\n%s", out)
	}
	row := `[+-][\d.]+s +[+-][\d.]+s +[+-]\d+ MiB +[+-]\d+ MiB +[+-]\d+  [+-][\d.]+…[+-][\d.]+ s(: within the machine's noise, more -runs or a quieter machine)?$`
	for _, f := range []string{"Markdown copies \\(index.md\\)", "course print pages", "a feed per tag", "backlinks", "minification", "related notes"} {
		if !regexp.MustCompile(`(?m)^    ` + f + ` +` + row).MatchString(out) {
			t.Errorf("no price for %s:\n%s", f, out)
		}
	}
	if regexp.MustCompile(`(?m)^    social cards`).MatchString(out) {
		t.Errorf("-cards=false priced the social cards:\n%s", out)
	}
}
