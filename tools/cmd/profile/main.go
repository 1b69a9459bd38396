// Command profile says which templates a build spends its CPU time in.
//
// Hugo's --templateMetrics adds up wall time, counts a template's time
// again in every template that calls it, and puts the rendering of a page's
// content in whichever template asked for it first; on two cores its
// figures say little about CPU. This command builds the pinned Hugo once
// more, with one change: every template execution labels the goroutine
// with the template's name (runtime/pprof labels) and gives the label back
// to the calling template when it returns. A CPU profile of a build then
// says, for each sample, which template was running innermost: its self
// time, callees outside templates (Chroma, KaTeX's cache, Goldmark parsing
// and rendering content that a template asked for, regular expressions,
// allocation) included, callee templates not.
//
// Run it from the repository root on any site:
//
//	go run ./tools/cmd/bench -n 1000 -profile code -write /tmp/nb -cards=false
//	go run ./tools/cmd/profile -source /tmp/nb              # a warm build (math cached)
//	go run ./tools/cmd/profile -source /tmp/nb -top 0 -cpu /tmp/nb.cpu
//
// It builds the site once to fill the cache (-warm=false skips that), then
// builds it again under --profile-cpu and prints the templates by self
// time, first by group (what the templates do: groups.go), then one by
// one. Arguments after -- go to both builds (for example --environment
// production). The patched Hugo is built in a scratch folder from the
// module cache; nothing in the repository changes.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/bodasadallah/boda-blog/tools/internal/repo"
)

// hugoModule is the module whose template store gets the labels.
const hugoModule = "github.com/gohugoio/hugo"

// execAnchor is the line of tpl/tplimpl/templatestore.go (Hugo v0.165.0)
// that runs one template; the patch labels the goroutine around it.
const execAnchor = "\texecErr := t.storeSite.executer.ExecuteWithContext(ctx, ti, wr, data)\n"

// labelsFile is added to Hugo's tplimpl package.
const labelsFile = `package tplimpl

import (
	"context"
	"runtime/pprof"
	"sync"

	"github.com/gohugoio/hugo/tpl"
)

var templateLabels sync.Map

// labelTemplate marks the goroutine as running the named template.
func labelTemplate(name string) {
	c, ok := templateLabels.Load(name)
	if !ok {
		c, _ = templateLabels.LoadOrStore(name, pprof.WithLabels(context.Background(), pprof.Labels("template", name)))
	}
	pprof.SetGoroutineLabels(c.(context.Context))
}

// labelParent gives the label back to the template that called, if any.
func labelParent(parent *tpl.CurrentTemplateInfo) {
	if parent == nil || parent.CurrentTemplateInfoOps == nil {
		pprof.SetGoroutineLabels(context.Background())
		return
	}
	labelTemplate(parent.CurrentTemplateInfoOps.Name())
}
`

func fatalf(format string, a ...any) {
	fmt.Fprintf(os.Stderr, "profile: "+format+"\n", a...)
	os.Exit(1)
}

func main() {
	source := flag.String("source", "", "the site to build (required)")
	cacheDir := flag.String("cacheDir", "", "Hugo's cache folder (default: the site's folder name with -cache, beside it)")
	warm := flag.Bool("warm", true, "build once before the profiled build, so that it reads math and images from the cache")
	top := flag.Int("top", 30, "templates to print (0: all)")
	cpu := flag.String("cpu", "", "keep the CPU profile in this file (read it with go tool pprof -tags)")
	flag.Parse()
	if *source == "" {
		fatalf("-source is required: the folder of a Hugo site, e.g. one written by go run ./tools/cmd/bench -n 1000 -write /tmp/nb")
	}
	site, err := filepath.Abs(*source)
	if err != nil {
		fatalf("%v", err)
	}
	if *cacheDir == "" {
		*cacheDir = strings.TrimRight(site, string(filepath.Separator)) + "-cache"
	}
	root, err := repo.Root()
	if err != nil {
		fatalf("%v", err)
	}
	work, err := os.MkdirTemp("", "boda-profile-")
	if err != nil {
		fatalf("%v", err)
	}
	defer os.RemoveAll(work)

	bin := buildLabelledHugo(root, work)
	profile := filepath.Join(work, "cpu.prof")
	if *cpu != "" {
		if profile, err = filepath.Abs(*cpu); err != nil {
			fatalf("%v", err)
		}
	}
	args := []string{"--source", site, "--cacheDir", *cacheDir, "--destination", filepath.Join(work, "public"), "--quiet"}
	args = append(args, flag.Args()...)
	if *warm {
		run(bin, args...)
	}
	start := time.Now()
	run(bin, append(args, "--profile-cpu", profile)...)
	fmt.Printf("profiled build of %s: %.1f s wall\n\n", site, time.Since(start).Seconds())

	out, err := exec.Command("go", "tool", "pprof", "-tags", bin, profile).Output()
	if err != nil {
		fatalf("go tool pprof -tags: %v", err)
	}
	rep, err := parseTags(string(out))
	if err != nil {
		fatalf("%v", err)
	}
	fmt.Print(rep.format(*top))
}

// buildLabelledHugo copies the pinned Hugo module out of the module cache,
// patches its template store and builds tools/cmd/hugo against the copy.
func buildLabelledHugo(root, work string) string {
	tools := filepath.Join(root, "tools")
	dir := goOutput(tools, "list", "-m", "-f", "{{.Dir}}", hugoModule)
	if dir == "" {
		fatalf("go list -m %s: no folder (run go mod download in tools/)", hugoModule)
	}
	copyDir := filepath.Join(work, "hugo")
	if err := repo.CopyTree(dir, copyDir); err != nil {
		fatalf("copying %s: %v", dir, err)
	}
	store := filepath.Join(copyDir, "tpl", "tplimpl", "templatestore.go")
	src, err := os.ReadFile(store)
	if err != nil {
		fatalf("%v", err)
	}
	patched, err := patchStore(string(src))
	if err != nil {
		fatalf("%s: %v", store, err)
	}
	if err := os.WriteFile(store, []byte(patched), 0o644); err != nil {
		fatalf("%v", err)
	}
	if err := os.WriteFile(filepath.Join(copyDir, "tpl", "tplimpl", "zz_profile_labels.go"), []byte(labelsFile), 0o644); err != nil {
		fatalf("%v", err)
	}

	// The tools module's own go.mod and go.sum, with Hugo replaced by the copy.
	mod, err := os.ReadFile(filepath.Join(tools, "go.mod"))
	if err != nil {
		fatalf("%v", err)
	}
	mod = append(mod, []byte(fmt.Sprintf("\nreplace %s => %s\n", hugoModule, copyDir))...)
	modFile := filepath.Join(work, "go.mod")
	if err := os.WriteFile(modFile, mod, 0o644); err != nil {
		fatalf("%v", err)
	}
	sum, err := os.ReadFile(filepath.Join(tools, "go.sum"))
	if err != nil {
		fatalf("%v", err)
	}
	if err := os.WriteFile(filepath.Join(work, "go.sum"), sum, 0o644); err != nil {
		fatalf("%v", err)
	}
	bin := filepath.Join(work, "hugo-labelled")
	fmt.Fprintln(os.Stderr, "profile: building Hugo with a profiler label per template (a minute or two the first time)")
	cmd := exec.Command("go", "build", "-modfile", modFile, "-o", bin, "./cmd/hugo")
	cmd.Dir = tools
	cmd.Env = append(os.Environ(), "GOWORK=off")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		fatalf("building the labelled Hugo: %v", err)
	}
	return bin
}

// patchStore labels the goroutine around the one call that runs a template.
func patchStore(src string) (string, error) {
	if n := strings.Count(src, execAnchor); n != 1 {
		return "", fmt.Errorf("found the line that runs a template %d times, want once: Hugo's template store has changed, update execAnchor and the patch in tools/cmd/profile", n)
	}
	return strings.Replace(src, execAnchor, "\tlabelTemplate(templ.Name())\n"+execAnchor+"\tlabelParent(parent)\n", 1), nil
}

func goOutput(dir string, args ...string) string {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		fatalf("go %s: %v", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(string(out))
}

func run(bin string, args ...string) {
	cmd := exec.Command(bin, args...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = os.Stderr, &stderr
	if err := cmd.Run(); err != nil {
		os.Stderr.Write(stderr.Bytes())
		fatalf("hugo %s: %v", strings.Join(args, " "), err)
	}
}

// report is the profile's samples by the template running innermost.
type report struct {
	total, labelled time.Duration
	rows            []row
}

type row struct {
	name string
	self time.Duration
}

var (
	totalRe = regexp.MustCompile(`^\s*template: Total (\S+) of (\S+) `)
	rowRe   = regexp.MustCompile(`^\s+(\S+) \(\s*[0-9.]+%\): (.+)$`)
)

// parseTags reads the output of go tool pprof -tags for the label
// "template".
func parseTags(out string) (report, error) {
	var r report
	in := false
	for _, line := range strings.Split(out, "\n") {
		if m := totalRe.FindStringSubmatch(line); m != nil {
			var err error
			if r.labelled, err = parseDuration(m[1]); err != nil {
				return r, err
			}
			if r.total, err = parseDuration(m[2]); err != nil {
				return r, err
			}
			in = true
			continue
		}
		if !in {
			continue
		}
		m := rowRe.FindStringSubmatch(line)
		if m == nil {
			in = strings.TrimSpace(line) == ""
			if !in {
				break
			}
			continue
		}
		d, err := parseDuration(m[1])
		if err != nil {
			return r, err
		}
		r.rows = append(r.rows, row{name: strings.TrimSpace(m[2]), self: d})
	}
	if r.total == 0 || len(r.rows) == 0 {
		return r, fmt.Errorf("no sample carries a template label: the build was too short to sample, or the patch did not take")
	}
	return r, nil
}

// parseDuration reads pprof's durations: 240.50s, 810ms, 90us, 1.20hrs.
func parseDuration(s string) (time.Duration, error) {
	s = strings.Replace(s, "hrs", "h", 1)
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("go tool pprof printed %q, not a duration", s)
	}
	return d, nil
}

func (r report) format(top int) string {
	var b strings.Builder
	pct := func(d time.Duration) float64 { return 100 * d.Seconds() / r.total.Seconds() }
	fmt.Fprintf(&b, "CPU samples: %.2f s\n", r.total.Seconds())
	fmt.Fprintf(&b, "  in templates: %.2f s (%.1f %%), each sample counted for the template running innermost\n", r.labelled.Seconds(), pct(r.labelled))
	out := r.total - r.labelled
	fmt.Fprintf(&b, "  outside any:  %.2f s (%.1f %%), Hugo's work between templates, the collector's background marking, writing files\n\n", out.Seconds(), pct(out))
	b.WriteString(r.formatGroups())
	b.WriteString("\n")
	fmt.Fprintf(&b, "%10s %7s  %s\n", "self CPU", "share", "template")
	rows := r.rows
	if top > 0 && len(rows) > top {
		rows = rows[:top]
	}
	var shown time.Duration
	for _, x := range rows {
		fmt.Fprintf(&b, "%8.2f s %5.1f %%  %s\n", x.self.Seconds(), pct(x.self), x.name)
		shown += x.self
	}
	if rest := len(r.rows) - len(rows); rest > 0 {
		fmt.Fprintf(&b, "%8.2f s %5.1f %%  (%d more templates)\n", (r.labelled - shown).Seconds(), pct(r.labelled-shown), rest)
	}
	return b.String()
}
