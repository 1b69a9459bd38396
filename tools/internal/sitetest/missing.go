package sitetest

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
)

var (
	skipsMu sync.Mutex
	skips   = map[string][]string{} // reason → tests skipped for it
)

// Missing reports that a tool a test needs is absent: under CI=true the test
// fails, elsewhere it is skipped with a message nobody can overlook, and the
// skip is counted for SkipSummary.
func Missing(t testing.TB, msg string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	fmt.Fprintf(os.Stderr, "\n!!! SKIPPING %s: %s !!!\n\n", t.Name(), msg)
	skipsMu.Lock()
	skips[msg] = append(skips[msg], t.Name())
	skipsMu.Unlock()
	t.Skip(msg)
}

// SkipSummary lists the tests Missing skipped, grouped by what was missing;
// it is empty when nothing was skipped.
func SkipSummary() string {
	skipsMu.Lock()
	defer skipsMu.Unlock()
	if len(skips) == 0 {
		return ""
	}
	reasons := make([]string, 0, len(skips))
	n := 0
	for r, tests := range skips {
		reasons = append(reasons, r)
		n += len(tests)
	}
	sort.Strings(reasons)
	var b strings.Builder
	fmt.Fprintf(&b, "\n!!! %d test(s) SKIPPED because a tool is missing; they fail under CI=true:\n", n)
	for _, r := range reasons {
		tests := append([]string(nil), skips[r]...)
		sort.Strings(tests)
		fmt.Fprintf(&b, "!!! - %s\n!!!   skipped: %s\n", r, strings.Join(tests, ", "))
	}
	return b.String()
}

// PrintSkipSummary writes SkipSummary where a developer sees it. go test
// shows a passing package's output only with -v, so the summary also goes
// to the terminal itself (/dev/tty) when there is one.
func PrintSkipSummary() {
	s := SkipSummary()
	if s == "" {
		return
	}
	writeSummary(os.Stderr, s)
	if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
		writeSummary(tty, s)
		tty.Close()
	}
}

func writeSummary(w io.Writer, s string) { io.WriteString(w, s+"\n") }
