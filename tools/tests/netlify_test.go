package tests

import (
	"io"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bodasadallah/boda-blog/tools/internal/netlify"
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

// TestNetlifyBuildsTheSite checks the settings every context shares; what
// each context's build produces is checked by running Netlify's CLI
// (TestNetlifyContextsWithTheCLI).
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
	if env["NODE_VERSION"] == "" || !strings.Contains(c.Build.Command, "pagefind") {
		t.Errorf("the build runs Pagefind on Node: pin NODE_VERSION (%q) and keep Pagefind in the command (%q)", env["NODE_VERSION"], c.Build.Command)
	}
	for _, name := range []string{"production", "deploy-preview", "branch-deploy"} {
		if _, ok := c.Contexts[name]; !ok {
			t.Errorf("netlify.toml has no [context.%s]", name)
		}
	}
	// Previews run the production command, with only their base URL added.
	for _, name := range []string{"deploy-preview", "branch-deploy"} {
		cmd := c.Context(name).Command
		if !strings.Contains(cmd, " --baseURL $DEPLOY_PRIME_URL") {
			t.Errorf("context %s does not build with the preview URL ($DEPLOY_PRIME_URL): %q", name, cmd)
			continue
		}
		if got := strings.Replace(cmd, " --baseURL $DEPLOY_PRIME_URL", "", 1); got != c.Context("production").Command {
			t.Errorf("context %s runs %q, production runs %q: add a step to every context", name, cmd, c.Context("production").Command)
		}
	}
}

// The production deploy, built once per test process by Netlify's CLI.
var (
	prodOnce  sync.Once
	prodBuild *netlify.BuildResult
)

func netlifyProduction(t *testing.T) *netlify.BuildResult {
	t.Helper()
	sitetest.Slow(t) // before the Once: a skip inside it would leave it done and empty
	prodOnce.Do(func() {
		prodBuild = netlify.Build(t, "production", "main", sitetest.ProcessTempDir(t, "netlify-production"))
	})
	if prodBuild == nil {
		t.Fatal("the production build with netlify-cli failed (see the first test that asked for it)")
	}
	return prodBuild
}

// TestNetlifyContextsWithTheCLI runs `netlify build --offline --context X`
// (Netlify's CLI, pinned) for each deploy context, with the pinned Hugo on
// PATH, and checks what each produces: a preview links only to the URL
// Netlify gives it in DEPLOY_PRIME_URL and keeps crawlers out; production
// does neither. Every context also builds the search index.
func TestNetlifyContextsWithTheCLI(t *testing.T) {
	prodURL := strings.TrimSuffix(productionBaseURL(t), "/")
	for _, name := range []string{"deploy-preview", "branch-deploy"} {
		t.Run(name, func(t *testing.T) {
			r := netlify.Build(t, name, "preview-of-"+name, "")
			preview := r.DeployPrimeURL
			if !regexp.MustCompile(`Context\s+` + name + `\s`).MatchString(r.Output) {
				t.Errorf("the CLI did not build the %s context:\n%s", name, r.Output)
			}
			pages := r.HTMLFiles(t)
			if len(pages) < 10 {
				t.Fatalf("the preview has only %d pages", len(pages))
			}
			if !r.Exists("pagefind/pagefind.js") {
				t.Errorf("the %s build has no search index", name)
			}
			checkPublishedText(t, &r.Result, func(rel, text string) {
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
					t.Errorf("%s: canonical %q is not on the preview's DEPLOY_PRIME_URL %s", rel, canon, preview)
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
		r := netlifyProduction(t)
		if !r.Exists("pagefind/pagefind.js") {
			t.Errorf("the production build has no search index")
		}
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

// TestNetlifyServesThe404Page serves the production build with `netlify
// dev`: unknown paths get the 404 page with status 404 and the site's
// headers, and existing files win over the catch-all rule.
func TestNetlifyServesThe404Page(t *testing.T) {
	r := netlifyProduction(t)
	srv := netlify.Serve(t, r.Public, 0, "")
	want := sitetest.Parse(t, r.File(t, "404.html"), "404.html").Title()
	for _, p := range []string{"/no/such/page/", "/notes/no-such-note/", "/nothing.css"} {
		status, h, body := get(t, srv.Base+p)
		if status != http.StatusNotFound || h.Get("Server") != "Netlify" {
			t.Errorf("%s: status %d from %q, want 404 from Netlify", p, status, h.Get("Server"))
		}
		if got := sitetest.Parse(t, body, p).Title(); got != want {
			t.Errorf("%s: shows %q, not the 404 page's %q", p, got, want)
		}
		if h.Get("Content-Security-Policy") == "" {
			t.Errorf("%s: the 404 page is served without the Content-Security-Policy", p)
		}
	}
	for _, p := range []string{"/", "/notes/", "/robots.txt"} {
		if status, _, _ := get(t, srv.Base+p); status != http.StatusOK {
			t.Errorf("%s: status %d; an existing file must win over the 404 rule", p, status)
		}
	}
}

// get fetches a URL without following redirects.
func get(t *testing.T, url string) (int, http.Header, string) {
	t.Helper()
	client := &http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(b)
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

// defaultCacheControl is what Netlify sends for a file that no header rule
// gives a Cache-Control: browsers revalidate, and a deploy purges the CDN.
const defaultCacheControl = "public, max-age=0, must-revalidate"

// TestNetlifyCachesOnlyHashedFilesForever takes the production build of
// Netlify's CLI (Hugo, then Pagefind) and asks the CLI's own header matching
// which rules apply to every published file: a year and immutable only for
// files named after their content, revalidation for pages and feeds, the
// Content-Security-Policy everywhere, and no header set by two rules for one
// path.
func TestNetlifyCachesOnlyHashedFilesForever(t *testing.T) {
	r := netlifyProduction(t)
	files := map[string]string{} // URL path → file name
	err := filepath.WalkDir(r.Public, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(r.Public, p)
		urlPath := "/" + filepath.ToSlash(rel)
		if strings.HasSuffix(urlPath, "/index.html") {
			urlPath = strings.TrimSuffix(urlPath, "index.html")
		}
		files[urlPath] = filepath.Base(p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	matches := netlify.Headers(t, filepath.Join(sitetest.Root(), "netlify.toml"), slices.Sorted(maps.Keys(files)))
	immutable := 0
	for urlPath, name := range files {
		m := matches[urlPath]
		seen := map[string]string{}
		for _, rule := range m.Rules {
			for k := range rule.Values {
				k = http.CanonicalHeaderKey(k)
				if first, dup := seen[k]; dup {
					t.Errorf("%s gets %s from two rules, %q and %q; give each header one rule per path", urlPath, k, first, rule.For)
				}
				seen[k] = rule.For
			}
		}
		cc := m.Get("Cache-Control")
		if cc == "" {
			cc = defaultCacheControl
		}
		if strings.Contains(cc, "immutable") {
			immutable++
			if !hashedName.MatchString(name) {
				t.Errorf("%s is cached as immutable but its name has no content hash", urlPath)
			}
		} else if hashedName.MatchString(name) {
			t.Errorf("%s is named after its content hash but served with Cache-Control %q; cache it as immutable", urlPath, cc)
		}
		switch filepath.Ext(name) {
		case ".html", ".xml", ".txt", ".json":
			if cc != defaultCacheControl {
				t.Errorf("%s is served with Cache-Control %q; pages and feeds must revalidate", urlPath, cc)
			}
		case ".css", ".js":
			if !strings.HasPrefix(urlPath, "/pagefind/") && cc != "public, max-age=31536000, immutable" {
				t.Errorf("%s: a fingerprinted asset is served with Cache-Control %q", urlPath, cc)
			}
		}
		if m.Get("Content-Security-Policy") == "" {
			t.Errorf("%s is served without the Content-Security-Policy", urlPath)
		}
	}
	if immutable < 3 {
		t.Errorf("only %d files are cached as immutable; the CSS, the JS and the search index chunks should be", immutable)
	}
}

// TestNetlifySecurityHeaders checks the values of the headers every response
// carries, directive by directive: the Content-Security-Policy allows the
// site's own files only (no inline code, no eval; WebAssembly compilation
// for the search is the one exception), and the other headers keep the
// grade an HTTP observatory gives them. The headers are those the CLI's
// own matching gives a note's path.
func TestNetlifySecurityHeaders(t *testing.T) {
	m := netlify.Headers(t, filepath.Join(sitetest.Root(), "netlify.toml"), []string{"/notes/git/"})["/notes/git/"]
	h := map[string]string{}
	for k, v := range m.Values {
		h[http.CanonicalHeaderKey(k)] = v
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
