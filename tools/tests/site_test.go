package tests

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/fasttest"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
	"golang.org/x/net/html"
)

// notes lists every note migrated from the seed material: its URL, title and
// section headings.
var notes = []struct {
	url      string
	title    string
	headings []string
}{
	{"/papers/decoupled-neural-interfaces/", "Decoupled Neural Interfaces using Synthetic Gradients", []string{"The three locks", "Synthetic Gradient Model"}},
	{"/notes/git/", "GIT", []string{"Beautiful commands", "Git Bisect", "Methodology", "Commits", "Branching", "Long-running branches", "Short-lived branches", "Merging", "Rebase"}},
	{"/courses/applied-deep-learning/deep-learning-overview/", "Deep Learning overview", []string{"Reference", "Deep Learning overview"}},
	{"/courses/nlp-specialization/course-1-classification-and-vector-spaces/week-4/", "Week 4: Hashing and locality sensitive hashing", []string{"Hashing", "Locality sensitive hashing"}},
	{"/courses/cs480-680/lecture-12/", "Lecture 12: Gaussian process", []string{"Gaussian process"}},
	{"/courses/cs480-680/lecture-16/", "Lecture 16: Convolution NN and residual networks", []string{"Convolution NN", "Residual Networks"}},
	{"/courses/cs480-680/lecture-18/", "Lecture 18: LSTM vs GRU vs Attention", []string{"LSTM vs GRU vs Attention"}},
	{"/courses/cs480-680/lecture-20/", "Lecture 20: Autoencoder", []string{"Autoencoder"}},
}

func TestSiteBuildsWithoutWarnings(t *testing.T) {
	for _, env := range []string{"production", "development"} {
		site := sitetest.Site(t, env)
		for _, line := range strings.Split(site.Output, "\n") {
			if strings.Contains(line, "WARN") || strings.Contains(line, "ERROR") {
				t.Errorf("%s build logged: %s", env, line)
			}
		}
	}
}

func TestEveryNoteIsPublished(t *testing.T) {
	site := fasttest.Site(t)
	for _, n := range notes {
		doc := site.Page(t, n.url)
		if got := doc.Title(); got != n.title {
			t.Errorf("%s: title %q, want %q", n.url, got, n.title)
		}
		got := doc.Headings()
		for _, want := range n.headings {
			if !contains(got, want) {
				t.Errorf("%s: no heading %q among %q", n.url, want, got)
			}
		}
	}
}

func TestSeedTextIsFaithful(t *testing.T) {
	site := fasttest.Site(t)
	want := map[string][]string{
		"/papers/decoupled-neural-interfaces/": {"In NN, the training process, has 3 bottle-necks", "calculate the output of the previous layer", "can be just a simple NN that is trained to output the gradient of the layer"},
		"/notes/git/":                          {"git log --oneline --decorate --all --graph", "abort merge, and get back like it never happened", "is your way to lose all uncommitted work in your working directory", "a branch is basically a pointer to specific commit", "git add -p filename", "common ancestor", "Only use rebase to clean local commit history"},
		"/courses/applied-deep-learning/deep-learning-overview/": {"an algorithm that writes algorithms, like a compiler", "noisy estimate of the objective function due to mini-batching"},
		"/courses/cs480-680/lecture-16/":                         {"many layers with smaller filters is better than having one big filter"},
		"/courses/cs480-680/lecture-18/":                         {"weighted probability", "important input tokens"},
		"/courses/cs480-680/lecture-20/":                         {"takes different input and generates the same output"},
	}
	typos := regexp.MustCompile(`(?i)\b(teh|bootle-necks|ancesstor|bisacally|brach|posotion|senstive|gausain|dimentional|probablitiy|importat|uncommited|excutable|compated|beatiful)\b`)
	for url, phrases := range want {
		text := sitetest.Text(site.Page(t, url).Root)
		for _, p := range phrases {
			if !strings.Contains(text, p) {
				t.Errorf("%s: missing %q", url, p)
			}
		}
	}
	for _, n := range notes {
		text := sitetest.Text(site.Page(t, n.url).Root)
		if m := typos.FindString(text); m != "" {
			t.Errorf("%s: still has the misspelling %q", n.url, m)
		}
	}
}

func TestRestoredMathIsRendered(t *testing.T) {
	site := fasttest.Site(t)
	raw := site.File(t, "courses/applied-deep-learning/deep-learning-overview/index.html")
	for _, tex := range []string{`f_l \circ f_{l-1} \circ \dots \circ f_1`, `L(\theta) \approx J(\theta)`} {
		if !regexp.MustCompile(`<annotation encoding="?application/x-tex"?[^>]*>` + regexp.QuoteMeta(tex) + `</annotation>`).MatchString(raw) {
			t.Errorf("deep-learning-overview: no MathML for %s", tex)
		}
	}
	if strings.Contains(raw, "$") {
		t.Errorf("deep-learning-overview: a raw $ delimiter reached the page")
	}
}

func TestHomeLinksEverySectionAndCourse(t *testing.T) {
	site := fasttest.Site(t)
	home := site.Page(t, "/")
	for _, href := range []string{"/papers/", "/notes/", "/courses/", "/courses/applied-deep-learning/", "/courses/nlp-specialization/", "/courses/cs480-680/"} {
		if !home.HasLink(href) {
			t.Errorf("home page does not link %s", href)
		}
	}
	if got := home.Title(); got != "Boda Blog" {
		t.Errorf("home h1 %q, want Boda Blog", got)
	}
	if !strings.Contains(sitetest.Text(home.Root), "Welcome to my notebook") {
		t.Errorf("home page lacks the intro from content/_index.md")
	}
}

func TestEverySectionAndCourseHasADescription(t *testing.T) {
	err := filepath.WalkDir(filepath.Join(sitetest.Root(), "content"), func(p string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		b, err := os.ReadFile(filepath.Join(p, "_index.md"))
		if err != nil {
			t.Errorf("%s has no _index.md", p)
			return nil
		}
		if !regexp.MustCompile(`(?m)^description: \S`).Match(b) {
			t.Errorf("%s/_index.md has no description", p)
		}
		if body := strings.SplitN(string(b), "---", 3); len(body) < 3 || strings.TrimSpace(body[2]) == "" {
			t.Errorf("%s/_index.md has no paragraph", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestNoLeakedTemplateText(t *testing.T) {
	for _, env := range []string{"production", "development"} {
		site := sitetest.Site(t, env)
		for _, f := range site.HTMLFiles(t) {
			raw := site.File(t, f)
			for _, bad := range []string{"{{<", "{{%", "ZgotmplZ", "raw HTML omitted", "<!--", "%!"} {
				if strings.Contains(raw, bad) {
					t.Errorf("%s (%s): leaked %q", f, env, bad)
				}
			}
		}
	}
}

func TestNotFoundPage(t *testing.T) {
	site := fasttest.Site(t)
	doc := site.Page(t, "/404.html")
	if doc.Title() == "" || !doc.HasLink("/") {
		t.Errorf("404.html has no title or no link home")
	}
}

func TestNoInlineScriptsOrStyles(t *testing.T) {
	site := fasttest.Site(t)
	for _, f := range site.HTMLFiles(t) {
		doc := sitetest.Parse(t, site.File(t, f), f)
		for _, s := range doc.All(sitetest.Tag("script")) {
			// JSON-LD is data, which a CSP does not execute.
			if typ, _ := sitetest.Attr(s, "type"); typ == "application/ld+json" {
				continue
			}
			if _, ok := sitetest.Attr(s, "src"); !ok {
				t.Errorf("%s: inline <script>", f)
			}
		}
		if len(doc.All(sitetest.Tag("style"))) > 0 {
			t.Errorf("%s: <style> element", f)
		}
		for _, n := range doc.All(func(n *html.Node) bool { _, ok := sitetest.Attr(n, "style"); return ok }) {
			t.Errorf("%s: style attribute on <%s>", f, n.Data)
		}
	}
}

func TestAssetsAreFingerprintedWithIntegrity(t *testing.T) {
	site := fasttest.Site(t)
	doc := site.Page(t, "/notes/git/")
	check := func(tag, attr string) {
		for _, n := range doc.All(sitetest.Tag(tag)) {
			url, ok := sitetest.Attr(n, attr)
			if !ok || (tag == "link" && !strings.HasSuffix(url, ".css")) {
				continue
			}
			if !regexp.MustCompile(`\.[0-9a-f]{64,}\.(css|js)$`).MatchString(url) {
				t.Errorf("%s is not fingerprinted", url)
			}
			if v, _ := sitetest.Attr(n, "integrity"); !strings.HasPrefix(v, "sha384-") {
				t.Errorf("%s has no integrity attribute", url)
			}
			if !site.Exists(strings.TrimPrefix(url, "/")) {
				t.Errorf("%s is not published", url)
			}
		}
	}
	check("link", "href")
	check("script", "src")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestIdentityComesFromTheHomePage: the theme's configuration carries no
// site identity, so a site with our layouts and config but its own home page
// shows its own tagline and author, and none of ours.
func TestIdentityComesFromTheHomePage(t *testing.T) {
	dir := sitetest.Fixture(t, map[string]string{
		"content/_index.md":       "---\ntitle: Ada's notes\ndescription: Notes on what Ada builds.\nparams:\n  tagline: Built by hand.\n  author: Ada\n---\nHello.\n",
		"content/notes/a.md":      "---\ntitle: A\ndescription: A note.\ndate: 2021-01-01\n---\n\nText.\n",
		"content/notes/_index.md": "---\ntitle: Notes\ndescription: Notes.\n---\nNotes.\n",
	})
	site := sitetest.Build(t, sitetest.Options{Source: dir})
	home := site.File(t, "index.html")
	for _, want := range []string{"Built by hand.", "Notes by Ada", `content="Notes on what Ada builds."`} {
		if !strings.Contains(home, want) {
			t.Errorf("home lacks %q", want)
		}
	}
	for _, f := range site.HTMLFiles(t) {
		text := site.File(t, f)
		for _, ours := range []string{"Boda Sadallah", "A deep-learning notebook"} {
			if strings.Contains(text, ours) {
				t.Errorf("%s shows our %q", f, ours)
			}
		}
	}
}
