package tests

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// TestUpdatedDatesComeFromGit checks a note's "Updated" date against the
// date of the last commit that touched its file.
func TestUpdatedDatesComeFromGit(t *testing.T) {
	const file = "content/courses/cs480-680/lecture-16.md"
	out, err := exec.Command("git", "-C", sitetest.Root(), "log", "-1", "--format=%cs", "--", file).Output()
	if err != nil || strings.TrimSpace(string(out)) == "" {
		t.Skipf("no git history for %s here (a copy without .git): %v", file, err)
	}
	want := strings.TrimSpace(string(out))
	doc := sitetest.Site(t, "production").Page(t, "/courses/cs480-680/lecture-16/")
	var got []string
	for _, tm := range doc.All(sitetest.Tag("time")) {
		v, _ := sitetest.Attr(tm, "datetime")
		got = append(got, v)
	}
	if len(got) != 2 || got[0] != "2021-05-17" || got[1] != want {
		t.Errorf("published and updated dates %q, want [2021-05-17 %s]", got, want)
	}
}

// TestBuildsWithoutGitHistory builds a copy of the site that has no .git
// folder: the pinned Hugo turns git info off instead of failing, and the
// dates come from front matter.
func TestBuildsWithoutGitHistory(t *testing.T) {
	dir := sitetest.CopySite(t)
	site := sitetest.Build(t, sitetest.Options{Source: dir})
	if !strings.Contains(site.Output, "no git history") {
		t.Errorf("the build did not say it turned git info off:\n%s", site.Output)
	}
	doc := site.Page(t, "/courses/cs480-680/lecture-16/")
	if text := sitetest.Text(doc.Root); !strings.Contains(text, "Published May 17, 2021") {
		t.Errorf("no published date from front matter")
	}
}
