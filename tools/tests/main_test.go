package tests

import (
	"os"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// TestMain removes the builds shared between tests once they have all run.
func TestMain(m *testing.M) {
	code := m.Run()
	sitetest.RemoveProcessTempDirs()
	os.Exit(code)
}
