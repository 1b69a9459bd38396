package tests

import (
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// TestCmdPositionalArgumentIsOneError: the command written as an argument
// gets one message that shows where the command goes, and no template
// trace or second, bogus error after it.
func TestCmdPositionalArgumentIsOneError(t *testing.T) {
	r, err := fastNotes(t, map[string]string{"bad.md": "---\ntitle: Bad\ndescription: d\ndate: 2024-01-01\n---\n\n{{< cmd \"ls\" >}}{{< /cmd >}}\n"})
	if err == nil {
		t.Fatal("the build passed")
	}
	want := `bad.md:7:1": cmd takes named options only (desc, warn, prompt, lang, title), got "ls". The command goes between the tags, and options are named: {{< cmd desc="what it does" >}}ls{{< /cmd >}}`
	if !strings.Contains(r.Output, want) {
		t.Errorf("no error %q:\n%s", want, r.Output)
	}
	for _, noise := range []string{"has no option", "has no command", "execute of template failed", `\x00`} {
		if strings.Contains(r.Output, noise) {
			t.Errorf("the build also printed %q:\n%s", noise, r.Output)
		}
	}
}

// TestCmdWarnYes: warn="yes" means the default warning, as warn="true"
// does, on the page and in the Markdown copy; warn="no" is an error.
func TestCmdWarnYes(t *testing.T) {
	r, err := fastNotes(t, map[string]string{"yes.md": "---\ntitle: Yes\ndescription: d\ndate: 2024-01-01\n---\n\n{{< cmd warn=\"yes\" >}}\nrm -rf build\n{{< /cmd >}}\n"})
	if err != nil {
		t.Fatalf("build failed: %v\n%s", err, r.Output)
	}
	doc := r.Page(t, "/notes/yes/")
	warn := doc.All(sitetest.Class("boda-cmd__warning"))
	if len(warn) != 1 || strings.Contains(sitetest.Text(warn[0]), "yes") {
		t.Errorf("warn=\"yes\" is not the default warning: %q", textOf(warn))
	}
	if md := r.File(t, "notes/yes/index.md"); strings.Contains(md, "** yes") {
		t.Errorf("the Markdown copy prints yes as the warning:\n%s", md)
	}
	r, err = fastNotes(t, map[string]string{"no.md": "---\ntitle: No\ndescription: d\ndate: 2024-01-01\n---\n\n{{< cmd warn=\"no\" >}}\nls\n{{< /cmd >}}\n"})
	if err == nil || !strings.Contains(r.Output, `no.md:7:1": cmd warn="no" does nothing`) {
		t.Errorf("warn=\"no\" is not an error at no.md:7: %v\n%s", err, r.Output)
	}
}
