// Command hugo is the project's pinned Hugo: the Hugo version required in
// tools/go.mod, run as `go tool hugo …` from the repository root.
//
// It behaves exactly like Hugo, with two additions:
//
//   - When the site has no git history (a tarball, a fresh `git init`), it
//     turns off enableGitInfo for the run instead of failing, so updated
//     dates come from front matter. Set HUGO_ENABLEGITINFO yourself to decide
//     either way.
//   - `hugo server` gets search: Pagefind (installed from package.json)
//     indexes the pages the server writes, and again after each rebuild
//     (search.go). BODA_DEVSEARCH=off turns this off.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"strings"

	"github.com/gohugoio/hugo/commands"
	"github.com/gohugoio/hugo/common/herrors"
	"github.com/gohugoio/hugo/common/loggers"
)

func main() {
	args := os.Args[1:]
	if _, set := os.LookupEnv("HUGO_ENABLEGITINFO"); !set && !hasGitHistory(sourceDir(args)) {
		os.Setenv("HUGO_ENABLEGITINFO", "false")
		if !quiet(args) {
			fmt.Fprintln(os.Stderr, "hugo: no git history here; updated dates come from front matter (enableGitInfo off for this run)")
		}
	}
	stopSearch := devSearch(args)
	err := commands.Execute(args)
	stopSearch()
	if err != nil {
		for _, e := range herrors.Errors(err) {
			loggers.Log().Errorf("%s", e)
		}
		os.Exit(1)
	}
}

// sourceDir returns the directory given with -s or --source, else ".".
func sourceDir(args []string) string {
	for i, a := range args {
		switch {
		case (a == "-s" || a == "--source") && i+1 < len(args):
			return args[i+1]
		case strings.HasPrefix(a, "--source="):
			return strings.TrimPrefix(a, "--source=")
		case strings.HasPrefix(a, "-s="):
			return strings.TrimPrefix(a, "-s=")
		}
	}
	return "."
}

// hasGitHistory reports whether dir is inside a git work tree with at least
// one commit.
func hasGitHistory(dir string) bool {
	cmd := exec.Command("git", "-C", dir, "rev-parse", "--verify", "--quiet", "HEAD")
	cmd.Stdout, cmd.Stderr = nil, nil
	return cmd.Run() == nil
}

func quiet(args []string) bool {
	for _, a := range args {
		if a == "--quiet" || a == "-q" || a == "version" || a == "env" {
			return true
		}
	}
	return false
}
