// Package tests builds the Boda Blog site and fixture sites with the pinned
// Hugo and asserts on what they publish. Run from the repository root:
//
//	go test -count=1 -timeout 30m ./tools/...
//
// Hugo runs as a separate process and reads the site's files itself, so Go's
// test cache cannot tell when they change: -count=1 turns the cache off.
package tests
