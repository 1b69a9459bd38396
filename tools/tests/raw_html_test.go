package tests

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// rawHTMLNote drops raw HTML the way migrated notes do, next to HTML that
// is only shown as code.
const rawHTMLNote = `---
title: Raw HTML
description: HTML that Markdown drops.
date: 2024-01-01
---

Intro line<br>with a break.

<p align="center">
<img src="pic.png" width="300">
</p>

` + "```html\n<b>in a code block</b>\n```" + `

Inline ` + "`<i>code</i>`" + ` and <center>centered</center>.

{{< cmd >}}echo '<not-a-tag>'{{< /cmd >}}

{{< cmd desc="a body over lines" >}}
cat <<EOF > <file>
{{< /cmd >}}

{{< math >}}\langle x, y \rangle < z > w{{< /math >}}
`

// TestDroppedRawHTMLIsNamedAtItsLine builds a note with raw HTML and checks
// that each dropped tag is a warning at its file and line with what to write
// instead, that code is not mistaken for HTML, and that Hugo's line-less
// warning is replaced.
func TestDroppedRawHTMLIsNamedAtItsLine(t *testing.T) {
	dir := sitetest.CopySite(t)
	if err := os.WriteFile(filepath.Join(dir, "content", "notes", "raw.md"), []byte(rawHTMLNote), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := sitetest.Run(t, dir, nil, "--source", dir, "--destination", t.TempDir(), "--logLevel", "warn", "--noBuildLock")
	if err != nil {
		t.Fatalf("build failed: %v\n%s", err, out)
	}
	want := []struct {
		line int
		tag  string
		fix  string
	}{
		{7, "<br>", "end the line with a backslash"},
		{9, `<p align="center">`, "remove the tag and keep its text"},
		{10, `<img src="pic.png" width="300">`, "write a Markdown image: ![what it shows](picture.png"},
		{17, "<center>", "remove the tag and keep its text"},
	}
	warnings := regexp.MustCompile(`(?m)^WARN .*raw HTML .*$`).FindAllString(out, -1)
	if len(warnings) != len(want) {
		t.Errorf("%d raw HTML warnings, want %d:\n%s", len(warnings), len(want), strings.Join(warnings, "\n"))
	}
	for _, w := range want {
		line := regexp.QuoteMeta("content/notes/raw.md:") + strconv.Itoa(w.line) + `": raw HTML ` + regexp.QuoteMeta(w.tag) + ` is dropped \(notes render no raw HTML\): ` + regexp.QuoteMeta(w.fix)
		if !regexp.MustCompile(line).MatchString(out) {
			t.Errorf("no warning for %s at raw.md:%d saying %q:\n%s", w.tag, w.line, w.fix, out)
		}
	}
	if strings.Contains(out, "Raw HTML omitted while rendering") {
		t.Errorf("Hugo's own line-less warning is still printed:\n%s", out)
	}

	// A production-style build that treats warnings as errors stops on it.
	r, err := mathFixture(t, map[string]string{"raw.md": rawHTMLNote})
	if err == nil || !strings.Contains(r.Output, "content/notes/raw.md:7") {
		t.Errorf("a --panicOnWarning build did not fail at raw.md:7: %v\n%s", err, r.Output)
	}
}
