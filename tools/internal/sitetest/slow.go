package sitetest

import "testing"

// Slow skips the test under `go test -short`: it belongs to the slow tier
// (the hugo binary, a browser, npm, Java). Every helper that starts one of
// them calls it, so a test that builds with the binary is skipped without
// saying so itself; a slow test that uses none of them calls it first.
func Slow(t testing.TB) {
	t.Helper()
	if testing.Short() {
		t.Skip("slow tier: runs without -short")
	}
}
