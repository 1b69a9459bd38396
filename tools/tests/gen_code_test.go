package tests

import (
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/gen"
)

// TestCodeProfileNotesHoldFormulasAndTwoCodeBlocks checks the benchmark's
// code-heavy profile: every note has 2–4 inline formulas, one display
// formula, one Python block and one sh block, and no other command.
func TestCodeProfileNotesHoldFormulasAndTwoCodeBlocks(t *testing.T) {
	const n = 300
	dir, st := generate(t, gen.Options{Notes: n, Seed: 1, Profile: gen.Code})
	tree := readTree(t, dir)
	inline, display := 0, 0
	for _, p := range gen.NotePaths(n) {
		text := string(tree[p])
		m := frontRe.FindStringSubmatch(text)
		if m == nil {
			t.Fatalf("%s: no front matter", p)
		}
		body := text[len(m[0]):]
		d := len(displayRe.FindAllString(body, -1))
		i := len(inlineRe.FindAllString(displayRe.ReplaceAllString(body, ""), -1))
		if d != 1 || i < 2 || i > 4 {
			t.Errorf("%s: %d inline and %d display formulas, want 2–4 and 1", p, i, d)
		}
		inline, display = inline+i, display+d
		if c := strings.Count(body, "```python\n"); c != 1 {
			t.Errorf("%s: %d Python blocks, want 1", p, c)
		}
		if c := strings.Count(body, "```sh\n"); c != 1 {
			t.Errorf("%s: %d sh blocks, want 1", p, c)
		}
		for _, no := range []string{"{{< cmd", "```console"} {
			if strings.Contains(body, no) {
				t.Errorf("%s: holds %q, which the code profile leaves out", p, no)
			}
		}
	}
	if inline != st.InlineMath || display != st.DisplayMath || st.Commands != n {
		t.Errorf("stats %+v do not match the files: %d inline, %d display, %d sh blocks", st, inline, display, n)
	}
	if _, err := gen.Write(t.TempDir(), gen.Options{Notes: 1, Profile: "heavy"}); err == nil {
		t.Error("an unknown profile was accepted")
	}
}
