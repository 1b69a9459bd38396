package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/bodasadallah/boda-blog/tools/internal/gen"
)

// env is what every measurement shares.
type env struct {
	root    string      // the repository root
	hugo    string      // the pinned Hugo binary
	work    string      // a scratch folder for sites, caches and output
	peer    string      // another theme's folder, or ""
	profile gen.Profile // what every generated note holds
	noCards bool        // build with the social cards off
	// extraEnv is added to every Hugo's environment.
	extraEnv []string
	seq      int
}

func (e *env) environ() []string {
	// Generated sites have no git history; the pinned Hugo would turn git
	// info off itself, but says so on every run.
	env := append(os.Environ(), "HUGO_ENABLEGITINFO=false")
	if e.noCards {
		env = append(env, "HUGO_PARAMS_BODA_SOCIALCARDS_ENABLE=false")
	}
	return append(env, e.extraEnv...)
}

// tempDir returns a new folder below the scratch folder.
func (e *env) tempDir(prefix string) string {
	e.seq++
	d := filepath.Join(e.work, fmt.Sprintf("%s-%03d", prefix, e.seq))
	if err := os.MkdirAll(d, 0o755); err != nil {
		fatalf("%v", err)
	}
	return d
}

// A build is one measured run of Hugo.
type build struct {
	wall   time.Duration
	cpu    time.Duration // user + system time of Hugo
	maxRSS int64         // peak resident memory of Hugo, bytes
	pages  int           // pages and paginator pages Hugo reports
	bytes  int64         // size of the published folder
	files  int
	output string
}

func (b build) pagesPerSecond() float64 { return float64(b.pages) / b.wall.Seconds() }

var pagesRe = regexp.MustCompile(`(?m)^\s*(Pages|Paginator pages)\s*│\s*(\d+)`)

// hugoBuild builds site with the cache folder cache (a fresh one makes a
// cold build) into a fresh destination, measures it and removes the output.
func (e *env) hugoBuild(site, cache string, extra ...string) (build, error) {
	dest := e.tempDir("public")
	defer os.RemoveAll(dest)
	return e.hugoBuildInto(site, cache, dest, extra...)
}

// hugoBuildInto builds like hugoBuild into dest and leaves the output there.
func (e *env) hugoBuildInto(site, cache, dest string, extra ...string) (build, error) {
	args := append([]string{"--source", site, "--destination", dest, "--cacheDir", cache, "--logLevel", "warn"}, extra...)
	cmd := exec.Command(e.hugo, args...)
	cmd.Dir = site
	cmd.Env = e.environ()
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	b := build{wall: time.Since(start), output: out.String()}
	if err != nil {
		return b, fmt.Errorf("hugo %s: %v\n%s", strings.Join(args, " "), err, tail(out.String(), 40))
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		b.maxRSS = ru.Maxrss * 1024 // kilobytes on Linux
		b.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	for _, m := range pagesRe.FindAllStringSubmatch(b.output, -1) {
		n, _ := strconv.Atoi(m[2])
		b.pages += n
	}
	b.bytes, b.files, err = du(dest)
	return b, err
}

// du returns the bytes and the number of files below dir.
func du(dir string) (bytes int64, files int, err error) {
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err == nil {
			bytes += info.Size()
			files++
		}
		return err
	})
	return bytes, files, err
}

// run runs a command and measures it like a build.
func (e *env) run(name string, args ...string) (build, error) {
	cmd := exec.Command(name, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	b := build{wall: time.Since(start), output: out.String()}
	if err != nil {
		return b, fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, tail(out.String(), 40))
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		b.maxRSS = ru.Maxrss * 1024
		b.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	return b, nil
}

func tail(s string, lines int) string {
	l := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(l[max(0, len(l)-lines):], "\n")
}

// builds collects the runs of one variant.
type builds []build

func (bs builds) median(f func(build) float64) float64 {
	v := make([]float64, len(bs))
	for i, b := range bs {
		v[i] = f(b)
	}
	return median(v)
}

func (bs builds) wall() float64 { return bs.median(func(b build) float64 { return b.wall.Seconds() }) }
func (bs builds) cpu() float64  { return bs.median(func(b build) float64 { return b.cpu.Seconds() }) }
func (bs builds) peakRSS() int64 {
	var m int64
	for _, b := range bs {
		m = max(m, b.maxRSS)
	}
	return m
}

// templateMetrics returns the first rows of the template metrics table
// Hugo prints with --templateMetrics --templateMetricsHints (sorted by
// cumulative time), with its header.
func templateMetrics(output string, rows int) []string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(output))
	in := false
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.Contains(line, "cumulative") || strings.Contains(line, "template") && strings.Contains(line, "duration"):
			out = append(out, line)
		case strings.Contains(line, "----------"):
			out = append(out, line)
			in = true
		case in && strings.TrimSpace(line) == "":
			in = false
		case in && len(out) < rows+3:
			out = append(out, line)
		}
	}
	return out
}
