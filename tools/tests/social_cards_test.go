package tests

import (
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// metaContent returns the content of the <meta> with the given property or
// name, "" when the page has none.
func metaContent(doc *sitetest.Doc, key string) string {
	for _, m := range doc.All(sitetest.Tag("meta")) {
		p, _ := sitetest.Attr(m, "property")
		n, _ := sitetest.Attr(m, "name")
		if p == key || n == key {
			c, _ := sitetest.Attr(m, "content")
			return c
		}
	}
	return ""
}

// decodedSize decodes a published PNG (by its absolute URL) and returns its
// size.
func decodedSize(t *testing.T, site *sitetest.Result, url string) (int, int) {
	t.Helper()
	rel := strings.TrimPrefix(url, "https://boda-blog.netlify.app/")
	f, err := os.Open(filepath.Join(site.Public, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatalf("the card %s is not published: %v", url, err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("the card %s is not a PNG: %v", url, err)
	}
	return img.Bounds().Dx(), img.Bounds().Dy()
}

// TestSocialCards: every note without its own picture gets a generated
// 1200×630 PNG card in og:image and twitter:image, with its width and
// height; a note's featuredImage wins; a title the card's font cannot draw
// gets no card (rather than boxes); list pages get none.
func TestSocialCards(t *testing.T) {
	site, _ := extrasSite(t)
	cards := map[string]bool{}
	for _, page := range []string{"/notes/tf-one/", "/notes/tf-two/", "/notes/card/", "/notes/lonely/", "/notes/diagram/", "/courses/ml/lecture-1/"} {
		doc := site.Page(t, page)
		og := metaContent(doc, "og:image")
		if !strings.HasSuffix(og, ".png") || !strings.Contains(og, "/boda/social-card_") {
			t.Errorf("%s: og:image %q is not a generated card", page, og)
			continue
		}
		if tw := metaContent(doc, "twitter:image"); tw != og {
			t.Errorf("%s: twitter:image %q, og:image %q", page, tw, og)
		}
		if c := metaContent(doc, "twitter:card"); c != "summary_large_image" {
			t.Errorf("%s: twitter:card %q", page, c)
		}
		if w, h := metaContent(doc, "og:image:width"), metaContent(doc, "og:image:height"); w != "1200" || h != "630" {
			t.Errorf("%s: og:image:width/height %s×%s, want 1200×630", page, w, h)
		}
		if w, h := decodedSize(t, site, og); w != 1200 || h != 630 {
			t.Errorf("%s: the card decodes to %d×%d, want 1200×630", page, w, h)
		}
		if cards[og] {
			t.Errorf("%s shares its card %s with another note", page, og)
		}
		cards[og] = true
	}

	// Every published card decodes to 1200×630.
	n := 0
	filepath.WalkDir(filepath.Join(site.Public, "boda"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasPrefix(d.Name(), "social-card_") {
			n++
			rel, _ := filepath.Rel(site.Public, p)
			if w, h := decodedSize(t, site, filepath.ToSlash(rel)); w != 1200 || h != 630 {
				t.Errorf("%s decodes to %d×%d", rel, w, h)
			}
		}
		return nil
	})
	if n < len(cards) {
		t.Errorf("found %d published cards, want at least %d", n, len(cards))
	}

	// The note's own picture wins.
	if og := metaContent(site.Page(t, "/notes/featured/"), "og:image"); strings.Contains(og, "social-card") || !strings.Contains(og, "/notes/featured/") {
		t.Errorf("the note with a featuredImage shares %q, not its picture", og)
	}
	// Arabic letters are not in the card's font: no card, no boxes.
	if og := metaContent(site.Page(t, "/notes/arabic/"), "og:image"); og != "" {
		t.Errorf("the Arabic note got the card %q, drawn with a font that has no Arabic letters", og)
	}
	for _, page := range []string{"/", "/notes/", "/archive/"} {
		if og := metaContent(site.Page(t, page), "og:image"); og != "" {
			t.Errorf("list page %s shares %q", page, og)
		}
	}
}

// TestSocialCardsAreCached: the cards go to Hugo's image cache in the
// cacheDir (which Netlify keeps between deploys), and a second build draws
// none again: the cached cards keep their modification times.
func TestSocialCardsAreCached(t *testing.T) {
	src := sitetest.Fixture(t, extrasFiles(t))
	cacheDir := t.TempDir()
	build := func() *sitetest.Result {
		return sitetest.Build(t, sitetest.Options{Source: src, Args: []string{"--environment", "production", "--cacheDir", cacheDir}})
	}
	build()
	before := map[string]time.Time{}
	filepath.WalkDir(cacheDir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.Contains(d.Name(), "social-card_") {
			info, _ := d.Info()
			before[p] = info.ModTime()
		}
		return nil
	})
	if len(before) < 5 {
		t.Fatalf("found %d cards in the cacheDir %s, want one a note", len(before), cacheDir)
	}
	if _, err := os.Stat(filepath.Join(src, "resources", "_gen", "images")); err == nil {
		t.Errorf("processed images went to resources/_gen, which a deploy starts without")
	}
	time.Sleep(1100 * time.Millisecond)
	second := build()
	for p, m := range before {
		info, err := os.Stat(p)
		if err != nil {
			t.Errorf("the second build removed the cached card %s", p)
		} else if !info.ModTime().Equal(m) {
			t.Errorf("the second build drew %s again", filepath.Base(p))
		}
	}
	if og := metaContent(second.Page(t, "/notes/tf-one/"), "og:image"); og == "" {
		t.Error("the second build has no card for tf-one")
	}
}

// TestSocialCardsOffAndDefault: params.boda.socialCards.enable = false
// draws no card; params.boda.socialCards.image then stands for every page,
// at 1200×630, list pages included.
func TestSocialCardsOffAndDefault(t *testing.T) {
	files := extrasFiles(t)
	files["assets/images/site-card.png"] = encodePNG(t, 1600, 900, false)
	src := sitetest.Fixture(t, files)
	off := sitetest.Build(t, sitetest.Options{Source: src, Env: []string{"HUGO_PARAMS_BODA_SOCIALCARDS_ENABLE=false"}})
	if og := metaContent(off.Page(t, "/notes/tf-one/"), "og:image"); og != "" {
		t.Errorf("cards off: tf-one shares %q", og)
	}
	if off.Exists("boda") {
		t.Error("cards off: the build published cards")
	}
	def := sitetest.Build(t, sitetest.Options{Source: src, Env: []string{"HUGO_PARAMS_BODA_SOCIALCARDS_ENABLE=false", "HUGO_PARAMS_BODA_SOCIALCARDS_IMAGE=images/site-card.png"}})
	for _, page := range []string{"/", "/notes/tf-one/", "/archive/"} {
		doc := def.Page(t, page)
		og := metaContent(doc, "og:image")
		if !strings.Contains(og, "/images/site-card") {
			t.Errorf("%s: og:image %q, want the site's picture", page, og)
			continue
		}
		if w, h := decodedSize(t, def, og); w != 1200 || h != 630 {
			t.Errorf("%s: the site's picture is published at %d×%d, want 1200×630", page, w, h)
		}
	}
	if og := metaContent(def.Page(t, "/notes/featured/"), "og:image"); !strings.Contains(og, "/notes/featured/") {
		t.Errorf("the note's own picture should still win over the site's: %q", og)
	}
}
