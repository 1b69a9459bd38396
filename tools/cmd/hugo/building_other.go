//go:build !unix

package main

// building is the Unix build-lock probe's stand-in: elsewhere the index
// waits only for the pages to stop changing.
func building(dir string) bool { return false }
