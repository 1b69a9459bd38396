// Command migrate rewrites a LoveIt (DoIt, FixIt, CodeIT) content folder
// for Boda Blog and reports, file by file and line by line, what it
// changes and what must be rewritten by hand. It writes nothing unless
// --write is given.
//
//	go run github.com/bodasadallah/boda-blog/tools/cmd/migrate@latest [--write] content
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/bodasadallah/boda-blog/tools/internal/migrate"
)

func main() {
	write := flag.Bool("write", false, "change the files in place (default: report only)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: migrate [--write] DIR\n\nReads the Markdown files below DIR (a site's content folder) written for LoveIt\nor its forks and reports, per file and line, what it would change for Boda Blog.\n\n")
		flag.PrintDefaults()
	}
	// Flags may come after the folder too: migrate content --write.
	var flags, args []string
	for _, a := range os.Args[1:] {
		if strings.HasPrefix(a, "-") {
			flags = append(flags, a)
		} else {
			args = append(args, a)
		}
	}
	flag.CommandLine.Parse(append(flags, args...))
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	dir := flag.Arg(0)
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		fmt.Fprintf(os.Stderr, "migrate: %s is not a folder: give the content folder of a site\n", dir)
		os.Exit(2)
	}
	if _, err := migrate.Run(dir, *write, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "migrate:", err)
		os.Exit(1)
	}
}
