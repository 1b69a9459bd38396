package tests

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/gates"
	"github.com/bodasadallah/boda-blog/tools/internal/modproxy"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
	"golang.org/x/net/html"
)

// loveitFixture is a LoveIt-style content folder: page bundles with
// images, raw HTML images and <br>, spaced math next to prices, LoveIt's
// escapes, admonitions, categories, a dated bundle name and things only
// an author can rewrite.
var loveitFixture = filepath.Join(sitetest.ToolsDir(), "testdata", "loveit")

const (
	gdPost    = "content/posts/2022-02-01-gradient-descent/index.md"
	laPost    = "content/posts/linear-algebra/index.md"
	extraPost = "content/posts/extras/index.md"
)

// migrateCommand builds tools/cmd/migrate into a temporary folder.
func migrateCommand(t *testing.T) string {
	t.Helper()
	sitetest.Slow(t)
	bin := filepath.Join(t.TempDir(), "migrate")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/migrate")
	cmd.Dir = sitetest.ToolsDir()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/migrate: %v\n%s", err, out)
	}
	return bin
}

// migrateTree reads every file below dir, keyed by its slash path from dir.
func migrateTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// loveitSite is a site of the theme (without our notes) holding files, its
// hugo.toml given the two lines "Coming from LoveIt" asks for.
func loveitSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := sitetest.Fixture(t, files)
	cfg := filepath.Join(dir, "config", "_default", "hugo.toml")
	b, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(b), "  series = \"series\"\n", "  series = \"series\"\n  category = \"categories\"\n", 1)
	s = strings.Replace(s, "[frontmatter]\n", "[frontmatter]\n  date = [\":filename\", \":default\"]\n", 1)
	if s == string(b) || !strings.Contains(s, "category =") || !strings.Contains(s, ":filename") {
		t.Fatal("hugo.toml has changed shape: the taxonomy and date lines were not added")
	}
	if err := os.WriteFile(cfg, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestLoveItTreeLosesContentUnmigrated builds the fixture as written for
// LoveIt: LoveIt's shortcodes stop the build, and without them raw HTML is
// dropped (named at its line) and spaced formulas stay prose. This is what
// the migration command exists to fix.
func TestLoveItTreeLosesContentUnmigrated(t *testing.T) {
	files := migrateTree(t, loveitFixture)
	r, err := sitetest.TryBuild(t, sitetest.Options{Source: loveitSite(t, files)})
	if err == nil || !regexp.MustCompile(`(linear-algebra/index.md:15:1": failed to extract shortcode: template for shortcode "image"|extras/index.md:9:1": failed to extract shortcode: template for shortcode "music") not found`).MatchString(r.Output) {
		t.Errorf("the unmigrated tree built, or failed elsewhere than at a LoveIt shortcode: %v\n%s", err, r.Output)
	}

	delete(files, laPost)
	delete(files, extraPost)
	dir := loveitSite(t, files)
	out, _ := sitetest.Run(t, dir, nil, "--source", dir, "--destination", filepath.Join(dir, "public"), "--logLevel", "warn", "--noBuildLock")
	for _, w := range []string{gdPost + `:26": raw HTML <img src="loss.png"`, gdPost + `:17": raw HTML <br>`, gdPost + `:29": raw HTML <center>`, gdPost + `:36:`} {
		if !strings.Contains(out, w) {
			t.Errorf("no message %q:\n%s", w, out)
		}
	}

	// Without the escapes, a spaced formula is prose, or at best a warning.
	delete(files, gdPost)
	files["content/posts/spaced.md"] = "---\ntitle: Spaced\ndate: 2022-01-01\n---\n\nThe gradient $ \\nabla f(x) $ points uphill.\n"
	dir = loveitSite(t, files)
	out, err = sitetest.Run(t, dir, nil, "--source", dir, "--destination", filepath.Join(dir, "public"), "--logLevel", "warn", "--noBuildLock")
	if err != nil {
		t.Fatalf("build failed: %v\n%s", err, out)
	}
	body := sitetest.Text(sitetest.Parse(t, readFile(t, filepath.Join(dir, "public", "posts", "spaced", "index.html")), "/").Root)
	if !strings.Contains(body, `The gradient $ \nabla f(x) $ points uphill.`) && !strings.Contains(out, "spaced.md:6") {
		t.Errorf("the spaced formula rendered silently before migration; the fixture no longer needs the command:\n%s", out)
	}
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestMigrateLoveItTree runs the migration command on a copy of the
// fixture: a dry run changes nothing and reports each change at its file
// and line; --write changes the files; after the three rewrites it lists
// as manual, the tree builds with the theme with no warning, every formula
// renders and every image is a Markdown image.
func TestMigrateLoveItTree(t *testing.T) {
	bin := migrateCommand(t)
	site := t.TempDir()
	sitetest.CopyTree(t, loveitFixture, site)
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Dir = site
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("migrate %v: %v\n%s", args, err, out)
		}
		return string(out)
	}

	// Dry run: a report, and nothing written.
	before := migrateTree(t, site)
	report := run("content")
	if after := migrateTree(t, site); !equalTrees(before, after) {
		t.Errorf("a dry run changed files")
	}
	for _, want := range []string{
		gdPost + ":1: note: no date in the front matter: the date comes from the name 2022-02-01",
		gdPost + ":10: note: front matter `math`: not needed",
		gdPost + `:16: change: $ \nabla f(x) $ → $\nabla f(x)$`,
		gdPost + `:17: change: <br> → a trailing \`,
		gdPost + `:26: change: <img src="loss.png" alt="Training loss falling over 100 ste… → ![Training loss falling over 100 steps](loss.png); dropped width="400"`,
		gdPost + `:29: change: <img src="contour.png" width="70%"> → ![Contours of the loss surface](contour.png "Contours of the loss surface")`,
		gdPost + `:36: change: $\theta\_{t+1}`,
		gdPost + `:38: change: $$ \begin{aligned} x &= 1 \\\\ y`,
		gdPost + `:46: change: $ \eta = 0.1 $ → $\eta = 0.1$`,
		laPost + `:8: change: the resource named featured-image was LoveIt's featuredImage: featuredImage = "span.png" added`,
		laPost + `:15: change: {{< image src="span.png"`,
		laPost + `:17: change: {{< link "https://en.wikipedia.org/wiki/Linear_algebra"`,
		laPost + `:19: change: \begin{align}`,
		laPost + `:24: change: \\[ A\_{ij}`,
		laPost + `:28: change: {{< mermaid >}} → a ` + "```mermaid code block",
		extraPost + `:9: cannot convert: {{< music server="netease"`,
		extraPost + `:11: cannot convert: :(fas fa-campground):`,
		extraPost + `:15: cannot convert: <br> in a table cell`,
		"site: categories are set in 2 files: declare the taxonomy",
		`site: the date of 1 file comes from the name only: set [frontmatter] date = [":filename", ":default"]`,
		"Dry run: nothing written",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("the report lacks %q:\n%s", want, report)
		}
	}
	for _, price := range []string{"$5, or", "$ 5 and", "US$20", "$1-$2"} {
		if strings.Contains(report, price) {
			t.Errorf("the report changes the price %q:\n%s", price, report)
		}
	}
	manual := regexp.MustCompile(`(?m)^\S+:\d+: cannot convert: `).FindAllString(report, -1)
	if len(manual) != 3 {
		t.Errorf("%d places to rewrite by hand, want 3:\n%s", len(manual), report)
	}

	// --write changes the files; a second run finds nothing left to change.
	written := run("--write", "content")
	if !strings.Contains(written, "2 files written.") {
		t.Errorf("--write: %s", written)
	}
	gd := readFile(t, filepath.Join(site, gdPost))
	for _, want := range []string{`$\nabla f(x)$`, "![Training loss falling over 100 steps](loss.png)\n", `$\theta_{t+1}`, "It costs $5, or $10 with shipping, between $ 5 and $ 10"} {
		if !strings.Contains(gd, want) {
			t.Errorf("%s lacks %q after --write:\n%s", gdPost, want, gd)
		}
	}
	if again := run("content"); !strings.Contains(again, "0 changes in 0 of 4 files") {
		t.Errorf("a second run still changes something:\n%s", again)
	}

	// The author rewrites what the command listed, as it advised.
	extra := filepath.Join(site, extraPost)
	s := strings.NewReplacer(
		`{{< music server="netease" type="song" id="1868553" >}}`, `[The song](https://music.163.com/#/song?id=1868553)`,
		" :(fas fa-campground):", "",
		"first<br>then second", "first, then second",
	).Replace(readFile(t, extra))
	if err := os.WriteFile(extra, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}

	// The migrated tree builds with the theme, warning-free.
	files := map[string]string{}
	for name, body := range migrateTree(t, filepath.Join(site, "content")) {
		files["content/"+name] = body
	}
	r, err := sitetest.TryBuild(t, sitetest.Options{Source: loveitSite(t, files)})
	if err != nil {
		t.Fatalf("the migrated tree does not build: %v\n%s", err, r.Output)
	}
	if strings.Contains(r.Output, "WARN") || strings.Contains(r.Output, "raw HTML") {
		t.Errorf("the migrated tree builds with warnings:\n%s", r.Output)
	}
	for page, maths := range map[string]int{"/posts/gradient-descent/": 11, "/posts/linear-algebra/": 3} {
		doc := r.Page(t, page)
		if n := len(doc.All(sitetest.Tag("math"))); n != maths {
			t.Errorf("%s: %d formulas, want %d", page, n, maths)
		}
		// No $ pair is left as text, outside code and the prices.
		text := visibleWithout(doc.Root, func(n *html.Node) bool { return n.Data == "math" || n.Data == "pre" || n.Data == "code" })
		for _, price := range []string{"It costs $5, or $10 with shipping, between $ 5 and $ 10 in total.", "Prices in US$20 and US$30 stay prose, and so does a range $1-$2."} {
			if page == "/posts/gradient-descent/" && !strings.Contains(text, price) {
				t.Errorf("%s: the prices are not prose as written: %q", page, price)
			}
			text = strings.ReplaceAll(text, price, "")
		}
		if strings.Contains(text, "$") || strings.Contains(text, `\(`) || strings.Contains(text, `\[`) {
			t.Errorf("%s: TeX left as text: %s", page, text)
		}
	}
	gdDoc := r.Page(t, "/posts/gradient-descent/")
	var alts []string
	for _, img := range gdDoc.All(sitetest.Tag("img")) {
		alt, _ := sitetest.Attr(img, "alt")
		alts = append(alts, alt)
	}
	if all := strings.Join(alts, "|"); !strings.Contains(all, "Training loss falling over 100 steps") || !strings.Contains(all, "Contours of the loss surface") {
		t.Errorf("images on the page: %q", alts)
	}
	if !strings.Contains(r.File(t, "posts/gradient-descent/index.html"), `datetime="2022-02-01"`) {
		t.Errorf("the dated bundle did not take its date from its name")
	}
	if !r.Exists("categories/machine-learning/index.html") {
		t.Errorf("no page for the category machine-learning")
	}

	// The migrated blog passes the quality gates: valid HTML, no broken
	// link, no WCAG violation light or dark, within the page budgets.
	for _, p := range gates.HTML(t, r.Public) {
		t.Error(p)
	}
	for _, p := range gates.Links(t, r.Public, "") {
		t.Error(p)
	}
	posts := []string{"/posts/gradient-descent/", "/posts/linear-algebra/", "/categories/machine-learning/"}
	problems, weights := gates.Audit(t, r.Public, posts)
	problems = append(problems, gates.CheckBudgets(weights, nil)...)
	for _, p := range problems {
		t.Error(p)
	}
}

// visibleWithout is the page text without the subtrees skip matches.
func visibleWithout(n *html.Node, skip func(*html.Node) bool) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && skip(n) {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func equalTrees(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestLoveItReadmeSection checks that README's "Coming from LoveIt" comes
// just before "Mount it in your site", runs the command this repository
// builds, and asks for the hugo.toml lines the migrated fixture is built with.
func TestLoveItReadmeSection(t *testing.T) {
	readme := readFile(t, filepath.Join(sitetest.Root(), "README.md"))
	start := strings.Index(readme, "\n## Coming from LoveIt\n")
	end := strings.Index(readme, "\n## Mount it in your site\n")
	if start < 0 || end < start || strings.Contains(readme[start+1:end], "\n## ") {
		t.Fatal(`README.md has no "## Coming from LoveIt" section right before "## Mount it in your site"`)
	}
	section := readme[start:end]
	for _, want := range []string{
		"go run github.com/bodasadallah/boda-blog/tools/cmd/migrate@latest content",
		"  category = \"categories\"\n",
		"  date = [\":filename\", \":default\"]\n",
	} {
		if !strings.Contains(section, want) {
			t.Errorf("README's LoveIt section lacks %q", want)
		}
	}
	if mod := readFile(t, filepath.Join(sitetest.ToolsDir(), "go.mod")); !strings.HasPrefix(mod, "module github.com/bodasadallah/boda-blog/tools\n") {
		t.Errorf("tools/go.mod is no longer the module README's go run names")
	}
	if main := readFile(t, filepath.Join(sitetest.ToolsDir(), "cmd", "migrate", "main.go")); !strings.Contains(main, "package main\n") {
		t.Errorf("tools/cmd/migrate is not a command")
	}
}

// TestMigrateRunsAsReadmeSays runs README's command, `go run
// github.com/bodasadallah/boda-blog/tools/cmd/migrate@latest content`,
// against a local module proxy that serves the tools module as committed
// here: the command resolves and builds outside this repository.
func TestMigrateRunsAsReadmeSays(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command from a module proxy")
	}
	proxy, err := modproxy.New(filepath.Join(t.TempDir(), "proxy"))
	if err != nil {
		t.Fatal(err)
	}
	pub, err := proxy.AddDir(sitetest.ToolsDir(), "v0.1.0")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("the tools module zip: %d files, %d KB", len(pub.Files), pub.ZipSize/1024)
	site := t.TempDir()
	sitetest.CopyTree(t, loveitFixture, site)
	cmd := exec.Command("go", "run", "github.com/bodasadallah/boda-blog/tools/cmd/migrate@latest", "content")
	cmd.Dir = site
	// An empty module cache and a proxy that holds only the tools module:
	// the command needs nothing else (it imports only the standard library).
	cmd.Env = append(os.Environ(), "GOPROXY="+proxy.URL()+",off", "GONOSUMDB=github.com/bodasadallah/boda-blog",
		"GOMODCACHE="+filepath.Join(t.TempDir(), "modcache"), "GOFLAGS=-buildvcs=false -modcacherw", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go run …/tools/cmd/migrate@latest: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), gdPost+`:16: change: $ \nabla f(x) $ → $\nabla f(x)$`) || !strings.Contains(string(out), "Dry run: nothing written") {
		t.Errorf("unexpected report:\n%s", out)
	}
}
