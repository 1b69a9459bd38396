package tests

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bodasadallah/boda-blog/tools/internal/browser"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// buildOutputs are the only paths a build or the server may leave in a
// checkout; .gitignore lists them.
var buildOutputs = []string{"public/", "resources/", ".hugo_build.lock"}

// TestBuildLeavesTheCheckoutClean: in a fresh checkout (a git repository of
// the tracked files), a build and a run of the server change no tracked
// file and write nothing but their outputs, not even an ignored file such
// as the assets/jsconfig.json Hugo would write with a path of the build
// machine.
func TestBuildLeavesTheCheckoutClean(t *testing.T) {
	dir := checkout(t)
	out, err := sitetest.Run(t, dir, nil, "--gc", "--minify")
	if err != nil {
		t.Fatalf("the build failed: %v\n%s", err, out)
	}
	assertClean(t, dir, "hugo --gc --minify")

	serve(t, dir)
	assertClean(t, dir, "hugo server")
}

// checkout copies the working tree's tracked files (and new ones not yet
// ignored) into a fresh git repository with one commit.
func checkout(t *testing.T) string {
	t.Helper()
	sitetest.Slow(t)
	root := sitetest.Root()
	list := git(t, root, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	dir := t.TempDir()
	for _, name := range strings.Split(strings.TrimRight(list, "\x00"), "\x00") {
		data, err := os.ReadFile(filepath.Join(root, name))
		if os.IsNotExist(err) {
			continue // deleted in the working tree
		}
		if err != nil {
			t.Fatal(err)
		}
		sitetest.WriteFiles(t, dir, map[string]string{name: string(data)})
	}
	git(t, dir, "init", "-q")
	git(t, dir, "add", "-A")
	git(t, dir, "-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "checkout")
	return dir
}

// assertClean fails the test when git sees a change in dir, or an ignored
// file that is not a build output.
func assertClean(t *testing.T, dir, after string) {
	t.Helper()
	if st := git(t, dir, "status", "--porcelain"); st != "" {
		t.Errorf("after %s, git status is not clean:\n%s", after, st)
	}
	for _, line := range strings.Split(strings.TrimSpace(git(t, dir, "status", "--porcelain", "--ignored")), "\n") {
		path := strings.TrimPrefix(line, "!! ")
		if line == "" || isBuildOutput(path) {
			continue
		}
		t.Errorf("after %s, the checkout holds %q, which is not a build output: generated files belong in public/ or resources/, not among the sources", after, path)
	}
}

func isBuildOutput(path string) bool {
	for _, o := range buildOutputs {
		if path == o || (strings.HasSuffix(o, "/") && strings.HasPrefix(path, o)) {
			return true
		}
	}
	return false
}

// serve runs `hugo server` in dir until it has built the site once.
func serve(t *testing.T, dir string) {
	t.Helper()
	ln, _ := browser.Listen(t)
	port := ln.Addr().String()[strings.LastIndex(ln.Addr().String(), ":")+1:]
	ln.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, sitetest.Hugo(t), "server", "--port", port, "--bind", "127.0.0.1", "--noHTTPCache")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "BODA_DEVSEARCH=off")
	cmd.WaitDelay = 5 * time.Second
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var log strings.Builder
	ready := false
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		fmt.Fprintln(&log, sc.Text())
		if strings.Contains(sc.Text(), "Web Server is available") {
			ready = true
			break
		}
	}
	cmd.Process.Signal(os.Interrupt)
	cmd.Wait()
	if !ready {
		t.Fatalf("hugo server did not start:\n%s", log.String())
	}
}

// git runs git in dir and returns its output.
func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git %s: %v", strings.Join(args, " "), err)
	}
	return string(out)
}
