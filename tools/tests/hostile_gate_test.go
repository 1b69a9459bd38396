package tests

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// The hostile-input probes are a standing gate: every shortcode and every
// front-matter field a template reads has a test that builds bad values of
// it (a missing or unknown argument, a wrong type, text that tries to break
// out of its context) and asserts the error names the file and line, or
// that the output is safe. A new shortcode or field fails this test until
// its probe is named here.

// shortcodeProbes maps each shortcode of layouts/_shortcodes to the test
// holding its hostile-input probes.
var shortcodeProbes = map[string]string{
	"admonition":       "TestAdmonitionMistakes",
	"figure":           "TestImageMistakes",
	"cmd":              "TestHostileCommands",
	"eqref":            "TestMathErrors",
	"cite":             "TestHostileCite",
	"math":             "TestHostileMathErrors",
	"highlight":        "TestHostileFenceOptions",
	"gist":             "TestHostileEmbeds",
	"youtube":          "TestHostileEmbeds",
	"vimeo":            "TestHostileEmbeds",
	"vimeo_simple":     "TestHostileEmbeds",
	"x":                "TestHostileEmbeds",
	"x_simple":         "TestHostileEmbeds",
	"twitter":          "TestHostileEmbeds",
	"twitter_simple":   "TestHostileEmbeds",
	"instagram":        "TestHostileEmbeds",
	"instagram_simple": "TestHostileEmbeds",
	"notebook":         "TestNotebookMistakes",
}

// frontMatterProbes maps each front-matter field the templates read to the
// test holding its hostile-input probes.
var frontMatterProbes = map[string]string{
	"title":                "TestHostileFrontMatterFails",
	"date":                 "TestHostileFrontMatterFails",
	"description":          "TestHostileNewlinesStayOnOneLine",
	"summary":              "TestLoveItFrontMatter",
	"url":                  "TestHostileFrontMatterFails",
	"slug":                 "TestHostileFrontMatterFails",
	"aliases":              "TestHostileFrontMatterFails",
	"weight":               "TestHostileLectureWeight",
	"tags":                 "TestHostileFrontMatterFails",
	"series":               "TestHostileFrontMatterFails",
	"categories":           "TestLoveItFrontMatter",
	"lang":                 "TestHostileFrontMatterLangIsNeverWritten",
	"direction":            "TestHostileFrontMatterFails",
	"paper":                "TestHostileFrontMatterCitations",
	"tagline":              "TestHostileIdentity",
	"author":               "TestHostileIdentity",
	"authorLink":           "TestLoveItFrontMatterMistakes",
	"subtitle":             "TestLoveItFrontMatterMistakes",
	"featuredImage":        "TestLoveItFrontMatterMistakes",
	"featuredImagePreview": "TestLoveItFrontMatterMistakes",
	"hiddenFromHomePage":   "TestLoveItFrontMatterMistakes",
	"hiddenFromSearch":     "TestLoveItFrontMatterMistakes",
	"toc":                  "TestLoveItFrontMatterMistakes",
	"number":               "TestHostileLectureNumber",
	"unit":                 "TestHostileCourseSyllabusAndUnit",
	"syllabus":             "TestHostileCourseSyllabusAndUnit",
	"courseCode":           "TestHostileCourseCode",
	"notebook":             "TestNotebookMistakes",
	"course":               "TestHostileRelatedCourse",
}

// paramRead finds the front-matter fields templates read: .Params.x,
// .Param "x" and index .Params "x".
var paramRead = regexp.MustCompile(`\.Params\.([A-Za-z_][A-Za-z0-9_]*)|\.Param "([A-Za-z_][A-Za-z0-9_]*)|index \$?[A-Za-z.]*Params "([A-Za-z_][A-Za-z0-9_]*)"|"Params\.([A-Za-z_][A-Za-z0-9_]*)"`)

func TestEveryShortcodeAndFieldHasAHostileProbe(t *testing.T) {
	root := sitetest.Root()
	tests := testFunctions(t)
	check := func(what, name string, probes map[string]string) {
		probe, ok := probes[name]
		switch {
		case !ok:
			t.Errorf("%s %q has no hostile-input probe: write a test that builds bad values of it and name it in %s (hostile_gate_test.go)", what, name, map[bool]string{true: "shortcodeProbes", false: "frontMatterProbes"}[what == "shortcode"])
		case !tests[probe]:
			t.Errorf("%s %q: its probe %s is not a test in tools/tests", what, name, probe)
		}
	}

	shortcodes, err := filepath.Glob(filepath.Join(root, "layouts", "_shortcodes", "*.html"))
	if err != nil || len(shortcodes) == 0 {
		t.Fatalf("no shortcodes found: %v", err)
	}
	for _, f := range shortcodes {
		check("shortcode", strings.TrimSuffix(filepath.Base(f), ".html"), shortcodeProbes)
	}

	fields := map[string]bool{}
	err = filepath.WalkDir(filepath.Join(root, "layouts"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range paramRead.FindAllStringSubmatch(string(b), -1) {
			for _, g := range m[1:] {
				if g != "" && g != "boda" {
					fields[g] = true
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(fields) == 0 {
		t.Fatal("found no front-matter field read by the templates")
	}
	// Hugo's own fields, read through .Title, .Date, .RelPermalink … and
	// the taxonomies.
	for _, f := range []string{"title", "date", "description", "url", "slug", "weight", "series", "aliases", "summary", "categories",
		"subtitle", "author", "authorLink", "featuredImage", "featuredImagePreview", "hiddenFromHomePage", "hiddenFromSearch", "toc"} {
		fields[f] = true
	}
	names := make([]string, 0, len(fields))
	for f := range fields {
		names = append(names, f)
	}
	sort.Strings(names)
	for _, f := range names {
		check("front-matter field", f, frontMatterProbes)
	}
}

// testFunctions lists the Test functions of tools/tests.
func testFunctions(t *testing.T) map[string]bool {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(sitetest.ToolsDir(), "tests", "*_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?m)^func (Test[A-Za-z0-9_]+)\(t \*testing\.T\)`)
	out := map[string]bool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			out[m[1]] = true
		}
	}
	return out
}
