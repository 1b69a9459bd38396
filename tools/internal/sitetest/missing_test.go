package sitetest

import (
	"strings"
	"testing"
)

// TestSkipSummary skips two tests for one missing tool and one for
// another, as on a machine without them, and checks the summary names
// each tool once with its tests.
func TestSkipSummary(t *testing.T) {
	t.Setenv("CI", "")
	skipsMu.Lock()
	saved := skips
	skips = map[string][]string{}
	skipsMu.Unlock()
	defer func() { skipsMu.Lock(); skips = saved; skipsMu.Unlock() }()

	if SkipSummary() != "" {
		t.Fatal("a summary with nothing skipped")
	}
	for _, c := range []struct{ name, tool string }{{"A", "no chromium"}, {"B", "no chromium"}, {"C", "no java"}} {
		t.Run(c.name, func(t *testing.T) { Missing(t, c.tool) })
	}
	got := SkipSummary()
	for _, want := range []string{"3 test(s) SKIPPED", "- no chromium\n", "skipped: TestSkipSummary/A, TestSkipSummary/B\n", "- no java\n", "skipped: TestSkipSummary/C\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("summary lacks %q:\n%s", want, got)
		}
	}
}
