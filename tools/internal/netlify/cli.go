package netlify

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bodasadallah/boda-blog/tools/internal/npm"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

var (
	envOnce sync.Once
	envBase []string
	envErr  error
)

// cliEnv is the environment every run of the CLI gets: the pinned Hugo
// first on PATH (the build command calls plain `hugo`), a config folder of
// its own in which telemetry is switched off before the first run, no
// update check and no browser to open.
func cliEnv(t testing.TB) []string {
	t.Helper()
	cli := npm.Bin(t, "netlify")
	hugo := sitetest.Hugo(t)
	envOnce.Do(func() {
		var bin, config string
		if bin, envErr = sitetest.MakeProcessTempDir("netlify-bin"); envErr != nil {
			return
		}
		if envErr = os.Symlink(hugo, filepath.Join(bin, "hugo")); envErr != nil {
			return
		}
		if config, envErr = sitetest.MakeProcessTempDir("netlify-config"); envErr != nil {
			return
		}
		// Go keeps its own settings under the same folder by default; keep
		// them where they were.
		goenv, _ := exec.Command("go", "env", "GOENV").Output()
		envBase = []string{
			"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH"),
			"XDG_CONFIG_HOME=" + config,
			"GOENV=" + strings.TrimSpace(string(goenv)),
			"NO_UPDATE_NOTIFIER=1",
			"BROWSER=none",
			// Plain text: under CI=true the CLI would colour its output,
			// and escape codes split what the tests read in it.
			"NO_COLOR=1",
			"FORCE_COLOR=0",
		}
		cmd := exec.Command(cli, "--telemetry-disable")
		cmd.Env = append(os.Environ(), envBase...)
		if out, err := cmd.CombinedOutput(); err != nil {
			envErr = fmt.Errorf("netlify --telemetry-disable: %v\n%s", err, out)
		}
	})
	if envErr != nil {
		t.Fatal(envErr)
	}
	return append(os.Environ(), envBase...)
}

// BuildResult is a finished `netlify build`.
type BuildResult struct {
	sitetest.Result
	// DeployPrimeURL is the URL the CLI gave the build in DEPLOY_PRIME_URL:
	// https://<branch>--<site name>.netlify.app, where the site name is
	// "site-name" for a site not linked to an account.
	DeployPrimeURL string
}

// Build copies the site into a fresh folder, makes it a git repository on
// the given branch (Netlify builds a clone; Hugo's enableGitInfo reads it)
// with the root node_modules beside it (a deploy's npm install), and runs
// `netlify build --offline --context <context>` there. The copy is made in
// dir ("": a temporary folder of the test). It fails the test if the build
// fails or Hugo warns.
func Build(t testing.TB, context, branch, dir string) *BuildResult {
	t.Helper()
	env := cliEnv(t)
	site := npm.SiteModules(t)
	if dir == "" {
		dir = t.TempDir()
	}
	sitetest.CopyTree(t, sitetest.Root(), dir, ".git", "tools", "public", "resources", "node_modules", ".ci")
	if err := os.Symlink(site, filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	gitEnv := append(os.Environ(), "GIT_AUTHOR_NAME=Boda Blog tests", "GIT_AUTHOR_EMAIL=tests@example.com",
		"GIT_COMMITTER_NAME=Boda Blog tests", "GIT_COMMITTER_EMAIL=tests@example.com")
	for _, args := range [][]string{{"init", "-q", "-b", branch}, {"add", "-A"}, {"commit", "-q", "-m", "site"}} {
		cmd := exec.Command("git", args...)
		cmd.Dir, cmd.Env = dir, gitEnv
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	out, err := run(t, dir, env, 10*time.Minute, "build", "--offline", "--context", context)
	if err != nil {
		t.Fatalf("netlify build --offline --context %s: %v\n%s", context, err, out)
	}
	if m := regexp.MustCompile(`(?m)^(WARN|ERROR) .*`).FindString(out); m != "" {
		t.Errorf("netlify build --context %s: Hugo said %q\n%s", context, m, out)
	}
	return &BuildResult{
		Result:         sitetest.Result{Public: filepath.Join(dir, "public"), Output: out},
		DeployPrimeURL: "https://" + branch + "--site-name.netlify.app",
	}
}

// run runs the CLI in dir and returns its combined output.
func run(t testing.TB, dir string, env []string, timeout time.Duration, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, npm.Bin(t, "netlify"), args...)
	cmd.Dir, cmd.Env = dir, env
	cmd.WaitDelay = 5 * time.Second
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return ansiEscape.ReplaceAllString(out.String(), ""), err
}

// ansiEscape matches a terminal colour code, in case the CLI colours its
// output anyway.
var ansiEscape = regexp.MustCompile("\x1b\\[[0-9;]*m")
