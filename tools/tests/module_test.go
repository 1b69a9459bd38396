package tests

import (
	"archive/zip"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/modproxy"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
	"github.com/pelletier/go-toml/v2"
	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	modzip "golang.org/x/mod/zip"
	"golang.org/x/net/html"
)

// These tests publish the repository as a Go module into a proxy in a
// temporary folder and mount it into new sites the ways docs/mounting.md
// (and, for the first way, README's "Mount it in your site") describes,
// running the commands and configuration blocks written there.

const (
	modulePath  = "github.com/bodasadallah/boda-blog"
	testVersion = "v0.0.0-test"
)

// The ways to mount the module, by the start of their heading in docs/mounting.md.
const (
	mountEverything = "Everything"
	mountThemeOnly  = "Theme only"
	mountNotesOnly  = "Notes only"
	mountClassic    = "Classic install"
)

// mountDoc is the "Mount it in your site" section of docs/mounting.md.
type mountDoc struct {
	commands [][]string        // the shell commands every way runs
	configs  map[string]string // a complete hugo.toml for each way
}

var fence = regexp.MustCompile("(?s)```(\\w+)\\n(.*?)```")

func readMountDoc(t *testing.T) mountDoc {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sitetest.Root(), "docs", "mounting.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	start := strings.Index(readme, "\n## Mount it in your site\n")
	if start < 0 {
		t.Fatal(`docs/mounting.md has no "## Mount it in your site" section`)
	}
	section := readme[start+1:]
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	parts := strings.Split(section, "\n### ")
	doc := mountDoc{configs: map[string]string{}}
	for _, m := range fence.FindAllStringSubmatch(parts[0], -1) {
		if m[1] != "sh" {
			continue
		}
		for _, line := range strings.Split(strings.TrimSpace(m[2]), "\n") {
			f := strings.Fields(line)
			if len(f) < 2 || f[0] != "hugo" || f[1] != "mod" {
				t.Fatalf("docs/mounting.md mount commands: %q is not a `hugo mod` command; the test runs every line of that block", line)
			}
			doc.commands = append(doc.commands, f[1:])
		}
	}
	if len(doc.commands) == 0 {
		t.Fatal("docs/mounting.md mount section: no ```sh block of hugo mod commands before the first ### heading")
	}
	for _, part := range parts[1:] {
		for _, way := range []string{mountEverything, mountThemeOnly, mountNotesOnly, mountClassic} {
			if !strings.HasPrefix(part, way) {
				continue
			}
			for _, m := range fence.FindAllStringSubmatch(part, -1) {
				if m[1] == "toml" {
					doc.configs[way] = m[2]
					break
				}
			}
		}
	}
	checkReadmeMount(t, doc)
	for _, way := range []string{mountEverything, mountThemeOnly, mountNotesOnly, mountClassic} {
		if doc.configs[way] == "" {
			t.Fatalf("docs/mounting.md mount section: no ```toml block under a heading starting %q", way)
		}
	}
	return doc
}

// checkReadmeMount: README's short "Mount it in your site" shows the same
// commands and the same "Everything" block as docs/mounting.md, which the
// mount tests build.
func checkReadmeMount(t *testing.T, doc mountDoc) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sitetest.Root(), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	start := strings.Index(readme, "\n## Mount it in your site\n")
	if start < 0 {
		t.Fatal(`README.md has no "## Mount it in your site" section`)
	}
	section := readme[start+1:]
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	var commands []string
	for _, c := range doc.commands {
		commands = append(commands, "hugo "+strings.Join(c, " "))
	}
	for _, want := range []string{"```sh\n" + strings.Join(commands, "\n") + "\n```", "```toml\n" + doc.configs[mountEverything] + "```"} {
		if !strings.Contains(section, want) {
			t.Errorf("README's mount section differs from docs/mounting.md; it lacks:\n%s", want)
		}
	}
}

// moduleImport is one of config/_default/module.toml's imports.
type moduleImport struct {
	Path, Version string
}

func moduleImports(t *testing.T) []moduleImport {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sitetest.Root(), "config", "_default", "module.toml"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct{ Imports []moduleImport }
	if err := toml.Unmarshal(b, &cfg); err != nil {
		t.Fatalf("config/_default/module.toml: %v", err)
	}
	return cfg.Imports
}

// modEnv is a proxy holding this module at testVersion, with the modules it
// imports, and the environment that makes Hugo and Go use it.
type modEnv struct {
	proxy     *modproxy.Proxy
	published *modproxy.Published
	env       []string
}

// newModEnv publishes the repository (plus the linked-notes fixture) at
// testVersion. GOPROXY lists the local proxy first and the toolchain's own
// GOPROXY (read from `go env`) after it; the local one answers everything, so
// no download leaves the machine. Hugo gets its own cache in the test's
// temporary folder, so no earlier run's copy of testVersion is reused.
func newModEnv(t *testing.T) *modEnv {
	t.Helper()
	sitetest.Slow(t)
	dir := t.TempDir()
	p, err := modproxy.New(filepath.Join(dir, "proxy"))
	if err != nil {
		t.Fatal(err)
	}
	pub, err := p.AddDir(sitetest.Root(), testVersion, filepath.Join(moduleFixtures(), "linked-notes"))
	if err != nil {
		t.Fatal(err)
	}
	nosum := []string{modulePath}
	for _, imp := range moduleImports(t) {
		if err := p.AddCached(sitetest.Root(), imp.Path, imp.Version); err != nil {
			t.Fatal(err)
		}
		nosum = append(nosum, imp.Path)
	}
	goproxy := p.URL() + "," + goEnv(t, "GOPROXY")
	return &modEnv{proxy: p, published: pub, env: []string{
		"GOPROXY=" + goproxy,
		"HUGO_MODULE_PROXY=" + goproxy,
		// The test version has no checksum database entry; the imports come
		// from the local module cache, checked when they were downloaded.
		"GONOSUMDB=" + strings.Join(nosum, ","),
		"GOFLAGS=-modcacherw",
		"GOMODCACHE=",
		"GOWORK=off",
		"HUGO_CACHEDIR=" + filepath.Join(dir, "hugo-cache"),
		"HUGO_ENABLEGITINFO=false",
	}}
}

func moduleFixtures() string { return filepath.Join(sitetest.ToolsDir(), "testdata", "module") }

func goEnv(t *testing.T, key string) string {
	t.Helper()
	out, err := exec.Command("go", "env", key).Output()
	if err != nil {
		t.Fatalf("go env %s: %v", key, err)
	}
	return strings.TrimSpace(string(out))
}

// consumer creates a new site from README's block for way plus a fixture
// folder, and runs README's commands in it.
func (m *modEnv) consumer(t *testing.T, doc mountDoc, way, fixture string) string {
	t.Helper()
	dir := t.TempDir()
	sitetest.WriteFiles(t, dir, map[string]string{"hugo.toml": doc.configs[way]})
	if fixture != "" {
		sitetest.CopyTree(t, filepath.Join(moduleFixtures(), fixture), dir)
	}
	for _, c := range doc.commands {
		out, err := sitetest.Run(t, dir, m.env, c...)
		if err != nil {
			t.Fatalf("%s: hugo %s: %v\n%s", way, strings.Join(c, " "), err, out)
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		t.Fatalf("%s: README's commands made no go.mod: %v", way, err)
	}
	mf, err := modfile.Parse("go.mod", b, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(mf.Require, func(r *modfile.Require) bool {
		return r.Mod.Path == modulePath && r.Mod.Version == testVersion
	}) {
		t.Fatalf("%s: go.mod does not require %s %s:\n%s", way, modulePath, testVersion, b)
	}
	return dir
}

func (m *modEnv) build(t *testing.T, dir string, args ...string) *sitetest.Result {
	t.Helper()
	return sitetest.Build(t, sitetest.Options{Source: dir, Env: m.env, Args: args})
}

// Pages of our module the assertions look at.
const (
	modMathNote    = "/courses/applied-deep-learning/deep-learning-overview/"
	modCommandNote = "/notes/git/"
	modLinkingNote = "/notes/linked-from/"
)

func TestMountEverything(t *testing.T) {
	doc := readMountDoc(t)
	m := newModEnv(t)
	site := m.build(t, m.consumer(t, doc, mountEverything, "everything"))

	assertMath(t, site.Page(t, modMathNote))
	assertCommands(t, site.Page(t, modCommandNote))
	site.Page(t, "/papers/decoupled-neural-interfaces/")
	if doc := site.Page(t, "/about/"); !hasClassElem(doc, "boda-body") {
		t.Errorf("/about/: the site's own page is not in our layouts")
	}
	nav := navLinks(site.Page(t, "/"))
	for _, want := range []string{"/papers/", "/courses/", "/notes/"} {
		if !slices.Contains(nav, want) {
			t.Errorf("main menu %q lacks our section %s", nav, want)
		}
	}
	assertLinks(t, site, "", modLinkingNote)
	t.Run("overrides", func(t *testing.T) { assertOverrides(t, site) })
}

// assertOverrides: the everything fixture restyles through params.boda and
// assets/css/custom.css, fills a hook and replaces one partial, and our base
// template still renders every page.
func assertOverrides(t *testing.T, site *sitetest.Result) {
	ours := sitetest.Site(t, "production")

	page := site.Page(t, modCommandNote)
	if !hasClassElem(page, "boda-skip") || !hasClassElem(page, "boda-shell") {
		t.Errorf("%s: our base template (skip link, shell) is gone", modCommandNote)
	}
	if !strings.Contains(page.Raw, `<p class="site-hook" data-page="/notes/git/">`) {
		t.Errorf("%s: the site's hooks/body-end.html did not render", modCommandNote)
	}
	if !strings.Contains(page.Raw, "© The everything fixture") || strings.Contains(page.Raw, "boda-footer__line") {
		t.Errorf("%s: the site's site/footer.html did not replace ours", modCommandNote)
	}
	if !strings.Contains(sitetest.Text(site.Page(t, "/").Root), "Boda's notes, mounted whole.") {
		t.Errorf("home: params.boda.tagline from the site is not shown")
	}

	css := stylesheet(t, site, page)
	if !strings.Contains(css, "#7c3aed") || !strings.Contains(css, "dashed") {
		t.Errorf("the site's assets/css/custom.css is not in the stylesheet")
	}
	for _, block := range enclosingBlocks(css, strings.Index(css, "#7c3aed")) {
		if strings.HasPrefix(block, "@layer") {
			t.Errorf("the site's custom.css rules are inside %q; they must stay unlayered so they win", block)
		}
	}
	ourCSS := stylesheet(t, ours, ours.Page(t, modCommandNote))
	if chroma(css) == chroma(ourCSS) {
		t.Errorf("params.boda.highlight.light = xcode did not change the highlighting palette")
	}
}

func TestMountThemeOnly(t *testing.T) {
	doc := readMountDoc(t)
	m := newModEnv(t)
	site := m.build(t, m.consumer(t, doc, mountThemeOnly, "theme-only"))

	post := site.Page(t, "/posts/first/")
	if !hasClassElem(post, "boda-body") {
		t.Errorf("/posts/first/: not rendered by our layouts")
	}
	assertMath(t, post)
	assertCommands(t, post)
	if !post.HasLink("/posts/second/") {
		t.Errorf("/posts/first/: the relative link to second.md does not resolve; links %q", post.Links())
	}
	for _, dir := range []string{"papers", "courses", "notes"} {
		if site.Exists(dir) {
			t.Errorf("our %s/ is published in a theme-only site", dir)
		}
	}
	for _, f := range site.HTMLFiles(t) {
		text := site.File(t, f)
		for _, ours := range []string{"Decoupled Neural Interfaces", "Gaussian process", "A deep-learning notebook", "Boda Sadallah", "boda-blog.netlify.app"} {
			if strings.Contains(text, ours) {
				t.Errorf("%s mentions %q, from our notes or params", f, ours)
			}
		}
	}
	if nav := navLinks(site.Page(t, "/")); !slices.Equal(nav, []string{"/posts/"}) {
		t.Errorf("main menu %q; want only the site's own /posts/", nav)
	}
}

func TestMountNotesOnly(t *testing.T) {
	doc := readMountDoc(t)
	m := newModEnv(t)
	site := m.build(t, m.consumer(t, doc, mountNotesOnly, "notes-only"))
	const prefix = "/notes/boda"

	for _, u := range []string{"/", "/notes/", "/notes/mine/", prefix + "/", prefix + modMathNote, prefix + modCommandNote, prefix + "/papers/decoupled-neural-interfaces/"} {
		page := site.Page(t, u)
		if !hasClassElem(page, "other-theme") || hasClassElem(page, "boda-body") {
			t.Errorf("%s: not rendered by the site's own templates alone", u)
		}
	}
	assertMath(t, site.Page(t, prefix+modMathNote))
	assertCommands(t, site.Page(t, prefix+modCommandNote))
	assertKit(t, site, prefix+modCommandNote)
	if site.Exists("notes/git/index.html") || site.Exists("papers") {
		t.Errorf("our notes are published outside %s/", prefix)
	}
	assertLinks(t, site, prefix, modLinkingNote)

	// README says our section pages join the site's main menu, under the prefix.
	home := site.Page(t, "/")
	for _, want := range []string{prefix + "/papers/", prefix + "/courses/", prefix + "/notes/"} {
		if !home.HasLink(want) {
			t.Errorf("home: the site's main menu lacks our section %s; links %q", want, home.Links())
		}
	}
}

// TestMountedModuleTools: `hugo mod graph` shows the module at the test
// version and `hugo mod vendor` copies it into _vendor, from which the site
// then builds with every proxy turned off.
func TestMountedModuleTools(t *testing.T) {
	doc := readMountDoc(t)
	m := newModEnv(t)
	dir := m.consumer(t, doc, mountEverything, "")

	out, err := sitetest.Run(t, dir, m.env, "mod", "graph")
	if err != nil {
		t.Fatalf("hugo mod graph: %v\n%s", err, out)
	}
	if !strings.Contains(out, modulePath+"@"+testVersion) {
		t.Errorf("hugo mod graph does not show %s@%s:\n%s", modulePath, testVersion, out)
	}
	for _, imp := range moduleImports(t) {
		if !strings.Contains(out, imp.Path) {
			t.Errorf("hugo mod graph does not show our import %s:\n%s", imp.Path, out)
		}
	}

	sums, err := os.ReadFile(filepath.Join(dir, "hugo.direct.sum"))
	if err != nil {
		t.Errorf("no hugo.direct.sum for our pinned imports: %v", err)
	}
	for _, imp := range moduleImports(t) {
		if !strings.Contains(string(sums), imp.Path+" "+imp.Version+" h1:") {
			t.Errorf("hugo.direct.sum has no checksum for %s %s:\n%s", imp.Path, imp.Version, sums)
		}
	}

	if out, err := sitetest.Run(t, dir, m.env, "mod", "vendor"); err != nil {
		t.Fatalf("hugo mod vendor: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "_vendor", filepath.FromSlash(modulePath), "layouts", "baseof.html")); err != nil {
		t.Errorf("hugo mod vendor did not copy our layouts: %v", err)
	}
	offline := append(slices.Clone(m.env), "GOPROXY=off", "HUGO_MODULE_PROXY=off", "HUGO_CACHEDIR="+t.TempDir())
	site := sitetest.Build(t, sitetest.Options{Source: dir, Env: offline})
	assertMath(t, site.Page(t, modMathNote))
}

// TestClassicInstall: the module in themes/boda-blog with theme = "boda-blog"
// and no go.mod builds; without Go it stops at once and says what is missing.
func TestClassicInstall(t *testing.T) {
	doc := readMountDoc(t)
	m := newModEnv(t)
	dir := t.TempDir()
	sitetest.WriteFiles(t, dir, map[string]string{"hugo.toml": doc.configs[mountClassic]})
	theme := filepath.Join(dir, "themes", "boda-blog")
	if err := modzip.Unzip(theme, module.Version{Path: modulePath, Version: testVersion}, m.published.Zip); err != nil {
		t.Fatal(err)
	}

	site := m.build(t, dir)
	assertMath(t, site.Page(t, modMathNote))
	assertCommands(t, site.Page(t, modCommandNote))
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
		t.Errorf("the classic install made a go.mod in the site")
	}

	noGo := append(slices.Clone(m.env), "PATH="+pathWithout(t, "go"), "HUGO_CACHEDIR="+t.TempDir())
	r, err := sitetest.TryBuild(t, sitetest.Options{Source: dir, Env: noGo})
	if err == nil {
		t.Fatal("the classic install built without Go on PATH; it cannot have fetched our import")
	}
	if !strings.Contains(r.Output, `binary with name "go" not found in PATH`) {
		t.Errorf("without Go the classic install fails with a message README does not explain:\n%s", r.Output)
	}
}

// TestModuleZip: what `hugo mod get` downloads is the theme and the notes,
// small, without the tools module; go.mod requires only the Hugo modules
// module.toml imports, at the versions it names.
func TestModuleZip(t *testing.T) {
	p, err := modproxy.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	pub, err := p.AddDir(sitetest.Root(), "v0.0.0-size")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("module zip: %d bytes, %d files", pub.ZipSize, len(pub.Files))
	for _, want := range []string{"go.mod", "config/_default/module.toml", "layouts/baseof.html", "layouts/_shortcodes/math.html", "layouts/_markup/render-link.html", "assets/css/main.css", "assets/css/custom.css", "i18n/en.toml", "content/_index.md", "archetypes/default.md"} {
		if !slices.Contains(pub.Files, want) {
			t.Errorf("module zip lacks %s", want)
		}
	}
	for _, f := range pub.Files {
		if strings.HasPrefix(f, "tools/") || strings.HasPrefix(f, "node_modules/") || strings.HasPrefix(f, "public/") || strings.HasPrefix(f, "resources/") {
			t.Errorf("module zip holds %s", f)
		}
	}
	const budget = 1 << 20
	if pub.ZipSize > budget {
		t.Errorf("module zip is %d bytes, over the %d-byte budget: keep large fixtures in tools/", pub.ZipSize, budget)
	}
	zr, err := zip.OpenReader(pub.Zip)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.UncompressedSize64 > 200<<10 {
			t.Errorf("module zip: %s is %d bytes; large files belong in tools/", f.Name, f.UncompressedSize64)
		}
	}

	b, err := os.ReadFile(filepath.Join(sitetest.Root(), "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	mf, err := modfile.Parse("go.mod", b, nil)
	if err != nil {
		t.Fatal(err)
	}
	imports := moduleImports(t)
	for _, r := range mf.Require {
		if !slices.Contains(imports, moduleImport{Path: r.Mod.Path, Version: r.Mod.Version}) {
			t.Errorf("go.mod requires %s %s, which config/_default/module.toml does not import at that version", r.Mod.Path, r.Mod.Version)
		}
	}
	for _, imp := range imports {
		if imp.Version == "" {
			t.Errorf("module.toml imports %s without a version; the classic install needs one", imp.Path)
		}
	}
}

// TestNotesLinkRelatively: links between our notes use relative paths, so
// they resolve wherever a site mounts the notes.
func TestNotesLinkRelatively(t *testing.T) {
	abs := regexp.MustCompile(`\]\((/[^)\s]*\.md(#[^)\s]*)?)\)|(?:rel)?ref\s+"(/[^"]+)"`)
	root := filepath.Join(sitetest.Root(), "content")
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range abs.FindAllString(string(b), -1) {
			rel, _ := filepath.Rel(sitetest.Root(), p)
			t.Errorf("%s: %s links from the content root; write the path relative to the note so it survives mounting under a prefix", rel, m)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// assertLinks checks the linked-notes fixture: each relative link resolves
// to the page under prefix, and that page (and heading) exists.
func assertLinks(t *testing.T, site *sitetest.Result, prefix, from string) {
	t.Helper()
	page := site.Page(t, prefix+from)
	want := []string{
		prefix + "/notes/git/",
		prefix + "/courses/cs480-680/lecture-16/",
		prefix + "/courses/cs480-680/lecture-16/#residual-networks",
		prefix + "/courses/",
		prefix + "/notes/linked-to/",
	}
	links := page.Links()
	for _, w := range want {
		if !slices.Contains(links, w) {
			t.Errorf("%s: no link to %s; links %q", prefix+from, w, links)
			continue
		}
		target, fragment, _ := strings.Cut(w, "#")
		doc := site.Page(t, target)
		if fragment != "" && len(doc.All(func(n *html.Node) bool { v, _ := sitetest.Attr(n, "id"); return v == fragment })) == 0 {
			t.Errorf("%s: no element with id %q", target, fragment)
		}
	}
	if back := site.Page(t, prefix+"/notes/linked-to/"); !back.HasLink(prefix + from) {
		t.Errorf("%s/notes/linked-to/: the link back does not resolve; links %q", prefix, back.Links())
	}
}

func assertMath(t *testing.T, page *sitetest.Doc) {
	t.Helper()
	if len(page.All(sitetest.Tag("math"))) == 0 {
		t.Errorf("%s: no MathML", page.URL)
	}
	if text := sitetest.Text(page.Root); strings.Contains(text, "$$") {
		t.Errorf("%s: TeX left in the text: some math was not rendered", page.URL)
	}
}

func assertCommands(t *testing.T, page *sitetest.Doc) {
	t.Helper()
	if len(page.All(sitetest.Class("boda-cmd"))) == 0 {
		t.Errorf("%s: no command component (boda-cmd)", page.URL)
	}
	if strings.Contains(page.Raw, "{{&lt;") || strings.Contains(page.Raw, "{{<") {
		t.Errorf("%s: a shortcode was left unrendered", page.URL)
	}
}

func hasClassElem(page *sitetest.Doc, class string) bool {
	return len(page.All(sitetest.Class(class))) > 0
}

// navLinks is the hrefs of the main menu.
func navLinks(page *sitetest.Doc) []string {
	var out []string
	for _, a := range page.All(sitetest.Class("boda-nav__link")) {
		href, _ := sitetest.Attr(a, "href")
		out = append(out, href)
	}
	return out
}

// stylesheet is the content of the page's stylesheets, in order.
func stylesheet(t *testing.T, site *sitetest.Result, page *sitetest.Doc) string {
	t.Helper()
	var b strings.Builder
	for _, l := range page.All(sitetest.Tag("link")) {
		if rel, _ := sitetest.Attr(l, "rel"); rel != "stylesheet" {
			continue
		}
		href, _ := sitetest.Attr(l, "href")
		b.WriteString(site.File(t, strings.TrimPrefix(href, "/")))
	}
	if b.Len() == 0 {
		t.Fatalf("%s: no stylesheet", page.URL)
	}
	return b.String()
}

// enclosingBlocks is the preludes of the CSS blocks open at index i, outermost
// first ("@layer components", ":root", …).
func enclosingBlocks(css string, i int) []string {
	var open []string
	start := 0
	for k := 0; k < i && k < len(css); k++ {
		switch css[k] {
		case '{':
			open = append(open, strings.TrimSpace(css[start:k]))
			start = k + 1
		case '}':
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
			start = k + 1
		case ';':
			start = k + 1
		}
	}
	return open
}

// chroma is the highlighting part of a stylesheet: its .chroma rules.
func chroma(css string) string {
	var b bytes.Buffer
	for _, m := range regexp.MustCompile(`\.chroma[^{]*\{[^}]*\}`).FindAllString(css, -1) {
		b.WriteString(m)
	}
	return b.String()
}

// pathWithout is PATH minus the folders holding an executable named name.
func pathWithout(t *testing.T, name string) string {
	t.Helper()
	var keep []string
	for _, d := range filepath.SplitList(os.Getenv("PATH")) {
		if fi, err := os.Stat(filepath.Join(d, name)); err == nil && !fi.IsDir() {
			continue
		}
		keep = append(keep, d)
	}
	return strings.Join(keep, string(os.PathListSeparator))
}
