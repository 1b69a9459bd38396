package sitetest

import (
	"fmt"
	"os"
	"testing"
)

// Missing reports that a tool a test needs is absent: under CI=true the test
// fails, elsewhere it is skipped with a message nobody can overlook.
func Missing(t testing.TB, msg string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	fmt.Fprintf(os.Stderr, "\n!!! SKIPPING %s: %s !!!\n\n", t.Name(), msg)
	t.Skip(msg)
}
