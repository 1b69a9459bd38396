package tests

import (
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// TestDescriptionsReadLikeProse builds notes without a description whose
// opening holds formulas, a code block and a command, and checks that the
// description written into the page's meta tags gives each formula once,
// as the reader sees it, and no code.
func TestDescriptionsReadLikeProse(t *testing.T) {
	r, err := fastNotes(t, map[string]string{
		"nodesc.md": "---\ntitle: No description\ndate: 2024-01-01\n---\n\n" +
			"The network is a chain $f_l \\circ f_{l-1}$ of layers, and its loss is $L(\\theta)$.\n\n" +
			"```python\nprint('code stays out')\n```\n\n" +
			"{{< cmd >}}rm -rf build{{< /cmd >}}\n\n" +
			"## A heading\n\nClosing words.\n",
	})
	if err != nil {
		t.Fatalf("build failed: %v\n%s", err, r.Output)
	}
	doc := r.Page(t, "/notes/nodesc/")
	var desc string
	for _, m := range doc.All(sitetest.Tag("meta")) {
		if n, _ := sitetest.Attr(m, "name"); n == "description" {
			desc, _ = sitetest.Attr(m, "content")
		}
	}
	for _, bad := range []string{`\circ`, `\theta`, "f_{l-1}", "print(", "rm -rf", "#", "θ)L(θ)", "  "} {
		if strings.Contains(desc, bad) {
			t.Errorf("the description holds %q: %q", bad, desc)
		}
	}
	for _, want := range []string{"The network is a chain", "L(θ)", "of layers", "A heading Closing words."} {
		if !strings.Contains(desc, want) {
			t.Errorf("the description lacks %q: %q", want, desc)
		}
	}
	if n := strings.Count(desc, "θ"); n != 1 {
		t.Errorf("θ appears %d times in the description, want once: %q", n, desc)
	}
}
