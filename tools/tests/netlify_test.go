package tests

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/netlify"
	"github.com/bodasadallah/boda-blog/tools/internal/pagefind"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
	"github.com/pelletier/go-toml/v2"
	"golang.org/x/mod/modfile"
	"golang.org/x/net/html"
)

func readNetlify(t *testing.T) *netlify.Config {
	t.Helper()
	c, err := netlify.Load(filepath.Join(sitetest.Root(), "netlify.toml"))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// pinnedHugo is the Hugo version required by tools/go.mod, without the "v".
func pinnedHugo(t *testing.T) string {
	t.Helper()
	path := filepath.Join(sitetest.ToolsDir(), "go.mod")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := modfile.Parse(path, b, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range f.Require {
		if r.Mod.Path == "github.com/gohugoio/hugo" {
			return strings.TrimPrefix(r.Mod.Version, "v")
		}
	}
	t.Fatal("tools/go.mod does not require github.com/gohugoio/hugo")
	return ""
}

// productionBaseURL is the baseURL of config/_default/hugo.toml.
func productionBaseURL(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sitetest.Root(), "config", "_default", "hugo.toml"))
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		BaseURL string `toml:"baseURL"`
	}
	if err := toml.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	if c.BaseURL == "" {
		t.Fatal("config/_default/hugo.toml sets no baseURL")
	}
	return c.BaseURL
}

func TestNetlifyHugoVersionMatchesPin(t *testing.T) {
	c := readNetlify(t)
	pin := pinnedHugo(t)
	if got := c.Build.Environment["HUGO_VERSION"]; got != pin {
		t.Errorf("netlify.toml HUGO_VERSION = %q, tools/go.mod pins Hugo %q: change both together", got, pin)
	}
	if pin != "0.165.0" {
		t.Errorf("tools/go.mod pins Hugo %s; this project is built and tested on 0.165.0", pin)
	}
}

func TestNetlifyBuildsTheSite(t *testing.T) {
	c := readNetlify(t)
	if c.Build.Publish != "public" {
		t.Errorf("publish = %q, want public", c.Build.Publish)
	}
	env := c.Build.Environment
	if env["HUGO_ENVIRONMENT"] != "production" {
		t.Errorf("HUGO_ENVIRONMENT is not production")
	}
	if env["GO_VERSION"] == "" {
		t.Errorf("GO_VERSION is missing: Hugo needs Go to fetch its modules")
	}
	for _, name := range []string{"production", "deploy-preview", "branch-deploy"} {
		if _, ok := c.Contexts[name]; !ok {
			t.Errorf("netlify.toml has no [context.%s]", name)
		}
		steps := contextSteps(t, c, name, "https://example.test")
		if steps[0].Program != "hugo" || !slices.Contains(steps[0].Args, "--gc") || !slices.Contains(steps[0].Args, "--minify") {
			t.Errorf("context %s does not start with hugo --gc --minify: %v", name, steps[0])
		}
		// Node is pinned exactly when a step runs on it.
		usesNode := slices.ContainsFunc(steps, func(s netlify.Step) bool {
			return slices.Contains([]string{"npx", "npm", "node", "pagefind"}, s.Program)
		})
		if _, pinned := c.Context(name).Environment["NODE_VERSION"]; usesNode != pinned {
			t.Errorf("context %s: a step needs Node = %v, NODE_VERSION set = %v; pin Node exactly when a step needs it", name, usesNode, pinned)
		}
	}
	// Previews run the production steps, with only their base URL added.
	prod := contextSteps(t, c, "production", "https://example.test")
	for _, name := range []string{"deploy-preview", "branch-deploy"} {
		if !strings.Contains(c.Context(name).Command, "$DEPLOY_PRIME_URL") {
			t.Errorf("context %s does not build with the preview URL ($DEPLOY_PRIME_URL)", name)
			continue
		}
		steps := contextSteps(t, c, name, "https://example.test")
		steps[0].Args = withoutFlag(steps[0].Args, "--baseURL", "-b")
		if !reflect.DeepEqual(steps, prod) {
			t.Errorf("context %s runs %v, production runs %v: add a step to every context", name, steps, prod)
		}
	}
}

// TestNetlifyServesThe404Page: unknown paths get /404.html with status
// 404, and existing files win over the rule.
func TestNetlifyServesThe404Page(t *testing.T) {
	c := readNetlify(t)
	i := slices.IndexFunc(c.Redirects, func(r netlify.Redirect) bool { return r.Matches("/no/such/page/") })
	if i < 0 {
		t.Fatal("no redirect rule covers unknown paths")
	}
	r := c.Redirects[i]
	if r.To != "/404.html" || r.Status != 404 || r.Force {
		t.Errorf("unknown paths: %+v, want /404.html with status 404, not forced", r)
	}
	if !sitetest.Site(t, "production").Exists("404.html") {
		t.Error("the site publishes no 404.html")
	}
}

func contextSteps(t *testing.T, c *netlify.Config, name, primeURL string) []netlify.Step {
	t.Helper()
	env := map[string]string{"DEPLOY_PRIME_URL": primeURL, "CONTEXT": name}
	steps, err := netlify.Steps(c.Context(name).Command, env)
	if err != nil {
		t.Fatalf("context %s: %v", name, err)
	}
	return steps
}

func withoutFlag(args []string, names ...string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		if slices.Contains(names, args[i]) {
			i++
			continue
		}
		if k, _, ok := strings.Cut(args[i], "="); ok && slices.Contains(names, k) {
			continue
		}
		out = append(out, args[i])
	}
	return out
}

// buildContext runs the Hugo step of a deploy context's command with the
// pinned Hugo, the context's environment and a fake DEPLOY_PRIME_URL, into a
// temporary folder instead of public/.
func buildContext(t *testing.T, c *netlify.Config, name, primeURL string) *sitetest.Result {
	t.Helper()
	ctx := c.Context(name)
	steps := contextSteps(t, c, name, primeURL)
	var env []string
	for k, v := range ctx.Environment {
		env = append(env, k+"="+v)
	}
	env = append(env, "DEPLOY_PRIME_URL="+primeURL, "CONTEXT="+name)
	r := sitetest.Build(t, sitetest.Options{Args: steps[0].Args, Env: env})
	for _, s := range steps[1:] {
		// The one other step is the search index, run by the same
		// Pagefind over the temporary folder.
		if s.Program != "npx" || !slices.Contains(s.Args, "pagefind") || !slices.Contains(s.Args, ctx.Publish) {
			t.Fatalf("context %s runs %s; teach this test to run it", name, s)
		}
		pagefind.Index(t, r.Public)
	}
	return r
}

// TestNetlifyPreviewsStayOnThePreview runs each preview context's command
// and checks that the preview links only to itself and keeps crawlers out,
// and that the production context does neither.
func TestNetlifyPreviewsStayOnThePreview(t *testing.T) {
	c := readNetlify(t)
	prodURL := strings.TrimSuffix(productionBaseURL(t), "/")
	for _, name := range []string{"deploy-preview", "branch-deploy"} {
		t.Run(name, func(t *testing.T) {
			preview := "https://deploy-preview-7--boda-blog.netlify.app"
			r := buildContext(t, c, name, preview)
			pages := r.HTMLFiles(t)
			if len(pages) < 10 {
				t.Fatalf("the preview has only %d pages", len(pages))
			}
			checkPublishedText(t, r, func(rel, text string) {
				if strings.Contains(text, prodURL) {
					t.Errorf("%s mentions the production URL %s", rel, prodURL)
				}
			})
			for _, rel := range pages {
				doc := sitetest.Parse(t, r.File(t, rel), rel)
				if isAlias(doc) {
					continue
				}
				for _, u := range absoluteURLs(doc) {
					if strings.HasPrefix(u, "http") && strings.Contains(u, ".netlify.app") && !strings.HasPrefix(u, preview+"/") {
						t.Errorf("%s links to %s, outside the preview", rel, u)
					}
				}
				canon := linkHref(doc, "canonical")
				if !strings.HasPrefix(canon, preview+"/") {
					t.Errorf("%s: canonical %q is not on the preview", rel, canon)
				}
				if robotsMeta(doc) != "noindex" {
					t.Errorf("%s: a preview page without <meta name=robots content=noindex>", rel)
				}
			}
			robots := r.File(t, "robots.txt")
			if !regexp.MustCompile(`(?m)^Disallow: /$`).MatchString(robots) {
				t.Errorf("the preview's robots.txt does not disallow everything:\n%s", robots)
			}
		})
	}
	t.Run("production", func(t *testing.T) {
		r := buildContext(t, c, "production", "https://main--boda-blog.netlify.app")
		for _, rel := range r.HTMLFiles(t) {
			doc := sitetest.Parse(t, r.File(t, rel), rel)
			if isAlias(doc) {
				continue
			}
			if robotsMeta(doc) != "" {
				t.Errorf("%s: the live site says robots %q", rel, robotsMeta(doc))
			}
			if canon := linkHref(doc, "canonical"); !strings.HasPrefix(canon, prodURL+"/") {
				t.Errorf("%s: canonical %q is not on %s", rel, canon, prodURL)
			}
		}
		robots := r.File(t, "robots.txt")
		if strings.Contains(robots, "Disallow: /") || !strings.Contains(robots, "Sitemap: "+prodURL+"/sitemap.xml") {
			t.Errorf("the live robots.txt should allow crawling and name the sitemap:\n%s", robots)
		}
	})
}

// checkPublishedText calls check with every published text file.
func checkPublishedText(t *testing.T, r *sitetest.Result, check func(rel, text string)) {
	t.Helper()
	err := filepath.WalkDir(r.Public, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch filepath.Ext(p) {
		case ".html", ".xml", ".txt", ".json", ".css", ".js", ".md", ".webmanifest":
		default:
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(r.Public, p)
		check(filepath.ToSlash(rel), string(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// isAlias reports whether a page is one of Hugo's alias redirects.
func isAlias(d *sitetest.Doc) bool {
	for _, m := range d.All(sitetest.Tag("meta")) {
		if v, _ := sitetest.Attr(m, "http-equiv"); strings.EqualFold(v, "refresh") {
			return true
		}
	}
	return false
}

func robotsMeta(d *sitetest.Doc) string {
	for _, m := range d.All(sitetest.Tag("meta")) {
		if n, _ := sitetest.Attr(m, "name"); n == "robots" {
			v, _ := sitetest.Attr(m, "content")
			return v
		}
	}
	return ""
}

func linkHref(d *sitetest.Doc, rel string) string {
	for _, l := range d.All(sitetest.Tag("link")) {
		if v, _ := sitetest.Attr(l, "rel"); v == rel {
			h, _ := sitetest.Attr(l, "href")
			return h
		}
	}
	return ""
}

// absoluteURLs lists every URL-valued attribute of the page.
func absoluteURLs(d *sitetest.Doc) []string {
	var out []string
	for _, n := range d.All(func(*html.Node) bool { return true }) {
		for _, a := range n.Attr {
			switch a.Key {
			case "href", "src", "action", "formaction", "poster", "data", "content", "srcset":
				for _, f := range strings.FieldsFunc(a.Val, func(r rune) bool { return r == ' ' || r == ',' }) {
					if strings.Contains(f, "://") {
						out = append(out, f)
					}
				}
			}
		}
	}
	return out
}

// hashedName matches a file name carrying a content hash: Hugo's
// fingerprint (".<64+ hex>.") or Pagefind's ("_<7+ hex>.").
var hashedName = regexp.MustCompile(`[._][0-9a-f]{7,}\.[a-z_]+$`)

// TestNetlifyCachesOnlyHashedFilesForever builds the site as production
// does (Hugo, then Pagefind) and checks the Cache-Control every published
// file gets: a year and immutable only for files named after their content,
// revalidation for pages and feeds, and no path given one header by two
// rules.
func TestNetlifyCachesOnlyHashedFilesForever(t *testing.T) {
	c := readNetlify(t)
	r := buildContext(t, c, "production", "https://main--boda-blog.netlify.app")
	immutable := 0
	err := filepath.WalkDir(r.Public, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(r.Public, p)
		urlPath := "/" + filepath.ToSlash(rel)
		if strings.HasSuffix(urlPath, "/index.html") {
			urlPath = strings.TrimSuffix(urlPath, "index.html")
		}
		h, err := c.HeadersFor(urlPath)
		if err != nil {
			t.Error(err)
			return nil
		}
		cc := h["Cache-Control"]
		if cc == "" {
			cc = netlify.DefaultCacheControl
		}
		if strings.Contains(cc, "immutable") {
			immutable++
			if !hashedName.MatchString(filepath.Base(p)) {
				t.Errorf("%s is cached as immutable but its name has no content hash", urlPath)
			}
		} else if hashedName.MatchString(filepath.Base(p)) {
			t.Errorf("%s is named after its content hash but served with Cache-Control %q; cache it as immutable", urlPath, cc)
		}
		switch filepath.Ext(p) {
		case ".html", ".xml", ".txt", ".json":
			if cc != netlify.DefaultCacheControl {
				t.Errorf("%s is served with Cache-Control %q; pages and feeds must revalidate", urlPath, cc)
			}
		case ".css", ".js":
			if !strings.HasPrefix(urlPath, "/pagefind/") && cc != "public, max-age=31536000, immutable" {
				t.Errorf("%s: a fingerprinted asset is served with Cache-Control %q", urlPath, cc)
			}
		}
		if h["Content-Security-Policy"] == "" {
			t.Errorf("%s is served without the Content-Security-Policy", urlPath)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if immutable < 3 {
		t.Errorf("only %d files are cached as immutable; the CSS, the JS and the search index chunks should be", immutable)
	}
}

// TestNetlifySecurityHeaders checks the values of the headers every response
// carries, directive by directive: the Content-Security-Policy allows the
// site's own files only (no inline code, no eval; WebAssembly compilation
// for the search is the one exception), and the other headers keep the
// grade an HTTP observatory gives them.
func TestNetlifySecurityHeaders(t *testing.T) {
	c := readNetlify(t)
	h, err := c.HeadersFor("/notes/git/")
	if err != nil {
		t.Fatal(err)
	}
	csp := map[string][]string{}
	for _, d := range strings.Split(h["Content-Security-Policy"], ";") {
		f := strings.Fields(d)
		if len(f) == 0 {
			continue
		}
		if _, dup := csp[f[0]]; dup {
			t.Errorf("CSP directive %s is given twice", f[0])
		}
		csp[f[0]] = f[1:]
	}
	want := map[string][]string{
		"default-src":     {"'none'"},
		"script-src":      {"'self'", "'wasm-unsafe-eval'"},
		"style-src":       {"'self'"},
		"img-src":         {"'self'"},
		"font-src":        {"'self'"},
		"connect-src":     {"'self'"},
		"object-src":      {"'none'"},
		"base-uri":        {"'self'"},
		"form-action":     {"'self'"},
		"frame-ancestors": {"'none'"},
	}
	if !reflect.DeepEqual(csp, want) {
		t.Errorf("Content-Security-Policy is\n  %v\nwant\n  %v", csp, want)
	}
	for name, v := range csp {
		for _, src := range v {
			if src == "'unsafe-inline'" || src == "'unsafe-eval'" || src == "*" || strings.HasPrefix(src, "http:") || src == "data:" {
				t.Errorf("CSP %s allows %s", name, src)
			}
		}
	}
	if m := regexp.MustCompile(`^max-age=(\d+); includeSubDomains$`).FindStringSubmatch(h["Strict-Transport-Security"]); m == nil {
		t.Errorf("Strict-Transport-Security is %q", h["Strict-Transport-Security"])
	} else if age, _ := strconv.Atoi(m[1]); age < 31536000 {
		t.Errorf("Strict-Transport-Security max-age is %d s, less than a year", age)
	}
	for name, v := range map[string]string{
		"X-Content-Type-Options":     "nosniff",
		"Referrer-Policy":            "strict-origin-when-cross-origin",
		"Cross-Origin-Opener-Policy": "same-origin",
	} {
		if h[name] != v {
			t.Errorf("%s is %q, want %q", name, h[name], v)
		}
	}
	pp := h["Permissions-Policy"]
	for _, feature := range []string{"camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"} {
		if !strings.Contains(pp, feature+"=()") {
			t.Errorf("Permissions-Policy does not turn off %s: %q", feature, pp)
		}
	}
	if strings.Contains(pp, "clipboard-write=()") {
		t.Errorf("Permissions-Policy turns off clipboard writing, which the copy buttons need")
	}
}
