package tests

import (
	"os"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/fasttest"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// TestMain removes the builds shared between tests once they have all run,
// and lists the tests skipped for a missing tool so that a passing run
// without -v still shows them.
func TestMain(m *testing.M) {
	code := m.Run()
	sitetest.RemoveProcessTempDirs()
	fasttest.RemoveCache()
	sitetest.PrintSkipSummary()
	os.Exit(code)
}
