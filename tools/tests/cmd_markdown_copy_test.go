package tests

import (
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// TestCmdWarningSurvivesInMarkdownCopy builds a note with a destructive
// command written three ways (the cmd shortcode, an sh fence with options,
// a console fence) and reads its Markdown copy: each keeps its warning, the
// fence's title and description show as on the page, no option is left on
// a fence line, and a fence shown inside another fence stays as written.
func TestCmdWarningSurvivesInMarkdownCopy(t *testing.T) {
	files := map[string]string{
		"content/_index.md":       "---\ntitle: Fixture notebook\ndescription: A notebook.\n---\n",
		"content/notes/_index.md": "---\ntitle: Notes\ndescription: Loose notes.\n---\n",
		"content/notes/wipe.md": "---\ntitle: Wipe\ndescription: Wiping.\ndate: 2024-01-01\n---\n\n" +
			"{{< cmd warn=\"true\" desc=\"wipe the build\" >}}rm -rf build{{< /cmd >}}\n\n" +
			"Then:\n" +
			"```sh {warn=\"deletes every untracked file\" title=\"Clean\" desc=\"clean the tree\"}\n" +
			"git clean -fd\n" +
			"```\n\n" +
			"~~~console {warn=\"yes\"}\n" +
			"$ rm -rf /tmp/x\n" +
			"removed\n" +
			"~~~\n\n" +
			"How to write one:\n\n" +
			"````markdown\n" +
			"```sh {warn=\"shown as written\"}\n" +
			"rm -rf example\n" +
			"```\n" +
			"````\n",
	}
	site := sitetest.Build(t, sitetest.Options{Source: sitetest.Fixture(t, files), Args: []string{"--environment", "production"}})
	md := site.File(t, "notes/wipe/index.md")
	for _, want := range []string{
		"> **Destructive:** this command discards work that cannot be recovered.\n\nwipe the build:\n\n```sh\nrm -rf build\n```",
		"Then:\n\n**Clean**\n\n> **Destructive:** deletes every untracked file\n\nclean the tree:\n\n```sh\ngit clean -fd\n```",
		"> **Destructive:** this command discards work that cannot be recovered.\n\n~~~console\n$ rm -rf /tmp/x\nremoved\n~~~",
		"````markdown\n```sh {warn=\"shown as written\"}\nrm -rf example\n```\n````",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown copy has no\n%s\nin\n%s", want, md)
		}
	}
	if n := strings.Count(md, "**Destructive:**"); n != 3 {
		t.Errorf("the Markdown copy has %d warnings, want 3 (the example inside a fence is code):\n%s", n, md)
	}
}
