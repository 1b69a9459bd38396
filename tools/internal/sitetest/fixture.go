package sitetest

import (
	"os"
	"path/filepath"
	"testing"
)

// themeParts are the folders and files of the repository that make up the
// theme and its configuration, without the notes.
var themeParts = []string{"archetypes", "assets", "config", "i18n", "layouts", "go.mod", "go.sum"}

// Fixture creates a site in a temporary folder from the repository's theme
// and configuration (not its content) plus the given files, keyed by their
// slash-separated path in the site ("content/notes/a.md": "…"), and returns
// its folder.
func Fixture(t testing.TB, files map[string]string) string {
	t.Helper()
	Slow(t)
	dir := t.TempDir()
	for _, part := range themeParts {
		src := filepath.Join(Root(), part)
		info, err := os.Stat(src)
		if err != nil {
			t.Fatal(err)
		}
		if info.IsDir() {
			if err := os.MkdirAll(filepath.Join(dir, part), 0o755); err != nil {
				t.Fatal(err)
			}
			CopyTree(t, src, filepath.Join(dir, part))
			continue
		}
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, part), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	WriteFiles(t, dir, files)
	return dir
}

// WriteFiles writes files below dir, creating folders as needed.
func WriteFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
