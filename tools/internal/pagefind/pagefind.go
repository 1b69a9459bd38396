// Package pagefind indexes a built site with Pagefind (the npm package
// pagefind, installed from the root package-lock.json by the npm helper, as
// a deploy installs it), the way the Netlify build does after Hugo:
// `pagefind --site public`.
package pagefind

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
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
	bin := filepath.Join(npm.SiteModules(t), ".bin", "pagefind")
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

// Fragment is the indexed record of one page, as Pagefind stores it.
type Fragment struct {
	URL     string `json:"url"`
	Content string `json:"content"`
}

// Fragments reads the page records of the index Index wrote below dir:
// each is gzip-compressed JSON after Pagefind's own signature.
func Fragments(t testing.TB, dir string) map[string]Fragment {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "pagefind", "fragment", "*.pf_fragment"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no Pagefind fragments below %s: %v", dir, err)
	}
	out := map[string]Fragment{}
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(fh)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		b, err := io.ReadAll(zr)
		fh.Close()
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		i := bytes.IndexByte(b, '{')
		if i < 0 {
			t.Fatalf("%s: no JSON record", f)
		}
		var fr Fragment
		if err := json.Unmarshal(b[i:], &fr); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[fr.URL] = fr
	}
	return out
}
