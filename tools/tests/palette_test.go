package tests

import (
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// TestPaletteBelowAAIsAWarning picks Chroma styles for the light palette:
// one that fails WCAG AA on the code background must be named at build
// time with its failing colours; the README's example must pass.
func TestPaletteBelowAAIsAWarning(t *testing.T) {
	dir := sitetest.CopySite(t)
	out, err := sitetest.Run(t, dir, []string{"HUGO_PARAMS_BODA_HIGHLIGHT_LIGHT=monokailight"}, "--source", dir, "--destination", t.TempDir(), "--logLevel", "warn", "--noBuildLock")
	if err != nil {
		t.Fatalf("build failed: %v\n%s", err, out)
	}
	for _, want := range []string{`params.boda.highlight.light = "monokailight"`, "token colours fail WCAG AA", ".k #00a8c8 (2.55:1)"} {
		if !strings.Contains(out, want) {
			t.Errorf("the build does not warn %q:\n%s", want, out)
		}
	}
	r, err := sitetest.TryBuild(t, sitetest.Options{Source: dir, Env: []string{"HUGO_PARAMS_BODA_HIGHLIGHT_LIGHT=xcode"}})
	if err != nil {
		t.Errorf("the README's example palette (xcode) does not build without warnings: %v\n%s", err, r.Output)
	}
}
