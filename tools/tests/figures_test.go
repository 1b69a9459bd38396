package tests

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bodasadallah/boda-blog/tools/internal/browser"
	"github.com/bodasadallah/boda-blog/tools/internal/gates"
	"github.com/bodasadallah/boda-blog/tools/internal/lighthouse"
	"github.com/bodasadallah/boda-blog/tools/internal/npm"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
	"golang.org/x/net/html"
)

// testImage draws a w×h picture with a gradient (so it does not compress to
// nothing) and, when alpha is set, a transparent half.
func testImage(w, h int, alpha bool) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			a := uint8(255)
			if alpha && x > w/2 {
				a = 0
			}
			img.SetNRGBA(x, y, color.NRGBA{uint8(x * 255 / w), uint8(y * 255 / h), uint8((x ^ y) & 255), a})
		}
	}
	return img
}

func encodePNG(t *testing.T, w, h int, alpha bool) string {
	var b bytes.Buffer
	if err := png.Encode(&b, testImage(w, h, alpha)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func encodeJPEG(t *testing.T, w, h int) string {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, testImage(w, h, false), &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func encodeGIF(t *testing.T, w, h int) string {
	pal := color.Palette{color.Black, color.White}
	var frames []*image.Paletted
	for i := 0; i < 2; i++ {
		f := image.NewPaletted(image.Rect(0, 0, w, h), pal)
		f.SetColorIndex(i, i, 1)
		frames = append(frames, f)
	}
	var b bytes.Buffer
	if err := gif.EncodeAll(&b, &gif.GIF{Image: frames, Delay: []int{10, 10}}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// figuresNote is a page bundle with every kind of image a note holds.
const figuresNote = `---
title: Figures
description: Images of every kind, as figures and inline.
date: 2024-01-01
tags: [figures]
---

![A wide diagram with a transparent half](wide.png "The **wide** diagram")

Text with an inline ![small mark](small.png "Small") image.

![A photo of a gradient](photo.jpg)

![A vector diagram](diagram.svg "Vector")

![A two-frame animation](anim.gif)

![The logo of the site](/images/logo.png)

![A 2,600-pixel scan](huge.png "A large scan")

{{< figure src="photo.jpg" alt="The photo through the shortcode" caption="Hugo's *figure* shortcode" attr="Ada" >}}
`

func figuresSite(t *testing.T, extra map[string]string) string {
	t.Helper()
	dir := sitetest.CopySite(t)
	if extra != nil {
		// A site for one mistake: the mistake and one image to misspell.
		extra["content/notes/bad/wide.png"] = encodePNG(t, 40, 20, false)
		sitetest.WriteFiles(t, dir, extra)
		return dir
	}
	files := map[string]string{
		"content/notes/figures/index.md":  figuresNote,
		"content/notes/figures/wide.png":  encodePNG(t, 2000, 600, true),
		"content/notes/figures/small.png": encodePNG(t, 900, 60, false),
		"content/notes/figures/photo.jpg": encodeJPEG(t, 900, 600),
		"content/notes/figures/huge.png":  encodePNG(t, 2600, 400, false),
		// A GIF is published as it is: wide enough for a phone screen at
		// 1.75 device pixels per CSS pixel, as Lighthouse asks of an image in
		// the first screen.
		"content/notes/figures/anim.gif":    encodeGIF(t, 640, 320),
		"content/notes/figures/diagram.svg": `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><path d="M1 1h8v8H1z" fill="none" stroke="#000"/></svg>`,
		"static/images/logo.png":            encodePNG(t, 120, 60, true),
	}
	sitetest.WriteFiles(t, dir, files)
	return dir
}

// srcsetWidths reads the widths of a srcset.
func srcsetWidths(t *testing.T, srcset string) []int {
	t.Helper()
	var out []int
	for _, c := range strings.Split(srcset, ",") {
		f := strings.Fields(c)
		if len(f) != 2 || !strings.HasSuffix(f[1], "w") {
			t.Fatalf("srcset candidate %q", c)
		}
		n, err := strconv.Atoi(strings.TrimSuffix(f[1], "w"))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, n)
	}
	return out
}

var (
	figuresOnce   sync.Once
	figuresResult *sitetest.Result
	figuresErr    error
)

// figuresBuild builds the figures site once (minified, as deployed) for
// the tests that read it; image processing makes it the slow part.
func figuresBuild(t *testing.T) *sitetest.Result {
	t.Helper()
	sitetest.Slow(t) // before the Once: a skip inside it would leave it done and empty
	figuresOnce.Do(func() {
		dir := sitetest.ProcessTempDir(t, "figures-src")
		sitetest.CopyTree(t, figuresSite(t, nil), dir)
		public := sitetest.ProcessTempDir(t, "figures-public")
		figuresResult, figuresErr = sitetest.TryBuild(t, sitetest.Options{Source: dir, Public: public, Args: []string{"--minify"}})
	})
	if figuresErr != nil {
		t.Fatalf("building the figures site: %v\n%s", figuresErr, figuresResult.Output)
	}
	return figuresResult
}

func TestFigures(t *testing.T) {
	r := figuresBuild(t)
	doc := r.Page(t, "/notes/figures/")
	raw := doc.Raw
	if strings.Contains(raw, "ZgotmplZ") {
		t.Error("a URL was replaced by #ZgotmplZ")
	}
	imgs := map[string]*html.Node{}
	for _, img := range sitetest.Find(doc.Root, sitetest.Tag("img")) {
		alt, _ := sitetest.Attr(img, "alt")
		imgs[alt] = img
	}
	get := func(alt, attr string) string {
		t.Helper()
		img, ok := imgs[alt]
		if !ok {
			t.Fatalf("no image %q", alt)
		}
		v, _ := sitetest.Attr(img, attr)
		return v
	}
	type want struct {
		alt         string
		figure      bool
		widths      []int // srcset; nil: none
		width       string
		srcSuffix   string
		caption     string
		lazy        bool
		backdrop    bool
		originalExt string
	}
	cases := []want{
		{"A wide diagram with a transparent half", true, []int{480, 800, 1280, 1920, 2000}, "1280", ".webp", "The wide diagram", false, true, ".png"},
		{"small mark", false, []int{480, 800, 900}, "900", ".webp", "", true, true, ""},
		{"A photo of a gradient", true, []int{480, 800, 900}, "900", ".webp", "", true, false, ".jpg"},
		{"A vector diagram", true, nil, "", ".svg", "Vector", true, true, ".svg"},
		{"A two-frame animation", true, nil, "640", ".gif", "", true, true, ".gif"},
		{"The logo of the site", true, nil, "120", "/images/logo.png", "", true, true, ".png"},
		{"A 2,600-pixel scan", true, []int{480, 800, 1280, 1920, 2400}, "1280", ".webp", "A large scan", true, true, ".png"},
		{"The photo through the shortcode", true, []int{480, 800, 900}, "900", ".webp", "Hugo’s figure shortcode Ada", true, false, ".jpg"},
	}
	for _, c := range cases {
		img := imgs[c.alt]
		if img == nil {
			t.Errorf("no image %q", c.alt)
			continue
		}
		src := get(c.alt, "src")
		if !strings.HasSuffix(src, c.srcSuffix) {
			t.Errorf("%s: src %q, want a %s", c.alt, src, c.srcSuffix)
		}
		if c.widths == nil {
			if v := get(c.alt, "srcset"); v != "" {
				t.Errorf("%s: srcset %q, want none", c.alt, v)
			}
		} else {
			got := srcsetWidths(t, get(c.alt, "srcset"))
			if !equalInts(got, c.widths) {
				t.Errorf("%s: srcset widths %v, want %v", c.alt, got, c.widths)
			}
			if !strings.Contains(get(c.alt, "sizes"), "40rem") {
				t.Errorf("%s: sizes %q do not follow the text column", c.alt, get(c.alt, "sizes"))
			}
		}
		if w := get(c.alt, "width"); w != c.width {
			t.Errorf("%s: width %q, want %q", c.alt, w, c.width)
		} else if w != "" && get(c.alt, "height") == "" {
			t.Errorf("%s: a width without a height", c.alt)
		}
		if lazy := get(c.alt, "loading") == "lazy"; lazy != c.lazy {
			t.Errorf("%s: loading=lazy is %v, want %v", c.alt, lazy, c.lazy)
		}
		if get(c.alt, "decoding") != "async" {
			t.Errorf("%s: not decoding=async", c.alt)
		}
		if sitetest.HasClass(img, "boda-img--backdrop") != c.backdrop {
			t.Errorf("%s: backdrop class is %v, want %v", c.alt, !c.backdrop, c.backdrop)
		}
		fig := img.Parent
		for fig != nil && fig.Data != "figure" && fig.Data != "p" {
			fig = fig.Parent
		}
		isFig := fig != nil && fig.Data == "figure"
		if isFig != c.figure {
			t.Errorf("%s: in a figure is %v, want %v", c.alt, isFig, c.figure)
			continue
		}
		if !c.figure {
			continue
		}
		link := img.Parent
		href, _ := sitetest.Attr(link, "href")
		if link.Data != "a" || !strings.HasSuffix(href, c.originalExt) {
			t.Errorf("%s: not linked to its full-size %s original (parent <%s href=%q>)", c.alt, c.originalExt, link.Data, href)
		}
		caps := sitetest.Find(fig, sitetest.Tag("figcaption"))
		switch {
		case c.caption == "" && len(caps) > 0:
			t.Errorf("%s: a caption %q, want none", c.alt, sitetest.Text(caps[0]))
		case c.caption != "" && (len(caps) != 1 || sitetest.Text(caps[0]) != c.caption):
			t.Errorf("%s: caption %q, want %q", c.alt, textOf(caps), c.caption)
		}
	}
	if v := get("small mark", "title"); v != "Small" {
		t.Errorf("the inline image's title attribute is %q, want Small", v)
	}
	// Every srcset file exists, and no copy is wider than its original.
	for _, img := range imgs {
		srcset, _ := sitetest.Attr(img, "srcset")
		for _, c := range strings.Split(srcset, ",") {
			if f := strings.Fields(c); len(f) == 2 && !r.Exists(strings.TrimPrefix(f[0], "/")) {
				t.Errorf("srcset names %s, which was not published", f[0])
			}
		}
	}

	// The page passes the HTML and accessibility gates, light and dark.
	only := t.TempDir()
	sitetest.WriteFiles(t, only, map[string]string{"figures.html": raw})
	for _, p := range gates.HTML(t, only) {
		t.Error(p)
	}
	problems, weights := gates.Audit(t, r.Public, []string{"/notes/figures/"})
	for _, p := range problems {
		t.Error(p)
	}
	for _, w := range weights {
		t.Logf("figures page, first visit: %d bytes of images, %d bytes of everything else (gzip)", w.Images(), w.Total())
		if w.Total() > 40<<10 {
			t.Errorf("the page's weight without images is %d bytes, over the 40 KB budget", w.Total())
		}
		if w.Images() > imageBudget {
			t.Errorf("the first visit downloads %d bytes of images, over the %d-byte image budget:\n%s", w.Images(), imageBudget, gates.Summary([]*gates.Weight{w}, nil))
		}
	}
}

// imageBudget is what a note's first visit (1280×900 window) may download in
// images: the images in view plus what the browser fetches ahead of lazy
// ones. Images are budgeted apart from the 40 KB of everything else.
const imageBudget = 400 << 10

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestImageMistakes builds notes whose images resolve to nothing or to
// another site.
func TestImageMistakes(t *testing.T) {
	for _, c := range []struct{ name, line, want string }{
		{"jupyter attachment", "![plot](attachment:image.png)", `image "attachment:image.png": no such file`},
		{"missing file", "![plot](no-such-plot.png)", `image "no-such-plot.png": no such file`},
		{"typo in extension", "![plot](wide.pgn)", `image "wide.pgn": no such file`},
		{"figure without src", `{{< figure caption="A plot" >}}`, `figure needs src`},
		{"figure with an unknown argument", `{{< figure src="wide.png" alt="x" colour="red" >}}`, `figure has no argument "colour"`},
		{"figure of another site", `{{< figure src="https://example.com/a.png" alt="x" >}}`, `figure: image "https://example.com/a.png" is on another site`},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := figuresSite(t, map[string]string{"content/notes/bad/index.md": "---\ntitle: Bad\ndescription: A bad image.\ndate: 2024-01-01\n---\n\n" + c.line + "\n"})
			r, err := sitetest.TryBuild(t, sitetest.Options{Source: dir})
			if err == nil {
				t.Fatalf("the build passed; want %q", c.want)
			}
			if !regexp.MustCompile(`content/notes/bad/index\.md:7:\d+"?: ` + regexp.QuoteMeta(c.want)).MatchString(r.Output) {
				t.Errorf("the error does not say %q at bad/index.md:7:\n%s", c.want, r.Output)
			}
		})
	}
	t.Run("remote image", func(t *testing.T) {
		dir := figuresSite(t, map[string]string{"content/notes/bad/index.md": "---\ntitle: Bad\ndescription: A remote image.\ndate: 2024-01-01\n---\n\n![a chart](https://example.com/chart.png)\n"})
		public := t.TempDir()
		out, err := sitetest.Run(t, dir, nil, "--source", dir, "--destination", public, "--logLevel", "warn", "--noBuildLock")
		if err != nil {
			t.Fatalf("build failed: %v\n%s", err, out)
		}
		if !regexp.MustCompile(`content/notes/bad/index\.md:7:\d+"?: image "https://example.com/chart.png" is on another site.*img-src 'self'.*Save the file next to the note`).MatchString(out) {
			t.Errorf("no warning at bad/index.md:7 for the remote image:\n%s", out)
		}
		doc := (&sitetest.Result{Public: public}).Page(t, "/notes/bad/")
		if len(doc.All(sitetest.Tag("img"))) != 0 || !doc.HasLink("https://example.com/chart.png") {
			t.Errorf("the remote image is not replaced by a link:\n%s", doc.Raw)
		}
	})
}

// TestFiguresLighthouse holds a note with several large images to
// Lighthouse's accessibility, best-practices and SEO scores.
func TestFiguresLighthouse(t *testing.T) {
	r := figuresBuild(t)
	chrome := browser.Path(t)
	modules := npm.Modules(t)
	base := browser.Serve(t, r.Public, lighthouse.Gzip)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	res, err := lighthouse.Run(ctx, modules, chrome, base+"/notes/figures/")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"accessibility", "best-practices", "seo"} {
		if res.Scores[c] != 100 {
			t.Errorf("Lighthouse %s of the figures note is %d, want 100: %s", c, res.Scores[c], strings.Join(res.Failed[c], "; "))
		}
	}
	t.Logf("Lighthouse (mobile), figures note: %v", res.Scores)
}
