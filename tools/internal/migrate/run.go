package migrate

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Summary counts what a run found.
type Summary struct {
	Files      int // Markdown files read
	Changed    int // files with changes
	Changes    int
	Notes      int
	Manual     int // places to rewrite by hand
	Categories int // files with categories
	Dated      int // files dated only by their name
}

// skipDirs are folders of a site that hold no content to migrate.
var skipDirs = map[string]bool{".git": true, "node_modules": true, "public": true, "resources": true, "themes": true, "_vendor": true}

// Run converts every Markdown file below dir, writes one line per finding
// to w ("path:line: kind: message") and a summary. With write, changed
// files are rewritten in place; without, nothing is written.
func Run(dir string, write bool, w io.Writer) (Summary, error) {
	var s Summary
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != dir && (skipDirs[d.Name()] || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if ext := strings.ToLower(filepath.Ext(p)); ext != ".md" && ext != ".markdown" {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		s.Files++
		out, finds, facts := Convert(filepath.ToSlash(p), src)
		for _, f := range finds {
			fmt.Fprintf(w, "%s:%d: %s: %s\n", p, f.Line, f.Kind, f.Msg)
			switch f.Kind {
			case Change:
				s.Changes++
			case Note:
				s.Notes++
			default:
				s.Manual++
			}
		}
		if facts.Categories {
			s.Categories++
		}
		if facts.DateFromName {
			s.Dated++
		}
		if string(out) == string(src) {
			return nil
		}
		s.Changed++
		if !write {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		return os.WriteFile(p, out, info.Mode().Perm())
	})
	if err != nil {
		return s, err
	}
	if s.Categories > 0 {
		fmt.Fprintf(w, "site: categories are set in %s: declare the taxonomy in hugo.toml: [taxonomies] category = \"categories\", tag = \"tags\", series = \"series\"\n", files(s.Categories))
	}
	if s.Dated > 0 {
		fmt.Fprintf(w, "site: the date of %s comes from the name only: set [frontmatter] date = [\":filename\", \":default\"] in hugo.toml\n", files(s.Dated))
	}
	fmt.Fprintf(w, "%s in %d of %s, %s, %d to rewrite by hand.", plural(s.Changes, "change"), s.Changed, files(s.Files), plural(s.Notes, "note"), s.Manual)
	if write {
		fmt.Fprintf(w, " %s written.\n", files(s.Changed))
	} else {
		fmt.Fprintf(w, " Dry run: nothing written; run again with --write to change the files.\n")
	}
	return s, nil
}

// files says "1 file" or "n files".
func files(n int) string { return plural(n, "file") }

// plural says "1 word" or "n words".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
