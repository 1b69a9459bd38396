package main

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/bodasadallah/boda-blog/tools/internal/gen"
	"github.com/bodasadallah/boda-blog/tools/internal/repo"
)

// templates holds the bare baseline layouts and the peer site's config and
// shortcodes.
//
//go:embed all:bare all:peer
var templates embed.FS

// A variant is one way of building the generated content.
type variant string

const (
	ours   variant = "ours"   // the theme, math rendered at build time
	nomath variant = "nomath" // the theme with math delimiters off (TeX stays text)
	bare   variant = "bare"   // a few minimal templates, math and commands as text
	peer   variant = "peer"   // another theme
)

// copyEmbedded copies the embedded folder dir into dst.
func copyEmbedded(dir, dst string) error {
	return fs.WalkDir(templates, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dst, strings.TrimPrefix(strings.TrimPrefix(p, dir), "/"))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := templates.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}

// makeSite writes a site of n generated notes for a variant below dir and
// returns the generator's stats.
func makeSite(env *env, v variant, dir string, n int) (gen.Stats, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return gen.Stats{}, err
	}
	st, err := gen.Write(filepath.Join(dir, "content"), gen.Options{Notes: n, Seed: 1, Profile: env.profile})
	if err != nil {
		return st, err
	}
	switch v {
	case ours, nomath:
		for _, d := range []string{"layouts", "assets", "config", "i18n", "archetypes", "data", "static"} {
			if _, err := os.Stat(filepath.Join(env.root, d)); err == nil {
				if err := repo.CopyTree(filepath.Join(env.root, d), filepath.Join(dir, d)); err != nil {
					return st, err
				}
			}
		}
		for _, f := range []string{"go.mod", "go.sum"} {
			if err := repo.CopyTree(filepath.Join(env.root, f), filepath.Join(dir, f)); err != nil {
				return st, err
			}
		}
		if v == nomath {
			if err := disableMath(filepath.Join(dir, "config", "_default", "markup.toml")); err != nil {
				return st, err
			}
		}
		// Vendor the theme's Hugo modules once, so cold builds measure the
		// build and not a download.
		if err := env.vendor(dir); err != nil {
			return st, err
		}
	case bare:
		for _, f := range []string{"hugo.toml", "markup.toml"} {
			if err := repo.CopyTree(filepath.Join(env.root, "config", "_default", f), filepath.Join(dir, "config", "_default", f)); err != nil {
				return st, err
			}
		}
		if err := repo.CopyTree(filepath.Join(env.root, "config", "production", "hugo.toml"), filepath.Join(dir, "config", "production", "hugo.toml")); err != nil {
			return st, err
		}
		if err := copyEmbedded("bare", dir); err != nil {
			return st, err
		}
	case peer:
		if err := copyEmbedded("peer", dir); err != nil {
			return st, err
		}
		if err := repo.CopyTree(env.peer, filepath.Join(dir, "themes", "peer")); err != nil {
			return st, err
		}
	}
	return st, nil
}

// disableMath turns the passthrough extension off in a site's markup.toml,
// so TeX stays text and no math hook runs.
func disableMath(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	s := string(b)
	const header = "[goldmark.extensions.passthrough]"
	i := strings.Index(s, header)
	j := strings.Index(s[max(i, 0):], "enable = true")
	if i < 0 || j < 0 {
		return fmt.Errorf("%s: no %s with enable = true to turn off", path, header)
	}
	s = s[:i+j] + "enable = false" + s[i+j+len("enable = true"):]
	return os.WriteFile(path, []byte(s), 0o644)
}

// vendor runs `hugo mod vendor` in a site, with a module cache shared by
// every site of the run.
func (e *env) vendor(dir string) error {
	cmd := exec.Command(e.hugo, "mod", "vendor", "--cacheDir", filepath.Join(e.work, "modcache"))
	cmd.Dir = dir
	cmd.Env = e.environ()
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("hugo mod vendor in %s: %v\n%s", dir, err, out)
	}
	return nil
}
