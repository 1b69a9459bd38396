package tests

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// spacedNote holds inline math as client-side renderers (KaTeX
// auto-render, MathJax) accept it, next to prices that must stay prose.
// Paragraph M<n> must be math, P<n> prose; line numbers matter.
const spacedNote = `---
title: Spaced math
description: Math written for client-side renderers.
date: 2024-01-01
---

M1: $ \nabla f(x) $

M2: $ W^T x$

M3: $x_1 + x_2 $

M4: $ p(y \mid x)$

M5: $ a_i \le b_i $

M6: $ \|w\|^2 $

P1: It costs $5, or $10 with shipping.

P2: US$20 and US$30

P3: between $ 5 and $ 10

P4: A range $1-$2.

E1: LoveIt escapes $a\_1 + b\_2$ here.
`

func buildMigrating(t *testing.T, stars bool, env ...string) (*sitetest.Result, error) {
	t.Helper()
	dir := sitetest.CopySite(t)
	note := spacedNote
	if stars {
		// \* is no TeX command: it renders only with loveitEscapes on.
		note += "\nE2: $a \\* b$ and $x\\_i$\n"
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "notes", "spaced.md"), []byte(note), 0o644); err != nil {
		t.Fatal(err)
	}
	public := t.TempDir()
	out, err := sitetest.Run(t, dir, env, "--source", dir, "--destination", public, "--logLevel", "warn", "--noBuildLock")
	return &sitetest.Result{Public: public, Output: out}, err
}

func TestSpacedDollarMathAndLoveItEscapes(t *testing.T) {
	r, err := buildMigrating(t, false)
	if err != nil {
		t.Fatalf("build failed: %v\n%s", err, r.Output)
	}
	doc := r.Page(t, "/notes/spaced/")
	for tag, tex := range map[string]string{
		"M1:": `\nabla f(x)`, "M2:": `W^T x`, "M3:": `x_1 + x_2`, "M4:": `p(y \mid x)`, "M5:": `a_i \le b_i`, "M6:": `\|w\|^2`,
	} {
		p := paragraph(t, doc, tag)
		got := annotations(p)
		if len(got) != 1 || strings.TrimSpace(got[0]) != tex || strings.Contains(sitetest.Text(p), "$") {
			t.Errorf("%s is not the one formula %s: %q", tag, tex, renderHTML(p))
		}
	}
	for tag, want := range map[string]string{
		"P1:": "P1: It costs $5, or $10 with shipping.",
		"P2:": "P2: US$20 and US$30",
		"P3:": "P3: between $ 5 and $ 10",
		"P4:": "P4: A range $1-$2.",
	} {
		p := paragraph(t, doc, tag)
		if got := sitetest.Text(p); got != want || len(sitetest.Find(p, sitetest.Tag("math"))) != 0 {
			t.Errorf("%s: %q, want the prose %q", tag, got, want)
		}
	}
	// One warning for each pair rendered only because it holds TeX.
	spaced := regexp.MustCompile(`spaced\.md:(\d+):\d+"?: \$.*\$ has a space inside its dollars`).FindAllStringSubmatch(r.Output, -1)
	var lines []string
	for _, m := range spaced {
		lines = append(lines, m[1])
	}
	if strings.Join(lines, ",") != "7,9,11,13,15,17" {
		t.Errorf("spaced-pair warnings at lines %v, want 7,9,11,13,15,17:\n%s", lines, r.Output)
	}
	// LoveIt's escapes: off by default, a warning naming the switch.
	if !regexp.MustCompile(`spaced\.md:27:\d+"?: the formula holds \\_ or \\\*.*params\.boda\.math\.loveitEscapes = true`).MatchString(r.Output) {
		t.Errorf("no warning at spaced.md:27 naming loveitEscapes:\n%s", r.Output)
	}
	if got := annotations(paragraph(t, doc, "E1:")); len(got) != 1 || got[0] != `a\_1 + b\_2` {
		t.Errorf("with the switch off the TeX is kept as written: %q", got)
	}

	t.Run("switches set", func(t *testing.T) {
		r, err := buildMigrating(t, true, "HUGO_PARAMS_BODA_MATH_LOVEITESCAPES=true", "HUGO_PARAMS_BODA_MATH_SPACEDDOLLARWARNINGS=false")
		if err != nil {
			t.Fatalf("build failed: %v\n%s", err, r.Output)
		}
		if strings.Contains(r.Output, "WARN") {
			t.Errorf("warnings with both switches set:\n%s", r.Output)
		}
		doc := r.Page(t, "/notes/spaced/")
		if got := annotations(paragraph(t, doc, "E1:")); len(got) != 1 || got[0] != `a_1 + b_2` {
			t.Errorf("loveitEscapes: the formula reads %q, want a_1 + b_2", got)
		}
		if got := annotations(paragraph(t, doc, "E2:")); len(got) != 2 || got[0] != `a * b` || got[1] != `x_i` {
			t.Errorf("loveitEscapes: E2 reads %q, want [a * b x_i]", got)
		}
		if len(sitetest.Find(paragraph(t, doc, "M1:"), sitetest.Tag("math"))) != 1 {
			t.Error("without warnings a spaced pair is still math")
		}
	})
}
