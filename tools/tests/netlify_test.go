package tests

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
	"github.com/pelletier/go-toml/v2"
	"golang.org/x/mod/modfile"
)

type netlifyConfig struct {
	Build struct {
		Command     string            `toml:"command"`
		Publish     string            `toml:"publish"`
		Environment map[string]string `toml:"environment"`
	} `toml:"build"`
	Context map[string]struct {
		Command string `toml:"command"`
	} `toml:"context"`
}

func readNetlify(t *testing.T) netlifyConfig {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sitetest.Root(), "netlify.toml"))
	if err != nil {
		t.Fatal(err)
	}
	var c netlifyConfig
	if err := toml.Unmarshal(b, &c); err != nil {
		t.Fatalf("netlify.toml: %v", err)
	}
	return c
}

// pinnedHugo is the Hugo version required by tools/go.mod, without the "v".
func pinnedHugo(t *testing.T) string {
	t.Helper()
	path := filepath.Join(sitetest.ToolsDir(), "go.mod")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := modfile.Parse(path, b, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range f.Require {
		if r.Mod.Path == "github.com/gohugoio/hugo" {
			return strings.TrimPrefix(r.Mod.Version, "v")
		}
	}
	t.Fatal("tools/go.mod does not require github.com/gohugoio/hugo")
	return ""
}

func TestNetlifyHugoVersionMatchesPin(t *testing.T) {
	c := readNetlify(t)
	pin := pinnedHugo(t)
	if got := c.Build.Environment["HUGO_VERSION"]; got != pin {
		t.Errorf("netlify.toml HUGO_VERSION = %q, tools/go.mod pins Hugo %q: change both together", got, pin)
	}
	if pin != "0.165.0" {
		t.Errorf("tools/go.mod pins Hugo %s; this project is built and tested on 0.165.0", pin)
	}
}

func TestNetlifyBuildsTheSite(t *testing.T) {
	c := readNetlify(t)
	if c.Build.Publish != "public" {
		t.Errorf("publish = %q, want public", c.Build.Publish)
	}
	if !strings.HasPrefix(c.Build.Command, "hugo --gc --minify") {
		t.Errorf("build command %q does not start with hugo --gc --minify", c.Build.Command)
	}
	if c.Build.Environment["HUGO_ENVIRONMENT"] != "production" {
		t.Errorf("HUGO_ENVIRONMENT is not production")
	}
	if c.Build.Environment["GO_VERSION"] == "" {
		t.Errorf("GO_VERSION is missing: Hugo needs Go to fetch its modules")
	}
	for _, ctx := range []string{"deploy-preview", "branch-deploy"} {
		if !strings.Contains(c.Context[ctx].Command, "$DEPLOY_PRIME_URL") {
			t.Errorf("context %s does not build with the preview URL", ctx)
		}
	}
}
