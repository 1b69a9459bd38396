// Package tmplfmt formats Hugo templates and checks that they are
// formatted, in two passes.
//
// Every template under layouts/ (whatever its extension: .html, .md, .txt,
// .xml, …) goes through FormatActions, a formatter written here that keeps
// every published byte by construction: it rewrites only what Hugo never
// publishes.
//
//   - Actions are written `{{ x }}`, `{{- x }}`, `{{ x -}}`: one space after
//     the opening delimiter and its trim marker and before the closing one;
//     inside, outside literals, runs of spaces and tabs become one space,
//     none just inside parentheses, and a multi-line action keeps its line
//     breaks and the indentation after them, without spaces before them.
//     Quoted, raw and character literals are kept as written, and so is
//     every comment, delimiters included.
//   - A line that starts with a left-trimming action or comment (`{{- `)
//     loses its indentation in the output, and so do the blanks that end
//     the lines before it: those blanks are removed (the line breaks stay),
//     and the indentation is set: an
//     end or else takes the indentation of the line that opened its block
//     (if, with, range, define, block); inside a block whose opener starts
//     its line and which holds no published text, a line is indented two
//     spaces more than the opener's; any other keeps its indentation, with
//     tabs as two spaces. Blocks that mix in HTML or Markdown are written
//     with the indentation of that markup, which the formatter cannot know
//     without reading the markup, so their lines are left where they are.
//   - Published text, and every space that reaches the output (a line
//     started by `{{` without a trim marker keeps its indentation), is left
//     as written.
//
// Templates that return a value (function partials, `{{ return … }}`) go
// through Prettier and its Go-template plugin
// (prettier-plugin-go-template, pinned in tools/npm/package.json) first:
// Hugo discards their text output, so it may indent and wrap them freely.
// The plugin cannot format the others: it reflows text and indents markup,
// which changes their output (inside <pre> too). It also reads `{{` as an
// action wherever it appears, comments and strings included, and then
// rewraps doc blocks and splits strings. So comments are swapped for
// placeholders while Prettier runs, and a template that writes a shortcode
// call (`{{<` or `{{%`) outside a comment, or that the plugin cannot
// parse, is listed as skipped by Prettier; it still gets FormatActions.
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
	Changed  []string          // formatted differently from what is on disk
	Skipped  map[string]string // left alone by Prettier, with the reason
	Prettier int               // templates Prettier formatted
	Actions  int               // templates the action formatter formatted
}

// Templates returns the templates below root/layouts that Prettier
// formats: those that return a value.
func Templates(root string) ([]string, error) {
	all, err := AllTemplates(root)
	var out []string
	for _, rel := range all {
		if filepath.Ext(rel) != ".html" {
			continue
		}
		b, err := os.ReadFile(filepath.Join(root, rel))
		if err != nil {
			return nil, err
		}
		if returns.Match(comment.ReplaceAll(b, nil)) {
			out = append(out, rel)
		}
	}
	return out, err
}

// AllTemplates returns every file below root/layouts, whatever its
// extension: Hugo reads each as a template.
func AllTemplates(root string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(filepath.Join(root, "layouts"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(root, p)
		out = append(out, filepath.ToSlash(rel))
		return err
	})
	slices.Sort(out)
	return out, err
}

// Run formats the templates of the site at root: those that return a value
// with the Prettier installed in nodeModules, then every template with
// FormatActions. With write it rewrites the files that change; without, it
// only reports them.
func Run(root, nodeModules string, write bool) (*Result, error) {
	res := &Result{Skipped: map[string]string{}}
	pretty, err := prettier(root, nodeModules, res)
	if err != nil {
		return nil, err
	}
	return res, formatAll(root, pretty, write, res)
}

// RunActions is Run without Prettier: FormatActions on every template. It
// needs no npm packages.
func RunActions(root string, write bool) (*Result, error) {
	res := &Result{Skipped: map[string]string{}}
	return res, formatAll(root, nil, write, res)
}

// formatAll runs FormatActions on every template, starting from Prettier's
// output where there is one, and records and writes what changes.
func formatAll(root string, pretty map[string][]byte, write bool, res *Result) error {
	files, err := AllTemplates(root)
	if err != nil {
		return err
	}
	for _, rel := range files {
		disk, err := os.ReadFile(filepath.Join(root, rel))
		if err != nil {
			return err
		}
		in, ok := pretty[rel]
		if !ok {
			in = disk
		}
		out, err := FormatActions(in)
		if err != nil {
			return fmt.Errorf("%s:%v", rel, strings.TrimPrefix(err.Error(), "line "))
		}
		res.Actions++
		if bytes.Equal(out, disk) {
			continue
		}
		res.Changed = append(res.Changed, rel)
		if write {
			if err := os.WriteFile(filepath.Join(root, rel), out, 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

// prettier formats the templates that return a value and returns its
// output by path; it records the templates it skips in res.
func prettier(root, nodeModules string, res *Result) (map[string][]byte, error) {
	files, err := Templates(root)
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "boda-tmplfmt-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)

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
		comments[rel] = saved
		todo = append(todo, rel)
	}
	pretty := map[string][]byte{}
	if len(todo) == 0 {
		return pretty, nil
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
		pretty[rel] = masked.ReplaceAllFunc(b, func(p []byte) []byte {
			var i int
			fmt.Sscanf(string(masked.FindSubmatch(p)[1]), "%d", &i)
			return saved[i]
		})
		res.Prettier++
	}
	return pretty, nil
}

// Report is a readable summary of a result.
func (r *Result) Report() string {
	var b strings.Builder
	fmt.Fprintf(&b, "prettier formatted %d templates that return a value; the action formatter, %d templates\n", r.Prettier, r.Actions)
	for _, rel := range slices.Sorted(maps.Keys(r.Skipped)) {
		fmt.Fprintf(&b, "skipped %s: %s\n", rel, r.Skipped[rel])
	}
	return b.String()
}
