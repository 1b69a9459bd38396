package tests

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// TestProfileCommandAttributesTemplates runs go run ./tools/cmd/profile on
// a generated code-heavy site and checks its table: most of the CPU is in
// templates, the rows add up to that, the code block's component carries
// Chroma's time and the head's JSON-LD the rendering of the content it asks
// for (.WordCount), and no template takes more than half: each sample is
// counted for the template running innermost, not for page.html. The
// table by group adds up to the same time.
func TestProfileCommandAttributesTemplates(t *testing.T) {
	if testing.Short() {
		t.Skip("builds Hugo with profiler labels and a generated site twice")
	}
	sitetest.Slow(t)
	site := filepath.Join(t.TempDir(), "nb")
	runBench(t, "-n", "200", "-profile", "code", "-cards=false", "-write", site)
	cmd := exec.Command("go", "run", "./tools/cmd/profile", "-source", site, "-top", "0")
	cmd.Dir = sitetest.Root()
	var stderr strings.Builder
	cmd.Stderr = &stderr
	b, err := cmd.Output()
	out := string(b)
	if err != nil {
		t.Fatalf("go run ./tools/cmd/profile: %v\n%s\n%s", err, out, stderr.String())
	}
	num := func(s string) float64 {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("%q: %v\n%s", s, err, out)
		}
		return f
	}
	m := regexp.MustCompile(`(?m)^  in templates: ([\d.]+) s \(([\d.]+) %\)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no share in templates:\n%s", out)
	}
	inTemplates, share := num(m[1]), num(m[2])
	if share < 50 {
		t.Errorf("%.1f %% of the CPU in templates, want most of it: are the labels set?\n%s", share, out)
	}
	rows := regexp.MustCompile(`(?m)^ +([\d.]+) s +([\d.]+) %  (\S+)$`).FindAllStringSubmatch(out, -1)
	sum := 0.0
	self := map[string]float64{}
	for _, r := range rows {
		sum += num(r[1])
		self[r[3]] = num(r[2])
		if num(r[2]) > 50 {
			t.Errorf("%s takes %s %% alone: samples are not counted for the innermost template\n%s", r[3], r[2], out)
		}
	}
	if d := sum - inTemplates; d > 0.01*float64(len(rows))+0.01 || d < -0.01*float64(len(rows))-0.01 {
		t.Errorf("the rows add up to %.2f s, the total in templates is %.2f s\n%s", sum, inTemplates, out)
	}
	// The same time by group: the groups add up to the time in templates,
	// and the marked ones to the share printed under them.
	groups := regexp.MustCompile(`(?m)^ +([\d.]+) s +([\d.]+) % ([ *]) (\S.*)$`).FindAllStringSubmatch(out, -1)
	gsum, own := 0.0, 0.0
	for _, g := range groups {
		if g[4] == "outside any template" {
			continue
		}
		gsum += num(g[1])
		if g[3] == "*" {
			own += num(g[1])
		}
	}
	if len(groups) < 10 || gsum-inTemplates > 0.01*float64(len(groups)) || inTemplates-gsum > 0.01*float64(len(groups)) {
		t.Errorf("%d groups add up to %.2f s, the total in templates is %.2f s\n%s", len(groups), gsum, inTemplates, out)
	}
	m = regexp.MustCompile(`(?m)^groups marked \*: ([\d.]+) s, `).FindStringSubmatch(out)
	if m == nil || num(m[1])-own > 0.01*float64(len(groups)) || own-num(m[1]) > 0.01*float64(len(groups)) || own == 0 {
		t.Errorf("the marked groups add up to %.2f s, the command says %v\n%s", own, m, out)
	}
	for _, name := range []string{"_partials/components/code.html", "_partials/head/jsonld.html"} {
		if self[name] < 1 {
			t.Errorf("%s has %.1f %% of the CPU, want at least 1 %%\n%s", name, self[name], out)
		}
	}
}
