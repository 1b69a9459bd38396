// Package netlify runs Netlify's own CLI (the npm package netlify-cli,
// pinned in tools/npm/package.json), offline and with no account, so that
// what the tests assert about the deploy is Netlify's behaviour, not a
// reading of netlify.toml:
//
//   - Build runs `netlify build --offline --context <name>` in a copy of the
//     site, with the pinned Hugo first on PATH: the CLI picks the context's
//     command and environment and sets DEPLOY_PRIME_URL itself.
//   - Serve runs `netlify dev --offline --internal-disable-edge-functions
//     --dir public` over a built site: Netlify's header rules, redirects and
//     404 handling answer every request.
//   - Headers asks the CLI's own header matching (the code `netlify dev`
//     runs) which rules of a netlify.toml apply to each path.
//
// What the CLI cannot give, and this package therefore still does itself:
//
//   - Cache-Control as a deploy sends it. `netlify dev` serves files through
//     a local static server whose own "cache-control: public, max-age=0"
//     replaces the value of a matching rule, which real Netlify sends. So
//     the Cache-Control of a path comes from Headers (the CLI's matching of
//     the rules), not from a response of Serve.
//   - The few build settings a test compares with the rest of the
//     repository (HUGO_VERSION with the Hugo pinned in tools/go.mod, the
//     preview commands with the production one): plain TOML, read by Load.
//   - A throwaway copy of the site with a git repository of its own, since
//     the build writes next to netlify.toml and Hugo's enableGitInfo needs
//     git, and a throwaway config folder, so the CLI records nothing in the
//     user's home and its telemetry is off.
package netlify

import (
	"fmt"
	"maps"
	"os"

	"github.com/pelletier/go-toml/v2"
)

// Config is the part of netlify.toml that the tests compare with the rest
// of the repository.
type Config struct {
	Build    Context            `toml:"build"`
	Contexts map[string]Context `toml:"context"`
}

// Context is [build] or one [context.<name>] table.
type Context struct {
	Command     string            `toml:"command"`
	Publish     string            `toml:"publish"`
	Environment map[string]string `toml:"environment"`
}

// Load reads a netlify.toml.
func Load(path string) (*Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var c Config
	if err := toml.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("netlify.toml: %w", err)
	}
	return &c, nil
}

// Context returns [build] with a context's settings laid over it, as a
// field-by-field reading of the file gives them (the tests run the CLI for
// what a build does with them).
func (c *Config) Context(name string) Context {
	out := Context{Command: c.Build.Command, Publish: c.Build.Publish, Environment: maps.Clone(c.Build.Environment)}
	if out.Environment == nil {
		out.Environment = map[string]string{}
	}
	ctx, ok := c.Contexts[name]
	if !ok {
		return out
	}
	if ctx.Command != "" {
		out.Command = ctx.Command
	}
	if ctx.Publish != "" {
		out.Publish = ctx.Publish
	}
	maps.Copy(out.Environment, ctx.Environment)
	return out
}
