// Package tests builds the Boda Blog site and fixture sites with the pinned
// Hugo and asserts on what they publish. Run from the repository root:
//
//	go test ./tools/...
package tests
