package gates

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/linkcheck"
	"github.com/bodasadallah/boda-blog/tools/internal/npm"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// Java returns the machine's java, or fails (CI) or skips (laptop) the test.
func Java(t testing.TB) string {
	t.Helper()
	sitetest.Slow(t)
	if home := os.Getenv("JAVA_HOME"); home != "" {
		if p := filepath.Join(home, "bin", "java"); fileExists(p) {
			return p
		}
	}
	p, err := exec.LookPath("java")
	if err != nil {
		sitetest.Missing(t, "Java is not installed: install a Java 17+ runtime (apt-get install -y default-jre-headless) to run the Nu Html Checker")
	}
	return p
}

// HTML runs the Nu Html Checker once over every HTML page and stylesheet
// below public and returns its errors (warnings and info are not problems).
func HTML(t testing.TB, public string) []Problem {
	t.Helper()
	java := Java(t)
	jar := npm.File(t, "vnu-jar", "build", "dist", "vnu.jar")
	var files []string
	err := filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".css")) {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no HTML files below %s", public)
	}
	args := append([]string{"-jar", jar, "--format", "json", "--stdout", "--exit-zero-always", "--also-check-css"}, files...)
	cmd := exec.Command(java, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("the Nu Html Checker did not run: %v\n%s", err, stderr.String())
	}
	var res struct {
		Messages []struct {
			Type, SubType, URL, Message, Extract string
			LastLine                             int `json:"lastLine"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("reading the Nu Html Checker's report: %v\n%s", err, out)
	}
	var problems []Problem
	for _, m := range res.Messages {
		if m.Type != "error" && m.SubType != "fatal" {
			continue
		}
		page := strings.TrimPrefix(m.URL, "file:")
		if rel, err := filepath.Rel(public, page); err == nil {
			page = filepath.ToSlash(rel)
		}
		problems = append(problems, Problem{Gate: "html", Page: page,
			Detail: fmt.Sprintf("line %d: %s (at %q)", m.LastLine, m.Message, strings.TrimSpace(m.Extract))})
	}
	t.Logf("Nu Html Checker: %d files, %d errors", len(files), len(problems))
	return problems
}

// XML checks that every XML file below public (RSS, sitemap, SVG) is
// well-formed.
func XML(t testing.TB, public string) []Problem {
	t.Helper()
	var problems []Problem
	n := 0
	err := filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch filepath.Ext(p) {
		case ".xml", ".svg", ".rss", ".atom", ".xsl":
		default:
			return nil
		}
		n++
		rel := filepath.ToSlash(must(filepath.Rel(public, p)))
		if err := wellFormed(p); err != nil {
			problems = append(problems, Problem{Gate: "xml", Page: rel, Detail: err.Error()})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("XML: %d files, %d not well-formed", n, len(problems))
	return problems
}

func wellFormed(file string) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	dec := xml.NewDecoder(f)
	roots := 0
	depth := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
	if roots != 1 {
		return fmt.Errorf("has %d root elements, want 1", roots)
	}
	return nil
}

// Links checks every internal link, #fragment and asset reference below
// public, and logs the links to other sites without fetching them.
func Links(t testing.TB, public, baseURL string) []Problem {
	t.Helper()
	r, err := linkcheck.Check(public, linkcheck.Options{BaseURL: baseURL})
	if err != nil {
		t.Fatal(err)
	}
	var problems []Problem
	for _, p := range r.Problems {
		problems = append(problems, Problem{Gate: "links", Page: p.Page, Detail: fmt.Sprintf("%q %s", p.Ref, p.Reason)})
	}
	t.Logf("links: %d pages, %d internal references, %d broken; %d external links (not fetched):\n  %s",
		r.Pages, r.Refs, len(problems), len(r.External), strings.Join(r.External, "\n  "))
	return problems
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
