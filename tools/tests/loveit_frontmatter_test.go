package tests

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// loveItConfig is our site configuration as a migrating LoveIt site sets
// it up: a categories taxonomy, and dates taken from dated file names.
func loveItConfig(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sitetest.Root(), "config", "_default", "hugo.toml"))
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(b), "[taxonomies]\n", "[taxonomies]\n  category = \"categories\"\n", 1)
	s = strings.Replace(s, "[frontmatter]\n", "[frontmatter]\n  date = [\":filename\", \":default\"]\n", 1)
	if s == string(b) {
		t.Fatal("hugo.toml has no [taxonomies] or [frontmatter] table to extend")
	}
	return s
}

const loveItPost = `---
title: "Backpropagation, by hand"
subtitle: "A chain rule walk-through"
summary: "How gradients flow backwards through $f(g(x))$, one layer at a time."
author: "Ada"
authorLink: "https://example.org/ada"
featuredImage: "featured-image.png"
featuredImagePreview: "preview.png"
tags: ["gradients"]
categories: ["Deep Learning"]
toc:
  enable: false
math: true
lightgallery: true
license: "CC BY-NC 4.0"
---

## One

Text.

## Two

Text.

## Three

Text.
`

const loveItHidden = `---
title: "A hidden note"
hiddenFromHomePage: true
hiddenFromSearch: true
toc: false
categories: ["Deep Learning"]
---

## One

## Two

## Three
`

func loveItSite(t *testing.T, extra map[string]string) string {
	t.Helper()
	sitetest.Slow(t)
	files := map[string]string{
		"config/_default/hugo.toml":                            loveItConfig(t),
		"content/_index.md":                                    "---\ntitle: My LoveIt blog\ndescription: Notes moved from LoveIt.\n---\n",
		"content/posts/_index.md":                              "---\ntitle: Posts\ndescription: Every post.\n---\n",
		"content/posts/2022-02-01-backprop/index.md":           loveItPost,
		"content/posts/2022-02-01-backprop/featured-image.png": encodePNG(t, 1600, 800, false),
		"content/posts/2022-02-01-backprop/preview.png":        encodePNG(t, 800, 450, false),
		"content/posts/2022-03-05-hidden.md":                   loveItHidden,
	}
	for k, v := range extra {
		files[k] = v
	}
	return sitetest.Fixture(t, files)
}

func TestLoveItFrontMatter(t *testing.T) {
	r := sitetest.Build(t, sitetest.Options{Source: loveItSite(t, nil)})
	post := r.Page(t, "/posts/backprop/")
	text := func(class string) string {
		if n := post.All(sitetest.Class(class)); len(n) > 0 {
			return sitetest.Text(n[0])
		}
		return ""
	}
	meta := func(doc *sitetest.Doc, attr, name string) string {
		for _, m := range doc.All(sitetest.Tag("meta")) {
			if v, _ := sitetest.Attr(m, attr); v == name {
				c, _ := sitetest.Attr(m, "content")
				return c
			}
		}
		return ""
	}
	if got := text("boda-page-header__subtitle"); got != "A chain rule walk-through" {
		t.Errorf("subtitle %q", got)
	}
	if got := meta(post, "name", "description"); !strings.HasPrefix(got, "How gradients flow backwards through f(g(x)), one layer") {
		t.Errorf("the summary is not the description: %q", got)
	}
	if got := text("boda-meta"); !strings.Contains(got, "By Ada") || !post.HasLink("https://example.org/ada") {
		t.Errorf("no author line linking https://example.org/ada: %q", got)
	}
	if !strings.Contains(post.Raw, `"author":{"@type":"Person","name":"Ada","url":"https://example.org/ada"}`) {
		t.Error("JSON-LD does not name the note's author")
	}
	if strings.Contains(post.Raw, "boda-toc") {
		t.Error("toc: {enable: false} still shows a table of contents")
	}
	// The featured image heads the note, processed; the preview is the card.
	hero := post.All(sitetest.Class("boda-page-header__image"))
	if len(hero) != 1 {
		t.Fatalf("%d featured images in the header, want 1", len(hero))
	}
	img := sitetest.Find(hero[0], sitetest.Tag("img"))[0]
	if src, _ := sitetest.Attr(img, "src"); !strings.HasSuffix(src, ".webp") {
		t.Errorf("the featured image is not processed: %s", src)
	}
	if v, _ := sitetest.Attr(img, "srcset"); v == "" {
		t.Error("the featured image has no srcset")
	}
	og := meta(post, "property", "og:image")
	if !strings.Contains(og, "/posts/backprop/preview_") || !strings.HasSuffix(og, ".webp") || meta(post, "property", "og:image:width") != "1200" {
		t.Errorf("og:image %q (width %q) is not the 1200-wide preview", og, meta(post, "property", "og:image:width"))
	}
	if meta(post, "name", "twitter:card") != "summary_large_image" {
		t.Error("no large Twitter card for a note with a preview image")
	}
	// Categories work like tags: on the note, their pages, feeds, keywords.
	if !post.HasLink("/categories/deep-learning/") {
		t.Error("the note does not link its category")
	}
	if !strings.Contains(post.Raw, `"keywords":"Deep Learning, gradients"`) {
		t.Error("JSON-LD keywords lack the category")
	}
	cat := r.Page(t, "/categories/deep-learning/")
	if !cat.HasLink("/posts/backprop/") || !cat.HasLink("/posts/hidden/") {
		t.Error("the category page does not list both notes")
	}
	if !r.Exists("categories/deep-learning/index.xml") {
		t.Error("the category has no feed")
	}
	if cats := r.Page(t, "/categories/"); strings.Contains(sitetest.Text(cats.Root), "#Deep Learning") {
		t.Error("categories are written with a # like tags")
	}
	// The section list shows the preview thumbnail; the home page hides the
	// hidden note; search does not index it.
	list := r.Page(t, "/posts/")
	if len(list.All(sitetest.Class("boda-list__thumb"))) != 1 {
		t.Error("the section list shows no preview thumbnail")
	}
	if home := r.Page(t, "/"); home.HasLink("/posts/hidden/") || !home.HasLink("/posts/backprop/") {
		t.Error("hiddenFromHomePage is not honoured on the home page")
	}
	hidden := r.Page(t, "/posts/hidden/")
	if strings.Contains(hidden.Raw, "data-pagefind-body") {
		t.Error("hiddenFromSearch: the note is still marked for the search index")
	}
	if strings.Contains(hidden.Raw, "boda-toc") {
		t.Error("toc: false still shows a table of contents")
	}
	for _, feed := range []string{"index.xml", "posts/index.xml", "categories/deep-learning/index.xml"} {
		if f := r.File(t, feed); strings.Contains(f, "/posts/hidden/") || !strings.Contains(f, "/posts/backprop/") {
			t.Errorf("%s: hiddenFromSearch is not honoured (or the other note is missing)", feed)
		}
	}
	if !strings.Contains(post.Raw, "data-pagefind-body") {
		t.Error("an ordinary note is not marked for the search index")
	}
	// Dates come from the file names.
	if !strings.Contains(post.Raw, `datetime="2022-02-01"`) {
		t.Error("the date was not taken from the file name")
	}
}

func TestLoveItFrontMatterMistakes(t *testing.T) {
	for _, c := range []struct{ name, fm, want string }{
		{"subtitle not text", "subtitle: 12", "subtitle 12 is not text"},
		{"hidden as text", "hiddenFromSearch: \"yes\"", `hiddenFromSearch "yes": write true or false`},
		{"script author link", "author: Ada\nauthorLink: \"javascript:alert(1)\"", `authorLink "javascript:alert(1)": write a web address`},
		{"missing featured image", "featuredImage: \"nope.png\"", `featuredImage "nope.png": no such file`},
		{"remote featured image", "featuredImage: \"https://example.com/a.png\"", `featuredImage "https://example.com/a.png" is on another site`},
		{"toc as text", "toc: \"no\"", `toc "no": write toc: false`},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := loveItSite(t, map[string]string{"content/posts/2022-04-01-bad.md": "---\ntitle: Bad\n" + c.fm + "\n---\nText.\n"})
			r, err := sitetest.TryBuild(t, sitetest.Options{Source: dir})
			if err == nil {
				t.Fatalf("the build passed; want %q", c.want)
			}
			if !strings.Contains(r.Output, "content/posts/2022-04-01-bad.md: "+c.want) {
				t.Errorf("the error does not name the file with %q:\n%s", c.want, r.Output)
			}
		})
	}
}
