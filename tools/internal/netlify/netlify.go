// Package netlify reads netlify.toml and answers what Netlify would do with
// it: which command and environment a deploy context builds with, which
// headers a path is served with, and which redirect or 404 page applies.
//
// Path matching follows Netlify's own rules for the `for` of a header and the
// `from` of a redirect: the path is split on "/", a segment that is exactly
// "*" matches the rest of the path (or nothing), "*" inside a segment matches
// any run of characters, ":name" matches one segment, a trailing "/" is
// optional and letters match without regard to case.
package netlify

import (
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

// Config is the part of netlify.toml that Boda Blog uses.
type Config struct {
	Build     Context            `toml:"build"`
	Contexts  map[string]Context `toml:"context"`
	Headers   []HeaderRule       `toml:"headers"`
	Redirects []Redirect         `toml:"redirects"`
}

// Context is [build] or one [context.<name>] table.
type Context struct {
	Command     string            `toml:"command"`
	Publish     string            `toml:"publish"`
	Environment map[string]string `toml:"environment"`
}

// HeaderRule is one [[headers]] table.
type HeaderRule struct {
	For    string         `toml:"for"`
	Values map[string]any `toml:"values"`

	re     *regexp.Regexp
	values map[string]string // normalized, keyed by canonical header name
}

// Redirect is one [[redirects]] table.
type Redirect struct {
	From   string `toml:"from"`
	To     string `toml:"to"`
	Status int    `toml:"status"`
	Force  bool   `toml:"force"`

	re *regexp.Regexp
}

// DefaultCacheControl is what Netlify sends for a file that no header rule
// gives a Cache-Control: browsers revalidate, and a deploy purges the CDN.
const DefaultCacheControl = "public, max-age=0, must-revalidate"

// Load reads and checks a netlify.toml.
func Load(path string) (*Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(b)
}

// Parse parses and checks the text of a netlify.toml.
func Parse(b []byte) (*Config, error) {
	var c Config
	if err := toml.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("netlify.toml: %w", err)
	}
	for i := range c.Headers {
		h := &c.Headers[i]
		if strings.TrimSpace(h.For) == "" {
			return nil, fmt.Errorf("netlify.toml: header rule %d has no \"for\" path", i+1)
		}
		h.For = strings.TrimSpace(h.For)
		h.re = pathRegexp(h.For)
		h.values = map[string]string{}
		for k, raw := range h.Values {
			name := canonicalName(strings.TrimSpace(k))
			if name == "" {
				return nil, fmt.Errorf("netlify.toml: header rule %q has an empty header name", h.For)
			}
			if _, dup := h.values[name]; dup {
				return nil, fmt.Errorf("netlify.toml: header rule %q sets %s twice", h.For, name)
			}
			v, err := normalizeValue(raw)
			if err != nil {
				return nil, fmt.Errorf("netlify.toml: header rule %q, %s: %w", h.For, name, err)
			}
			if strings.ContainsAny(v, "\r\n") {
				return nil, fmt.Errorf("netlify.toml: header rule %q, %s: the value spans lines; end each line with a backslash inside \"\"\" quotes so the lines join", h.For, name)
			}
			h.values[name] = v
		}
	}
	for i := range c.Redirects {
		r := &c.Redirects[i]
		if r.From == "" || r.To == "" {
			return nil, fmt.Errorf("netlify.toml: redirect %d needs both \"from\" and \"to\"", i+1)
		}
		if r.Status == 0 {
			r.Status = 301
		}
		r.re = pathRegexp(strings.TrimSpace(r.From))
	}
	return &c, nil
}

// canonicalName spells a header name the way net/http does
// (content-security-policy → Content-Security-Policy).
func canonicalName(k string) string {
	parts := strings.Split(strings.ToLower(k), "-")
	for i, p := range parts {
		if p != "" {
			parts[i] = strings.ToUpper(p[:1]) + p[1:]
		}
	}
	return strings.Join(parts, "-")
}

var multiValueSep = regexp.MustCompile(`\s*,\s*`)

// normalizeValue turns a header value as written in netlify.toml into the
// value Netlify sends: strings are trimmed and their comma-separated parts
// joined with ", "; arrays are joined with ", ".
func normalizeValue(raw any) (string, error) {
	switch v := raw.(type) {
	case string:
		return multiValueSep.ReplaceAllString(strings.TrimSpace(v), ", "), nil
	case []any:
		parts := make([]string, len(v))
		for i, item := range v {
			s, ok := item.(string)
			if !ok {
				return "", fmt.Errorf("item %d is %T, not a string", i, item)
			}
			parts[i] = strings.TrimSpace(s)
		}
		return strings.Join(parts, ", "), nil
	default:
		return "", fmt.Errorf("value is %T, not a string", raw)
	}
}

// pathRegexp compiles a `for` or `from` path the way Netlify does.
func pathRegexp(path string) *regexp.Regexp {
	var parts []string
	for _, seg := range strings.Split(path, "/") {
		seg = strings.TrimRight(seg, " \t")
		if seg == "" {
			continue
		}
		switch {
		case strings.HasPrefix(seg, ":"):
			parts = append(parts, `([^/]+)`)
		case seg == "*":
			// A whole-segment splat also matches nothing at all, so
			// "/css/*" matches "/css" and "/css/".
			parts = append(parts, `?(.*)`)
		case strings.Contains(seg, "*"):
			quoted := strings.Split(seg, "*")
			for i := range quoted {
				quoted[i] = regexp.QuoteMeta(quoted[i])
			}
			parts = append(parts, strings.Join(quoted, `(.*)`))
		default:
			parts = append(parts, regexp.QuoteMeta(seg))
		}
	}
	return regexp.MustCompile(`(?i)^/` + strings.Join(parts, "/") + `/?$`)
}

// Matches reports whether the rule applies to a request path.
func (h *HeaderRule) Matches(path string) bool { return h.re.MatchString(path) }

// Header returns the normalized value the rule sets for a header name, if any.
func (h *HeaderRule) Header(name string) (string, bool) {
	v, ok := h.values[canonicalName(name)]
	return v, ok
}

// Names lists the headers the rule sets, sorted.
func (h *HeaderRule) Names() []string {
	names := make([]string, 0, len(h.values))
	for k := range h.values {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// Matches reports whether the redirect's `from` applies to a request path.
func (r *Redirect) Matches(path string) bool { return r.re.MatchString(path) }

// HeadersFor returns the headers Netlify adds to a response for a request
// path: the values of every matching rule. Two matching rules that set the
// same header are an error: Netlify's documentation does not say whether
// the CDN joins or replaces them, so the configuration must not depend on
// either.
func (c *Config) HeadersFor(path string) (map[string]string, error) {
	out := map[string]string{}
	from := map[string]string{}
	for i := range c.Headers {
		h := &c.Headers[i]
		if !h.Matches(path) {
			continue
		}
		for name, v := range h.values {
			if prev, dup := from[name]; dup {
				return nil, fmt.Errorf("%s: both header rules %q and %q set %s; give each header one rule per path", path, prev, h.For, name)
			}
			from[name] = h.For
			out[name] = v
		}
	}
	return out, nil
}

// Rule returns the header rule with exactly this `for` path, or nil.
func (c *Config) Rule(forPath string) *HeaderRule {
	for i := range c.Headers {
		if c.Headers[i].For == forPath {
			return &c.Headers[i]
		}
	}
	return nil
}

// Context returns what a deploy context ("production", "deploy-preview",
// "branch-deploy") builds with: its own command and publish folder, else the
// [build] ones, and the [build] environment overlaid with its own.
func (c *Config) Context(name string) Context {
	ctx := c.Contexts[name]
	out := Context{Command: c.Build.Command, Publish: c.Build.Publish, Environment: map[string]string{}}
	if ctx.Command != "" {
		out.Command = ctx.Command
	}
	if ctx.Publish != "" {
		out.Publish = ctx.Publish
	}
	for k, v := range c.Build.Environment {
		out.Environment[k] = v
	}
	for k, v := range ctx.Environment {
		out.Environment[k] = v
	}
	return out
}
