package netlify

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestPathMatching(t *testing.T) {
	cases := []struct {
		pattern string
		match   []string
		miss    []string
	}{
		{"/*", []string{"/", "/a", "/a/b/", "/css/x.css"}, nil},
		{"/", []string{"/"}, []string{"/a"}},
		// Netlify's splat is "/?(.*)" after the segment, so it also
		// matches a longer first segment: "/css/*" matches "/cssx".
		{"/css/*", []string{"/css", "/css/", "/css/a.css", "/CSS/a/b.css", "/cssx"}, []string{"/js/a.js", "/a/css/b"}},
		{"/*.xml", []string{"/index.xml", "/notes/index.xml"}, []string{"/index.html", "/xml"}},
		{"/notes/:slug", []string{"/notes/git", "/notes/git/"}, []string{"/notes", "/notes/git/x"}},
		{"/a.b/*", []string{"/a.b/c"}, []string{"/aXb/c"}},
		{"/404.html", []string{"/404.html", "/404.html/"}, []string{"/404xhtml"}},
	}
	for _, c := range cases {
		re := pathRegexp(c.pattern)
		for _, p := range c.match {
			if !re.MatchString(p) {
				t.Errorf("%q should match %q", c.pattern, p)
			}
		}
		for _, p := range c.miss {
			if re.MatchString(p) {
				t.Errorf("%q should not match %q", c.pattern, p)
			}
		}
	}
}

const sample = `
[build]
  command = "hugo --gc --minify"
  publish = "public"
  [build.environment]
    A = "build"
    B = "build"
[context.deploy-preview]
  command = "hugo -b $DEPLOY_PRIME_URL && npx -y pagefind --site 'public'"
  [context.deploy-preview.environment]
    B = "preview"
[[redirects]]
  from = "/*"
  to = "/404.html"
  status = 404
[[headers]]
  for = "/*"
  [headers.values]
    x-content-type-options = "nosniff"
    Content-Security-Policy = """\
      default-src 'none'; \
      img-src 'self'"""
[[headers]]
  for = "/css/*"
  [headers.values]
    Cache-Control = '''
    public,
    max-age=31536000,
    immutable'''
`

func TestParseNormalizesValuesLikeNetlify(t *testing.T) {
	c, err := Parse([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	h, err := c.HeadersFor("/css/a.css")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"X-Content-Type-Options":  "nosniff",
		"Content-Security-Policy": "default-src 'none'; img-src 'self'",
		"Cache-Control":           "public, max-age=31536000, immutable",
	}
	if !reflect.DeepEqual(h, want) {
		t.Errorf("headers for /css/a.css:\n got %v\nwant %v", h, want)
	}
	h, _ = c.HeadersFor("/notes/")
	if _, ok := h["Cache-Control"]; ok {
		t.Errorf("/notes/ should get no Cache-Control from the rules: %v", h)
	}
}

func TestOverlappingHeaderIsAnError(t *testing.T) {
	c, err := Parse([]byte(sample + `
[[headers]]
  for = "/*.css"
  [headers.values]
    Cache-Control = "no-store"
`))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.HeadersFor("/css/a.css"); err == nil || !strings.Contains(err.Error(), "Cache-Control") {
		t.Errorf("two rules setting Cache-Control for /css/a.css: got %v, want an error", err)
	}
	if _, err := c.HeadersFor("/a.css"); err != nil {
		t.Errorf("/a.css matches one Cache-Control rule: %v", err)
	}
}

func TestMultilineValueIsAnError(t *testing.T) {
	_, err := Parse([]byte(`
[[headers]]
  for = "/*"
  [headers.values]
    Content-Security-Policy = """
      default-src 'none';
      img-src 'self'"""
`))
	if err == nil {
		t.Fatal("a header value spanning lines parsed without error")
	}
}

func TestContextAndSteps(t *testing.T) {
	c, err := Parse([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	ctx := c.Context("deploy-preview")
	if ctx.Environment["A"] != "build" || ctx.Environment["B"] != "preview" || ctx.Publish != "public" {
		t.Errorf("deploy-preview context: %+v", ctx)
	}
	steps, err := Steps(ctx.Command, map[string]string{"DEPLOY_PRIME_URL": "https://x--site.example/"})
	if err != nil {
		t.Fatal(err)
	}
	want := []Step{
		{"hugo", []string{"-b", "https://x--site.example/"}},
		{"npx", []string{"-y", "pagefind", "--site", "public"}},
	}
	if !reflect.DeepEqual(steps, want) {
		t.Errorf("steps:\n got %#v\nwant %#v", steps, want)
	}
	if c.Context("production").Command != "hugo --gc --minify" {
		t.Errorf("production inherits the build command")
	}
	if _, err := Steps("hugo | tee log", nil); err == nil {
		t.Error("a pipe in a build command should be refused")
	}
}

func TestHandlerServesLikeNetlify(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"index.html":       "home",
		"404.html":         "not found page",
		"notes/index.html": "notes",
		"css/a.css":        "body{}",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, err := Parse([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(c.Handler(dir))
	defer srv.Close()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(p string) (*http.Response, string) {
		resp, err := client.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}

	resp, body := get("/notes/")
	if resp.StatusCode != 200 || body != "notes" || resp.Header.Get("Cache-Control") != DefaultCacheControl || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("/notes/: %d %q %v", resp.StatusCode, body, resp.Header)
	}
	resp, _ = get("/notes")
	if resp.StatusCode != 301 || resp.Header.Get("Location") != "/notes/" {
		t.Errorf("/notes: %d %v", resp.StatusCode, resp.Header)
	}
	resp, body = get("/nope/")
	if resp.StatusCode != 404 || body != "not found page" || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Errorf("/nope/: %d %q %v", resp.StatusCode, body, resp.Header)
	}
	resp, _ = get("/css/a.css")
	if resp.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
		t.Errorf("/css/a.css: %v", resp.Header)
	}
}
