// Package tmplfmt formats Hugo templates with Prettier and its Go-template
// plugin (prettier-plugin-go-template, pinned in tools/npm/package.json),
// and checks that they are formatted.
//
// It formats only the templates that return a value (function partials,
// `{{ return … }}`): Hugo discards their text output, so formatting cannot
// change a published byte. Templates whose whitespace is output (pages,
// components, shortcodes, and the .md, .txt and .xml templates) are left
// alone: the plugin reflows text and indents markup, which changes their
// output, inside <pre> too.
//
// The plugin reads `{{` as a template action wherever it appears, comments
// and strings included, and then rewraps doc blocks and splits strings. So
// comments are swapped for placeholders while Prettier runs, and a template
// that writes a shortcode call (`{{<` or `{{%`) outside a comment, or that
// the plugin cannot parse, is left as it is and listed as skipped.
package tmplfmt

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

var (
	comment   = regexp.MustCompile(`(?s)\{\{-?\s*/\*.*?\*/\s*-?\}\}`)
	returns   = regexp.MustCompile(`\{\{-?\s*return\b`)
	shortcode = regexp.MustCompile(`\{\{[<%]`)
	masked    = regexp.MustCompile(`\{\{/\* boda-fmt-(\d+) \*/\}\}`)
	failed    = regexp.MustCompile(`(?m)^\[error\] ([^:\s]+\.html):`)
)

// Result lists what a run found, by path relative to the site root.
type Result struct {
	Changed []string          // formatted differently from what is on disk
	Skipped map[string]string // left alone, with the reason
}

// Templates returns the templates below root/layouts that Run formats:
// those that return a value.
func Templates(root string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(filepath.Join(root, "layouts"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".html" {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if returns.Match(comment.ReplaceAll(b, nil)) {
			rel, _ := filepath.Rel(root, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(out)
	return out, err
}

// Run formats the templates of the site at root with the Prettier installed
// in nodeModules. With write it rewrites the files that change; without, it
// only reports them.
func Run(root, nodeModules string, write bool) (*Result, error) {
	files, err := Templates(root)
	if err != nil {
		return nil, err
	}
	res := &Result{Skipped: map[string]string{}}
	tmp, err := os.MkdirTemp("", "boda-tmplfmt-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)

	originals := map[string][]byte{}
	comments := map[string][][]byte{}
	var todo []string
	for _, rel := range files {
		b, err := os.ReadFile(filepath.Join(root, rel))
		if err != nil {
			return nil, err
		}
		var saved [][]byte
		m := comment.ReplaceAllFunc(b, func(c []byte) []byte {
			saved = append(saved, c)
			return fmt.Appendf(nil, "{{/* boda-fmt-%d */}}", len(saved)-1)
		})
		if shortcode.Match(m) {
			res.Skipped[rel] = "writes a shortcode call ({{< or {{%) outside a comment, which the plugin reads as an action"
			continue
		}
		dst := filepath.Join(tmp, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(dst, m, 0o644); err != nil {
			return nil, err
		}
		originals[rel], comments[rel] = b, saved
		todo = append(todo, rel)
	}
	if len(todo) == 0 {
		return res, nil
	}

	args := []string{filepath.Join(nodeModules, "prettier", "bin", "prettier.cjs"),
		"--plugin", filepath.Join(nodeModules, "prettier-plugin-go-template", "lib", "index.js"),
		"--parser", "go-template", "--no-config", "--no-editorconfig", "--write"}
	cmd := exec.Command("node", append(args, todo...)...)
	cmd.Dir = tmp
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	runErr := cmd.Run()
	for _, m := range failed.FindAllStringSubmatch(out.String(), -1) {
		res.Skipped[m[1]] = "prettier-plugin-go-template cannot parse it"
	}
	if runErr != nil && len(failed.FindAllString(out.String(), -1)) == 0 {
		return nil, fmt.Errorf("prettier: %v\n%s", runErr, out.String())
	}

	for _, rel := range todo {
		if _, skip := res.Skipped[rel]; skip {
			continue
		}
		b, err := os.ReadFile(filepath.Join(tmp, rel))
		if err != nil {
			return nil, err
		}
		saved := comments[rel]
		b = masked.ReplaceAllFunc(b, func(p []byte) []byte {
			var i int
			fmt.Sscanf(string(masked.FindSubmatch(p)[1]), "%d", &i)
			return saved[i]
		})
		if bytes.Equal(b, originals[rel]) {
			continue
		}
		res.Changed = append(res.Changed, rel)
		if write {
			if err := os.WriteFile(filepath.Join(root, rel), b, 0o644); err != nil {
				return nil, err
			}
		}
	}
	return res, nil
}

// Report is a readable summary of a result.
func (r *Result) Report() string {
	var b strings.Builder
	for _, rel := range slices.Sorted(maps.Keys(r.Skipped)) {
		fmt.Fprintf(&b, "skipped %s: %s\n", rel, r.Skipped[rel])
	}
	return b.String()
}
