//go:build unix

package main

import (
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/lockedfile"
)

// TestBuildingSeesHugosLock holds the build lock the way Hugo does while it
// builds.
func TestBuildingSeesHugosLock(t *testing.T) {
	dir := t.TempDir()
	if building(dir) {
		t.Fatal("building with no lock file")
	}
	unlock, err := lockedfile.MutexAt(filepath.Join(dir, ".hugo_build.lock")).Lock()
	if err != nil {
		t.Fatal(err)
	}
	if !building(dir) {
		t.Error("not building while the lock is held")
	}
	unlock()
	if building(dir) {
		t.Error("building after the lock was released")
	}
}
