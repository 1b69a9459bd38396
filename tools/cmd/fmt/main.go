// Command fmt formats every template under layouts/: the templates that
// return a value (function partials) with Prettier and
// prettier-plugin-go-template, pinned in tools/npm/package.json (installed
// with `npm ci --ignore-scripts` when needed), then every template, of
// whatever kind and extension, with tmplfmt.FormatActions, which sets the
// spacing inside actions and the indentation Hugo trims away and never
// changes a published byte. Run it from the repository root:
//
//	go run ./tools/cmd/fmt          # format in place
//	go run ./tools/cmd/fmt -check   # list unformatted templates; exit 1 if any
//	go run ./tools/cmd/fmt -v       # also say what each pass covered
//
// See package tmplfmt for what each pass changes and what Prettier skips.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/bodasadallah/boda-blog/tools/internal/npm"
	"github.com/bodasadallah/boda-blog/tools/internal/tmplfmt"
)

func main() {
	check := flag.Bool("check", false, "only list the templates that are not formatted, and exit 1 if there are any")
	verbose := flag.Bool("v", false, "also count the templates each pass formatted and list those Prettier left alone, with the reason")
	flag.Parse()
	if err := run(*check, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "fmt:", err)
		os.Exit(1)
	}
}

func run(check, verbose bool) error {
	if _, err := os.Stat("layouts"); err != nil {
		return fmt.Errorf("run it from the repository root (no layouts/ here)")
	}
	modules, err := npm.Install()
	if err != nil {
		return err
	}
	root, _ := os.Getwd()
	res, err := tmplfmt.Run(root, modules, !check)
	if err != nil {
		return err
	}
	if verbose {
		fmt.Print(res.Report())
	}
	for _, rel := range res.Changed {
		if check {
			fmt.Println("not formatted:", rel)
		} else {
			fmt.Println("formatted:", rel)
		}
	}
	if check && len(res.Changed) > 0 {
		return fmt.Errorf("%d templates are not formatted: run go run ./tools/cmd/fmt", len(res.Changed))
	}
	return nil
}
