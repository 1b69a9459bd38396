package netlify

import (
	"fmt"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Handler serves a published folder the way Netlify serves a deploy of it:
// "/dir/" serves "/dir/index.html", "/dir" redirects to "/dir/", a file
// that exists wins over a redirect unless the redirect is forced, a
// redirect with status 200 or 404 rewrites to its target with that status,
// and every response carries the headers of the rules that match the
// request path, with Netlify's default Cache-Control when none sets one.
//
// A request whose path two rules give the same header is answered with
// status 500 and the reason, so a browser test sees it as a failure.
func (c *Config) Handler(dir string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if !strings.HasPrefix(p, "/") {
			p = "/" + p
		}
		headers, err := c.HeadersFor(p)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		for k, v := range headers {
			w.Header().Set(k, v)
		}
		if w.Header().Get("Cache-Control") == "" {
			w.Header().Set("Cache-Control", DefaultCacheControl)
		}

		if rd := c.redirect(p, true); rd != nil {
			c.serveRedirect(w, r, dir, rd)
			return
		}
		file, redirectTo := resolve(dir, p)
		switch {
		case redirectTo != "":
			http.Redirect(w, r, redirectTo, http.StatusMovedPermanently)
		case file != "":
			serveFile(w, r, file, http.StatusOK)
		default:
			if rd := c.redirect(p, false); rd != nil {
				c.serveRedirect(w, r, dir, rd)
				return
			}
			http.Error(w, "Not Found", http.StatusNotFound)
		}
	})
}

// redirect returns the first redirect rule, forced or not, that matches p.
func (c *Config) redirect(p string, forced bool) *Redirect {
	for i := range c.Redirects {
		rd := &c.Redirects[i]
		if rd.Force == forced && rd.Matches(p) {
			return rd
		}
	}
	return nil
}

func (c *Config) serveRedirect(w http.ResponseWriter, r *http.Request, dir string, rd *Redirect) {
	if rd.Status == http.StatusOK || rd.Status == http.StatusNotFound {
		file, _ := resolve(dir, rd.To)
		if file == "" {
			http.Error(w, fmt.Sprintf("redirect %s → %s: no such file in the deploy", rd.From, rd.To), http.StatusNotFound)
			return
		}
		serveFile(w, r, file, rd.Status)
		return
	}
	http.Redirect(w, r, rd.To, rd.Status)
}

// resolve finds the published file for a URL path, or the path to redirect
// a folder without its trailing slash to.
func resolve(dir, urlPath string) (file, redirectTo string) {
	clean := path.Clean("/" + urlPath)
	full := filepath.Join(dir, filepath.FromSlash(clean))
	info, err := os.Stat(full)
	if err != nil {
		return "", ""
	}
	if info.IsDir() {
		index := filepath.Join(full, "index.html")
		if _, err := os.Stat(index); err != nil {
			return "", ""
		}
		if !strings.HasSuffix(urlPath, "/") {
			return "", clean + "/"
		}
		return index, ""
	}
	return full, ""
}

func serveFile(w http.ResponseWriter, r *http.Request, file string, status int) {
	f, err := os.Open(file)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer f.Close()
	if status == http.StatusOK {
		info, err := f.Stat()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		http.ServeContent(w, r, file, info.ModTime(), f)
		return
	}
	if ct := contentType(file); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = f.WriteTo(w)
	}
}

func contentType(file string) string {
	switch strings.ToLower(filepath.Ext(file)) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".xml":
		return "application/xml"
	case ".txt":
		return "text/plain; charset=utf-8"
	}
	return ""
}
