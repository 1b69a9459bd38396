package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// A feature is an optional output or part of the theme that a site owner
// may weigh: the benchmark builds the site without it and prints the
// difference.
type feature struct {
	name string
	// off changes a written site of ours so that it builds without the
	// feature.
	off func(dir string) error
}

// editFile replaces old by new in the file rel of a site, once, and fails if
// old is not there (the config moved: the price list would measure nothing).
func editFile(dir, rel, old, new string) error {
	p := filepath.Join(dir, filepath.FromSlash(rel))
	b, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	if !strings.Contains(string(b), old) {
		return fmt.Errorf("%s: no %q to change", p, old)
	}
	return os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644)
}

var features = []feature{
	{"Markdown copies (index.md)", func(d string) error {
		return editFile(d, "config/_default/hugo.toml", `page = ["html", "markdown"]`, `page = ["html"]`)
	}},
	{"course print pages", func(d string) error {
		return editFile(d, "config/_default/hugo.toml", `outputs = ["html", "rss", "print"]`, `outputs = ["html", "rss"]`)
	}},
	{"a feed per tag", func(d string) error {
		return editFile(d, "config/_default/hugo.toml", `term = ["html", "rss"]`, `term = ["html"]`)
	}},
	{"backlinks", func(d string) error {
		return os.WriteFile(filepath.Join(d, "layouts", "_partials", "page", "backlinks.html"), nil, 0o644)
	}},
	{"minification", func(d string) error {
		return editFile(d, "config/production/hugo.toml", "minifyOutput = true", "minifyOutput = false")
	}},
	{"related notes", func(d string) error {
		return editFile(d, "config/_default/params.toml", "count = 5", "count = 0")
	}},
	{socialCards, cardsOff},
}

// socialCards names the feature whose first build costs most: each card is
// drawn once and then read from Hugo's image cache, so the price list also
// gives its cost on an empty cache (coldPrice).
const socialCards = "social cards"

// cardsOff turns the social cards off in a written site of ours.
func cardsOff(d string) error {
	f, err := os.OpenFile(filepath.Join(d, "config", "_default", "params.toml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = f.WriteString("\n  [boda.socialCards]\n    enable = false\n")
	return err
}

// price is what one feature costs: the median warm build with it less the
// median without it.
type price struct {
	name      string
	wall, cpu float64 // seconds
	mem       int64   // bytes of peak memory
	out       int64   // bytes of output
	files     int
	// cpuLow and cpuHigh are the smallest and largest CPU difference of
	// one round's pair of builds; rounds counts the pairs (0: no range).
	cpuLow, cpuHigh float64
	rounds          int
}

// noisy says whether the machine's noise hides the price: its CPU is not
// above zero, or one round measured the build without the feature slower.
func (p price) noisy() bool {
	return p.rounds > 1 && (p.cpu <= 0 || p.cpuLow < 0)
}

// pairedPrice prices a feature from the builds with it (a) and without it
// (b), built in the same rounds: each round's two builds shared the
// machine's load, so the median of the rounds' differences is steadier
// than the difference of two medians.
func pairedPrice(name string, a, b builds) price {
	n := min(len(a), len(b))
	var dw, dc []float64
	for r := 0; r < n; r++ {
		dw = append(dw, a[r].wall.Seconds()-b[r].wall.Seconds())
		dc = append(dc, a[r].cpu.Seconds()-b[r].cpu.Seconds())
	}
	p := price{name: name, wall: median(dw), cpu: median(dc), mem: a.peakRSS() - b.peakRSS(),
		out: a[0].bytes - b[0].bytes, files: a[0].files - b[0].files, rounds: n}
	if n > 0 {
		p.cpuLow, p.cpuHigh = slices.Min(dc), slices.Max(dc)
	}
	return p
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	v = slices.Clone(v)
	slices.Sort(v)
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

// priceSite writes a site of ours whose processed images (social cards,
// figures) and rendered math live in folders of the cacheDir that every
// site of the price list shares, not in one per site (":project"): each
// card is drawn and each formula rendered once for all of them.
func priceSite(e *env, dir string, n int) error {
	if _, err := makeSite(e, ours, dir, n); err != nil {
		return err
	}
	if err := editFile(dir, "config/_default/hugo.toml", `dir = ":cacheDir/:project"`, `dir = ":cacheDir/bench-images"`); err != nil {
		return err
	}
	return editFile(dir, "config/_default/hugo.toml", "[caches.misc]\n", "[caches.misc]\n  dir = \":cacheDir/bench-misc\"\n")
}

// prices builds the site of n notes warm with every feature and without
// each one in turn, interleaved, runs times, all on one warm cache, plus
// the search index (Pagefind) over the full output when it is installed.
func (e *env) prices(n, runs int) ([]price, error) {
	full := e.tempDir(fmt.Sprintf("prices-%d-all", n))
	if err := priceSite(e, full, n); err != nil {
		return nil, err
	}
	sites := []string{full}
	features := features
	if e.noCards {
		features = slices.DeleteFunc(slices.Clone(features), func(f feature) bool { return f.name == socialCards })
	}
	for _, f := range features {
		d := e.tempDir(fmt.Sprintf("prices-%d-no", n))
		if err := priceSite(e, d, n); err != nil {
			return nil, err
		}
		if err := f.off(d); err != nil {
			return nil, err
		}
		sites = append(sites, d)
	}
	defer func() {
		for _, d := range sites {
			os.RemoveAll(d)
		}
	}()
	cache := e.tempDir("cache")
	defer os.RemoveAll(cache)
	// One resourceDir for all (their CSS and scripts are the same), so one
	// build of the full site renders every formula, draws every card and
	// bundles the assets for every site: the prices are those of warm
	// builds.
	e.extraEnv = []string{"HUGO_RESOURCEDIR=" + filepath.Join(cache, "resources")}
	defer func() { e.extraEnv = nil }()
	if _, err := e.hugoBuild(full, cache); err != nil {
		return nil, err
	}
	res := make([]builds, len(sites))
	for r := 0; r < runs; r++ {
		// Interleaved, and each round starts at another site, so neither
		// load on the machine nor the order favours one of them.
		for k := range sites {
			i := (k + r) % len(sites)
			s := sites[i]
			b, err := e.hugoBuild(s, cache)
			if err != nil {
				return nil, err
			}
			res[i] = append(res[i], b)
		}
		fmt.Fprintf(os.Stderr, "prices at N=%d: run %d of %d done\n", n, r+1, runs)
	}
	var out []price
	for i, f := range features {
		if f.name == socialCards {
			if p, err := e.coldPrice(sites[0], sites[i+1]); err == nil {
				out = append(out, p)
			} else {
				return nil, err
			}
		}
		out = append(out, pairedPrice(f.name, res[0], res[i+1]))
	}
	if p, ok := e.pagefindPrice(full, cache); ok {
		out = append(out, p)
	}
	return out, nil
}

// coldPrice builds the full site and the one without social cards once
// each on an empty cache (every formula rendered, every image drawn): the
// cards' cost on a first build, as on a deploy without Hugo's cache.
func (e *env) coldPrice(full, without string) (price, error) {
	var bs [2]build
	for i, s := range []string{full, without} {
		cache := e.tempDir("cold-cache")
		b, err := e.hugoBuild(s, cache)
		os.RemoveAll(cache)
		if err != nil {
			return price{}, err
		}
		bs[i] = b
	}
	return price{name: socialCards + ", first build", wall: bs[0].wall.Seconds() - bs[1].wall.Seconds(),
		cpu: bs[0].cpu.Seconds() - bs[1].cpu.Seconds(), mem: bs[0].maxRSS - bs[1].maxRSS,
		out: bs[0].bytes - bs[1].bytes, files: bs[0].files - bs[1].files}, nil
}

func printPrices(n int, ps []price) {
	fmt.Printf("  feature price list at N=%d, warm builds unless marked (what each costs over a build without it: the median of the rounds' differences, peak memory of the runs; cpu range: the smallest and largest difference of one round):\n", n)
	fmt.Printf("    %-30s %8s %8s %10s %10s %7s  %s\n", "", "wall", "cpu", "peak mem", "output", "files", "cpu range")
	for _, p := range ps {
		fmt.Printf("    %-30s %+7.2fs %+7.2fs %+6.0f MiB %+6.0f MiB %+7d", p.name, p.wall, p.cpu, float64(p.mem)/(1<<20), float64(p.out)/(1<<20), p.files)
		if p.rounds > 1 {
			fmt.Printf("  %+.1f…%+.1f s", p.cpuLow, p.cpuHigh)
			if p.noisy() {
				fmt.Print(": within the machine's noise, more -runs or a quieter machine")
			}
		}
		fmt.Println()
	}
}

// pagefindPrice builds the full site once more, keeps its output and runs
// the search indexer over it (node_modules/.bin/pagefind, after `npm ci
// --ignore-scripts`), as the deploy does. It reports nothing when
// Pagefind is not installed.
func (e *env) pagefindPrice(site, cache string) (price, bool) {
	bin := filepath.Join(e.root, "node_modules", ".bin", "pagefind")
	if _, err := os.Stat(bin); err != nil {
		fmt.Fprintf(os.Stderr, "bench: no %s (npm ci --ignore-scripts): no price for the search index\n", bin)
		return price{}, false
	}
	dest := e.tempDir("public")
	defer os.RemoveAll(dest)
	if _, err := e.hugoBuildInto(site, cache, dest); err != nil {
		fmt.Fprintf(os.Stderr, "bench: search index: %v\n", err)
		return price{}, false
	}
	b, err := e.run(bin, "--site", dest)
	if err != nil {
		fmt.Fprintf(os.Stderr, "bench: pagefind: %v\n", err)
		return price{}, false
	}
	bytes, files, _ := du(filepath.Join(dest, "pagefind"))
	return price{name: "search index (Pagefind)", wall: b.wall.Seconds(), cpu: b.cpu.Seconds(), mem: b.maxRSS, out: bytes, files: files}, true
}
