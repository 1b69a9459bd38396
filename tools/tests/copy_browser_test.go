package tests

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bodasadallah/boda-blog/tools/internal/browser"
	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The commands each snippet of cmdNote copies, in page order.
var copiedCommands = map[int]string{
	0: "git status",
	1: "apt-get update\ndocker build --no-cache \\\n  --tag app \\\n  .",
	2: "Remove-Item -Recurse build",
	5: "echo one\necho two",
	7: "echo \"hello\"\nid -u\nprintf '%s\\n' a \\\nb",
}

// copyPage opens the commands fixture in Chromium with the clipboard
// allowed, after running setup (if any) before the page's own scripts.
func copyPage(t *testing.T, setup string) context.Context {
	t.Helper()
	site := cmdFixture(t)
	base := browser.Serve(t, site.Public, nil)
	ctx := browser.New(t, browser.Options{})
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		if _, err := chromedp.CallBrowser(ctx, cdpbrowser.SetPermission, cdpbrowser.SetPermissionParams{
			Permission: &cdpbrowser.PermissionDescriptor{Name: name},
			Setting:    cdpbrowser.PermissionSettingGranted,
			Origin:     base,
		}); err != nil {
			t.Fatalf("granting %s: %v", name, err)
		}
	}
	// A headless page is not focused, and the Clipboard API needs focus.
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	if setup != "" {
		if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: setup}); err != nil {
			t.Fatal(err)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/notes/commands/")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelectorAll('.boda-copy').length === document.querySelectorAll('[data-boda-copy]').length`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("the copy buttons never appeared: %v", err)
	}
	return ctx
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

func button(i int) chromedp.JSPath {
	return chromedp.JSPath(fmt.Sprintf(`document.querySelectorAll('[data-boda-copy]')[%d].querySelector('.boda-copy')`, i))
}

func clipboard(t *testing.T, ctx context.Context) string {
	t.Helper()
	return eval[string](t, ctx, `navigator.clipboard.readText()`)
}

// resetClipboard writes a marker so that a copy that does nothing shows.
func resetClipboard(t *testing.T, ctx context.Context) {
	t.Helper()
	eval[any](t, ctx, `navigator.clipboard.writeText('(nothing copied)')`)
}

func TestCopyButtonCopiesExactlyTheCommands(t *testing.T) {
	ctx := copyPage(t, "")
	for i, want := range copiedCommands {
		resetClipboard(t, ctx)
		if err := chromedp.Do(ctx, chromedp.Click(button(i))); err != nil {
			t.Fatalf("snippet %d: click: %v", i, err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`navigator.clipboard.readText().then(t => t !== '(nothing copied)')`, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
			t.Fatalf("snippet %d: nothing reached the clipboard", i)
		}
		if got := clipboard(t, ctx); got != want {
			t.Errorf("snippet %d copied %q, want %q", i, got, want)
		}
	}

	t.Run("code blocks copy their code without line numbers", func(t *testing.T) {
		n := eval[int](t, ctx, `document.querySelectorAll('[data-boda-copy]').length`)
		for i, want := range map[int]string{n - 2: `print("hi")`, n - 1: "package main\n\nfunc main() {}"} {
			resetClipboard(t, ctx)
			if err := chromedp.Do(ctx, chromedp.Click(button(i))); err != nil {
				t.Fatal(err)
			}
			chromedp.Run(ctx, chromedp.Poll[bool](`navigator.clipboard.readText().then(t => t !== '(nothing copied)')`, chromedp.WithPollingTimeout(5*time.Second)))
			if got := clipboard(t, ctx); got != want {
				t.Errorf("code block %d copied %q, want %q", i, got, want)
			}
		}
	})

	t.Run("the live region announces", func(t *testing.T) {
		if err := chromedp.Do(ctx, chromedp.Click(button(1))); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => { const r = document.querySelector('[data-boda-live]'); return r && r.getAttribute('role') === 'status' && r.textContent.includes('2 commands') && r.textContent; })()`, chromedp.WithPollingTimeout(5*time.Second)))
		if err != nil {
			t.Fatalf("the live region did not announce the copy: %q", eval[string](t, ctx, `document.querySelector('[data-boda-live]')?.textContent ?? '(no live region)'`))
		}
		if got != "Copied the 2 commands to the clipboard" {
			t.Errorf("live region says %q", got)
		}
	})

	t.Run("the tooltip appears next to the button", func(t *testing.T) {
		if err := chromedp.Do(ctx, chromedp.Click(button(0))); err != nil {
			t.Fatal(err)
		}
		type box struct{ Top, Bottom, Left, Right float64 }
		type boxes struct {
			Button, Tooltip box
			Text            string
			Visible         bool
		}
		b, err := chromedp.Run(ctx, chromedp.Poll[boxes](`(() => {
			const tip = document.querySelector('[data-boda-tooltip]');
			if (!tip || tip.hidden || !tip.style.transform && !tip.style.inset && !tip.style.top) return false;
			const r = (e) => { const x = e.getBoundingClientRect(); return { Top: x.top, Bottom: x.bottom, Left: x.left, Right: x.right }; };
			const btn = document.querySelectorAll('[data-boda-copy]')[0].querySelector('.boda-copy');
			const b = r(btn), t = r(tip);
			// Clicking scrolls the button into view (smoothly, unless the reader
			// asks for reduced motion): wait until the tooltip has followed it.
			if (Math.abs(b.Top - t.Bottom - 6) > 6) return false;
			return { Button: b, Tooltip: t, Text: tip.textContent, Visible: getComputedStyle(tip).display !== 'none' };
		})()`, chromedp.WithPollingTimeout(5*time.Second)))
		if err != nil {
			t.Fatalf("no positioned tooltip: %v", err)
		}
		if b.Text != "Copied" || !b.Visible {
			t.Errorf("tooltip %q, visible %v", b.Text, b.Visible)
		}
		gap := b.Button.Top - b.Tooltip.Bottom
		centre := (b.Tooltip.Left + b.Tooltip.Right - b.Button.Left - b.Button.Right) / 2
		if gap < 0 || gap > 12 || centre < -2 || centre > 2 {
			t.Errorf("tooltip %+v is not just above the button %+v (gap %.1f, centre offset %.1f)", b.Tooltip, b.Button, gap, centre)
		}
	})
}

func TestCopyButtonWorksFromTheKeyboard(t *testing.T) {
	ctx := copyPage(t, "")
	// The snippet's scrollable <pre> takes focus first; Tab moves on to its button.
	eval[any](t, ctx, `document.querySelectorAll('[data-boda-copy]')[1].querySelector('pre').focus()`)
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\t")); err != nil {
		t.Fatal(err)
	}
	label := eval[string](t, ctx, `document.activeElement.getAttribute('aria-label') || document.activeElement.outerHTML.slice(0, 80)`)
	if label != "Copy the 2 commands" {
		t.Fatalf("Tab from the commands focused %q, want the button labelled \"Copy the 2 commands\"", label)
	}
	if name := eval[string](t, ctx, `document.activeElement.textContent`); !strings.Contains(label, name) {
		t.Errorf("the label %q does not contain the visible text %q", label, name)
	}
	outline := eval[string](t, ctx, `(() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth; })()`)
	if strings.HasPrefix(outline, "none") || strings.HasSuffix(outline, " 0px") {
		t.Errorf("the focused button has no visible outline: %q", outline)
	}
	for _, key := range []string{"\r", " "} {
		resetClipboard(t, ctx)
		if err := chromedp.Do(ctx, chromedp.KeyEvent(key)); err != nil {
			t.Fatal(err)
		}
		chromedp.Run(ctx, chromedp.Poll[bool](`navigator.clipboard.readText().then(t => t !== '(nothing copied)')`, chromedp.WithPollingTimeout(5*time.Second)))
		if got := clipboard(t, ctx); got != copiedCommands[1] {
			t.Errorf("key %q copied %q, want %q", key, got, copiedCommands[1])
		}
	}
}

func TestCopyFallsBackOnInsecureOrigins(t *testing.T) {
	// Pages on http:// LAN addresses are not secure contexts and have no
	// Clipboard API; the copy goes through the fallback there.
	ctx := copyPage(t, `Object.defineProperty(window, 'isSecureContext', { get: () => false });`)
	resetClipboard(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Click(button(7))); err != nil {
		t.Fatal(err)
	}
	chromedp.Run(ctx, chromedp.Poll[bool](`navigator.clipboard.readText().then(t => t !== '(nothing copied)')`, chromedp.WithPollingTimeout(5*time.Second)))
	if got := clipboard(t, ctx); got != copiedCommands[7] {
		t.Errorf("the fallback copied %q, want %q", got, copiedCommands[7])
	}
	if focused := eval[string](t, ctx, `document.activeElement.className`); focused != "boda-copy" {
		t.Errorf("after the fallback copy the focus is on %q, not the button", focused)
	}
}

func TestSelectingCommandsByHandLeavesOutPrompts(t *testing.T) {
	ctx := copyPage(t, "")
	type sel struct {
		Text, Prompt string
	}
	for i, want := range copiedCommands {
		got := eval[sel](t, ctx, fmt.Sprintf(`(() => {
			const block = document.querySelectorAll('[data-boda-copy]')[%d];
			const pre = block.querySelector('pre');
			const range = document.createRange();
			range.selectNodeContents(pre);
			const s = window.getSelection();
			s.removeAllRanges();
			s.addRange(range);
			const text = s.toString();
			s.removeAllRanges();
			const p = block.querySelector('.boda-cmd__prompt');
			return { Text: text, Prompt: getComputedStyle(p, '::before').content };
		})()`, i))
		if !strings.HasPrefix(got.Prompt, `"`) || strings.TrimSpace(strings.Trim(got.Prompt, `"`)) == "" {
			t.Errorf("snippet %d: the prompt is not shown (content %s)", i, got.Prompt)
		}
		for _, line := range strings.Split(got.Text, "\n") {
			for _, p := range []string{"$ ", "# ", "% ", "> ", "PS> "} {
				if strings.HasPrefix(line, p) {
					t.Errorf("snippet %d: the selection has a prompt at a line start: %q", i, line)
				}
			}
		}
		if strings.TrimRight(got.Text, "\n") != want {
			t.Errorf("snippet %d: selecting the block gives %q, want the commands %q", i, got.Text, want)
		}
	}
}

func TestLongCommandsScrollInsideTheBlock(t *testing.T) {
	ctx := copyPage(t, "")
	type widths struct{ Scroll, Client, Page, Window float64 }
	w := eval[widths](t, ctx, `(() => {
		const pre = document.querySelectorAll('[data-boda-copy]')[8].querySelector('pre');
		return { Scroll: pre.scrollWidth, Client: pre.clientWidth, Page: document.documentElement.scrollWidth, Window: window.innerWidth };
	})()`)
	if w.Scroll <= w.Client {
		t.Errorf("the long command does not overflow its block (%v ≤ %v): it wraps or the fixture is too short", w.Scroll, w.Client)
	}
	if w.Page > w.Window {
		t.Errorf("the page scrolls sideways (%v > %v): the long command is not contained", w.Page, w.Window)
	}
	if overflow := eval[string](t, ctx, `getComputedStyle(document.querySelectorAll('[data-boda-copy]')[8].querySelector('pre')).overflowX`); overflow != "auto" && overflow != "scroll" {
		t.Errorf("overflow-x %q", overflow)
	}
}
