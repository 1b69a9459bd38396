package tests

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/gen"
	"github.com/bodasadallah/boda-blog/tools/internal/pagefind"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// BenchmarkSearchQueryBytes measures what one search fetches from the
// Pagefind index of a generated notebook of BODA_SEARCH_NOTES notes (1,000
// unless set; 10000 for the figure in the README), in a fresh browser:
//
//	BODA_SEARCH_NOTES=10000 go test ./tools/tests -run '^$' -bench SearchQueryBytes -benchtime 1x
func BenchmarkSearchQueryBytes(b *testing.B) {
	n := 1000
	if v, err := strconv.Atoi(os.Getenv("BODA_SEARCH_NOTES")); err == nil && v > 0 {
		n = v
	}
	src := sitetest.Fixture(b, nil)
	if _, err := gen.Write(filepath.Join(src, "content"), gen.Options{Notes: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	site := sitetest.Build(b, sitetest.Options{Source: src, Args: []string{"--environment", "production"}})
	index := pagefind.Index(b, site.Public)
	var onDisk int64
	filepath.Walk(filepath.Join(site.Public, "pagefind"), func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && regexp.MustCompile(`\.pf_(meta|index|fragment)$`).MatchString(p) {
			onDisk += info.Size()
		}
		return nil
	})
	served := &byteCounter{}
	base := browserServe(b, site.Public, served)
	b.ResetTimer()
	var indexBytes, total int64
	for i := 0; i < b.N; i++ {
		indexBytes, total = 0, 0
		for name, n := range searchFetches(b, base, served, "attention") {
			total += n
			if regexp.MustCompile(`\.pf_(meta|index|fragment)$`).MatchString(name) {
				indexBytes += n
			}
		}
	}
	b.ReportMetric(float64(indexBytes), "index-B/query")
	b.ReportMetric(float64(total), "total-B/query")
	b.ReportMetric(float64(onDisk), "index-B/site")
	b.Logf("%d notes, %d pages indexed: one query fetched %d bytes of index and %d bytes in all; the whole index is %d bytes", n, index.Pages, indexBytes, total, onDisk)
}
