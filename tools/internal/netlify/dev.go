package netlify

import (
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/bodasadallah/boda-blog/tools/internal/npm"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// Server is a running `netlify dev`.
type Server struct {
	Base string // http://127.0.0.1:<port>, no trailing slash
	log  *sitetest.Log
}

// Log is what the CLI has printed so far.
func (s *Server) Log() string { return s.log.String() }

// FreePort returns a 127.0.0.1 port that nothing listens on now, for a site
// that must be built for the URL it will be served at.
func FreePort(t testing.TB) int { return sitetest.FreePort(t) }

// Serve serves the built site in public with `netlify dev --offline
// --internal-disable-edge-functions --dir public` on port (0: a free one)
// until the test ends, under the given netlify.toml text ("": the
// repository's). It returns once the server answers as Netlify.
//
// Two things it serves differently from a deploy: its local file server
// sends its own cache-control (see the package comment), and when a
// redirect rule matches the path (a catch-all 404 rule matches every path)
// it matches header rules against the file it serves, "/notes/" as
// "/notes/index.html", where a deploy matches the URL path.
// TestNetlifyMatchesHeaderPathsItsOwnWay shows the second.
func Serve(t testing.TB, public string, port int, config string) *Server {
	t.Helper()
	env := cliEnv(t)
	if port == 0 {
		port = FreePort(t)
	}
	if config == "" {
		b, err := os.ReadFile(filepath.Join(sitetest.Root(), "netlify.toml"))
		if err != nil {
			t.Fatal(err)
		}
		config = string(b)
	}
	// The CLI reads netlify.toml from, and writes .netlify/ into, its
	// working folder.
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "netlify.toml"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(public, filepath.Join(dir, "public")); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(npm.Bin(t, "netlify"), "dev", "--offline", "--internal-disable-edge-functions",
		"--dir", "public", "--port", strconv.Itoa(port), "--no-open", "--skip-gitignore")
	cmd.Dir, cmd.Env = dir, env
	// Stopped with the test process too, if that dies first.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	s := &Server{Base: "http://127.0.0.1:" + strconv.Itoa(port), log: &sitetest.Log{}}
	cmd.Stdout, cmd.Stderr = s.log, s.log
	exited := sitetest.StartGroup(t, cmd, syscall.SIGTERM, 10*time.Second)

	client := &http.Client{Timeout: 5 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	deadline := time.Now().Add(2 * time.Minute)
	for {
		select {
		case <-exited:
			t.Fatalf("netlify dev stopped before it served:\n%s", s.Log())
		default:
		}
		if resp, err := client.Get(s.Base + "/"); err == nil {
			resp.Body.Close()
			if resp.Header.Get("Server") == "Netlify" {
				return s
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("netlify dev did not answer on %s within 2 minutes:\n%s", s.Base, s.Log())
		}
		time.Sleep(250 * time.Millisecond)
	}
}
