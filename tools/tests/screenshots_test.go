package tests

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/browser"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// TestScreenshotsCommand runs the command that makes the README's
// screenshots and checks it writes a light and a dark picture of the
// lecture page at the viewport's size, and the page on a phone.
func TestScreenshotsCommand(t *testing.T) {
	browser.Path(t)
	out := t.TempDir()
	cmd := exec.Command("go", "run", "./tools/cmd/screenshots", "-out", out)
	cmd.Dir = sitetest.Root()
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run ./tools/cmd/screenshots: %v\n%s", err, b)
	}
	mean := map[string]float64{}
	for _, scheme := range []string{"light", "dark"} {
		b, err := os.ReadFile(filepath.Join(out, "lecture-"+scheme+".png"))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("lecture-%s.png: %v", scheme, err)
		}
		if got := img.Bounds().Size(); got != (image.Point{1280, 860}) {
			t.Errorf("lecture-%s.png is %v, want 1280×860", scheme, got)
		}
		var sum float64
		n := 0
		for y := 0; y < img.Bounds().Dy(); y += 8 {
			for x := 0; x < img.Bounds().Dx(); x += 8 {
				r, g, b, _ := img.At(x, y).RGBA()
				sum += float64(r+g+b) / 3 / 65535
				n++
			}
		}
		mean[scheme] = sum / float64(n)
	}
	if b, err := os.ReadFile(filepath.Join(out, "lecture-phone.png")); err != nil {
		t.Error(err)
	} else if img, err := png.Decode(bytes.NewReader(b)); err != nil || img.Bounds().Size() != (image.Point{390, 844}) {
		t.Errorf("lecture-phone.png is not a 390×844 picture (%v)", err)
	}
	if mean["dark"] > 0.3 || mean["light"] < 0.7 {
		t.Errorf("mean brightness light %.2f, dark %.2f: the pictures are not of the two palettes", mean["light"], mean["dark"])
	}
}
