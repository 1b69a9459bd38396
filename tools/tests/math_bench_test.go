package tests

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

const benchExpressions = 100

// mathBenchNote is a note with n distinct expressions (every fifth one on
// display), or, with math false, the same text with the TeX in code spans.
func mathBenchNote(n int, math bool) string {
	var b strings.Builder
	b.WriteString("---\ntitle: Math bench\ndescription: Many expressions.\ndate: 2024-01-01\n---\n\n")
	for i := range n {
		tex := fmt.Sprintf(`\frac{a_{%d} + b}{\sqrt{c^{%d}}} = \sum_{k=1}^{%d} k^2 x_k`, i, i, i+1)
		switch {
		case !math:
			fmt.Fprintf(&b, "Expression %d is `%s` here.\n\n", i, tex)
		case i%5 == 0:
			fmt.Fprintf(&b, "Expression %d:\n\n$$\n%s\n$$\n\n", i, tex)
		default:
			fmt.Fprintf(&b, "Expression %d is $%s$ here.\n\n", i, tex)
		}
	}
	return b.String()
}

// BenchmarkMath measures what rendering math adds to a build of the theme
// with one note of 100 expressions: "cold" with an empty math cache,
// "cached" with the cache of a previous build; "cold/1" (one expression)
// shows the fixed cost of starting KaTeX. Each iteration also builds
// the same page without math; the difference, divided by the number of
// expressions, is reported as ms/expr (CPU time of the Hugo process).
//
//	go test ./tools/tests -run '^$' -bench BenchmarkMath -benchtime 3x
func BenchmarkMath(b *testing.B) {
	// A copy of the site with the bench note as its only note.
	site := func(body string) string {
		dir := sitetest.CopySite(b)
		content := filepath.Join(dir, "content")
		if err := os.RemoveAll(content); err != nil {
			b.Fatal(err)
		}
		for name, data := range map[string]string{
			"_index.md":           "---\ntitle: Bench\ndescription: Bench.\n---\n",
			"notes/_index.md":     "---\ntitle: Notes\ndescription: Notes.\n---\n",
			"notes/math-bench.md": body,
		} {
			p := filepath.Join(content, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
				b.Fatal(err)
			}
		}
		return dir
	}
	// CPU time of the Hugo process (user and system): the machine may be
	// busy, and wall time would measure the neighbours too.
	build := func(src, cache string) time.Duration {
		cmd := exec.Command(sitetest.Hugo(b), "--source", src, "--destination", b.TempDir(), "--quiet")
		cmd.Env = append(os.Environ(), "HUGO_CACHES_MISC_DIR="+cache)
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("build: %v\n%s", err, out)
		}
		return cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	for _, c := range []struct {
		mode string
		n    int
	}{{"cold", benchExpressions}, {"cached", benchExpressions}, {"cold", 1}} {
		withMath := site(mathBenchNote(c.n, true))
		without := site(mathBenchNote(c.n, false))
		warm := b.TempDir()
		build(withMath, warm)
		b.Run(fmt.Sprintf("%s/%d", c.mode, c.n), func(b *testing.B) {
			var extra time.Duration
			for b.Loop() {
				cache := warm
				if c.mode == "cold" {
					cache = b.TempDir()
				}
				extra += build(withMath, cache) - build(without, b.TempDir())
			}
			b.ReportMetric(float64(extra.Microseconds())/1000/float64(b.N)/float64(c.n), "ms/expr")
		})
	}
}
