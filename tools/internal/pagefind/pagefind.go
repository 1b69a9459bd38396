// Package pagefind indexes a built site with Pagefind (the npm package
// pagefind, installed from package-lock.json by the npm helper), the way the
// Netlify build does after Hugo: `pagefind --site public`.
package pagefind

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/npm"
)

// Result is a finished indexing run.
type Result struct {
	Output string // what pagefind printed
	Pages  int    // the number of pages it indexed
}

var indexed = regexp.MustCompile(`Indexed (\d+) pages?`)

// Index runs Pagefind over the published site in dir, writing dir/pagefind/.
// It fails the test when Pagefind fails or falls back to indexing every
// page (no data-pagefind-body anywhere).
func Index(t testing.TB, dir string) *Result {
	t.Helper()
	bin := filepath.Join(npm.Modules(t), ".bin", "pagefind")
	cmd := exec.Command(bin, "--site", dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("pagefind --site %s: %v\n%s", dir, err, out)
	}
	r := &Result{Output: string(out)}
	if m := indexed.FindStringSubmatch(r.Output); m != nil {
		r.Pages, _ = strconv.Atoi(m[1])
	}
	if regexp.MustCompile(`Did not find a data-pagefind-body`).MatchString(r.Output) {
		t.Fatalf("pagefind found no data-pagefind-body element and indexed every page:\n%s", r.Output)
	}
	return r
}
