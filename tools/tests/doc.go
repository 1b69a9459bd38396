// Package tests builds the Boda Blog site and fixture sites with the pinned
// Hugo and asserts on what they publish. Run from the repository root:
//
//	go test -count=1 -timeout 30m ./tools/...
//
// Hugo runs as a separate process and reads the site's files itself, so Go's
// test cache cannot tell when they change: -count=1 turns the cache off.
//
// Two tiers. The fast tier builds in-process with Hugo's integration test
// builder (internal/fasttest): txtar fixtures in testdata/fast/ with the
// repository's layouts, assets and configuration mounted in place. The
// slow tier runs the hugo binary, browsers, npm and Java; every helper that
// starts one of them skips the test under -short, so
//
//	go test -short -count=1 ./tools/...
//
// runs the fast tier alone.
package tests
