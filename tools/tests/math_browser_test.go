package tests

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/browser"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/chromedp"
)

// mathFonts are the fonts with an OpenType MATH table that the math font
// stack names (assets/css/tokens.css, --boda-font-math).
var mathFonts = []string{"STIX Two Math", "Cambria Math", "Latin Modern Math", "Noto Sans Math", "DejaVu Math TeX Gyre"}

// renderedFonts returns the families Chromium really drew the text of the
// first element matching selector with (not the declared font stack).
func renderedFonts(t *testing.T, ctx context.Context, selector string) []string {
	t.Helper()
	if _, err := chromedp.Call(ctx, css.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	doc, err := chromedp.Call(ctx, dom.GetDocument, dom.GetDocumentParams{})
	if err != nil {
		t.Fatal(err)
	}
	q, err := chromedp.Call(ctx, dom.QuerySelector, dom.QuerySelectorParams{NodeID: doc.Root.NodeID, Selector: selector})
	if err != nil || q.NodeID == 0 {
		t.Fatalf("no %s on the page: %v", selector, err)
	}
	f, err := chromedp.Call(ctx, css.GetPlatformFontsForNode, css.GetPlatformFontsForNodeParams{NodeID: q.NodeID})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, u := range f.Fonts {
		names = append(names, u.FamilyName)
	}
	return names
}

// mathShowcase has the shapes that break first when math renders badly:
// fractions, sums, matrices, and one equation too wide for a phone.
const mathShowcase = `---
title: Math showcase
description: Fractions, sums and matrices.
date: 2024-01-01
tags: [math]
---

A fraction $\frac{a+b}{c}$ inline, and a sum $\sum_{i=1}^{n} x_i$ too.

$$
\mathcal{L}(\theta) = \frac{1}{N} \sum_{i=1}^{N} \ell\left(f(x_i; \theta), y_i\right) + \lambda \lVert \theta \rVert_2^2
$$

{{< math label="rotation" >}}
R(\phi) = \begin{pmatrix} \cos\phi & -\sin\phi \\ \sin\phi & \cos\phi \end{pmatrix},
\quad \det R(\phi) = 1
{{< /math >}}

{{< math label="wide" >}}
f(x) = a_0 + a_1 x + a_2 x^2 + a_3 x^3 + a_4 x^4 + a_5 x^5 + a_6 x^6 + a_7 x^7 + a_8 x^8 + a_9 x^9 + a_{10} x^{10} + a_{11} x^{11}
{{< /math >}}

Rotations as in {{< eqref rotation >}} keep lengths: $\lVert R x \rVert = \lVert x \rVert$ for $x \in \R^2$.
`

// mathBoxes measures every <math> and error marker on the page.
const mathBoxes = `(() => {
  const maths = [...document.querySelectorAll('math')];
  const wide = document.querySelector('#eq-wide .boda-math__scroll');
  return {
    count: maths.length,
    empty: maths.filter(m => { const r = m.getBoundingClientRect(); return r.width < 1 || r.height < 1; }).length,
    errors: document.querySelectorAll('merror, .katex-error').length,
    font: maths.length ? getComputedStyle(maths[0]).fontFamily : '',
    pageOverflow: document.documentElement.scrollWidth - window.innerWidth,
    wideScrolls: wide ? wide.scrollWidth > wide.clientWidth : false,
    wideFocusable: wide ? wide.tabIndex === 0 : false,
  };
})()`

type mathLayout struct {
	Count         int    `json:"count"`
	Empty         int    `json:"empty"`
	Errors        int    `json:"errors"`
	Font          string `json:"font"`
	PageOverflow  int    `json:"pageOverflow"`
	WideScrolls   bool   `json:"wideScrolls"`
	WideFocusable bool   `json:"wideFocusable"`
}

// TestMathRendersInChromium loads a page of fractions, sums and matrices in
// Chromium, on a desktop and on a phone-wide window, and keeps a screenshot
// (in $BODA_SCREENSHOTS when set).
func TestMathRendersInChromium(t *testing.T) {
	browser.Path(t)
	site, err := mathFixture(t, map[string]string{"math-showcase.md": mathShowcase})
	if err != nil {
		t.Fatalf("build: %v\n%s", err, site.Output)
	}
	base := browser.Serve(t, site.Public, nil)
	for _, w := range []struct {
		name          string
		width, height int
	}{{"desktop", 1024, 900}, {"phone", 360, 800}} {
		t.Run(w.name, func(t *testing.T) {
			ctx := browser.New(t, browser.Options{Width: w.width, Height: w.height})
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"/notes/math-showcase/")); err != nil {
				t.Fatal(err)
			}
			got, err := chromedp.Run(ctx, chromedp.Evaluate[mathLayout](mathBoxes))
			if err != nil {
				t.Fatal(err)
			}
			if got.Count < 7 {
				t.Errorf("%d <math> elements, want at least 7", got.Count)
			}
			if got.Empty != 0 {
				t.Errorf("%d <math> elements have no size", got.Empty)
			}
			if got.Errors != 0 {
				t.Errorf("%d math error boxes", got.Errors)
			}
			if !strings.Contains(strings.ToLower(got.Font), "math") {
				t.Errorf("math font stack not applied: %q", got.Font)
			}
			// A formula drawn in a text font loses its stretchy brackets and
			// script sizes: the letters must come from a math font.
			if used := renderedFonts(t, ctx, "math mi"); !slices.ContainsFunc(used, func(f string) bool { return slices.Contains(mathFonts, f) }) {
				sitetest.Missing(t, fmt.Sprintf("math was drawn with %q, none of them a math font: install one of %q (Debian: apt-get install fonts-dejavu-extra)", used, mathFonts))
			}
			if got.PageOverflow > 0 {
				t.Errorf("the page scrolls sideways by %dpx", got.PageOverflow)
			}
			if w.name == "phone" && !got.WideScrolls {
				t.Errorf("the wide equation does not scroll inside its box")
			}
			if !got.WideFocusable {
				t.Errorf("the wide equation's scroll box is not keyboard focusable")
			}
			shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			dir := os.Getenv("BODA_SCREENSHOTS")
			if dir == "" {
				dir = t.TempDir()
			}
			path := filepath.Join(dir, "math-"+w.name+".png")
			if err := os.WriteFile(path, shot, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("screenshot: %s", path)
		})
	}
}
