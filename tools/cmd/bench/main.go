// Command bench measures how Boda Blog builds as a notebook grows: it
// generates sites of N notes (tools/internal/gen), builds each with the
// pinned Hugo several times from a cold cache, and prints per N the median
// wall time, peak memory, pages per second and output size, next to a bare
// baseline (a few minimal templates) and, with -peer, another theme built
// from the same content in the same runs. It also prints the cost of math
// per formula, the templates that take the most time at the largest N, and
// how fast `hugo server` rebuilds after a one-note edit, and with -prices
// what each optional output and feature costs. Its summary ends with the
// performance targets, met or missed, and with -explain the CPU profile by
// template of the largest N that says what stands in their way.
//
// Run it from the repository root:
//
//	go run ./tools/cmd/bench                       # N = 100, 1000, 10000; 3 runs
//	go run ./tools/cmd/bench -quick                # a short check while developing
//	go run ./tools/cmd/bench -peer /path/to/theme  # side by side with another theme
//	go run ./tools/cmd/bench -n 1000 -profile code # code-heavy notes
//	go run ./tools/cmd/bench -n 1000 -peer /path/to/theme -explain  # and what the time goes to
//	go run ./tools/cmd/bench -n 1000 -prices       # what each optional output costs
//	go run ./tools/cmd/bench -n 10000 -prices-only # only that, at 10,000 notes
package main

import (
	"cmp"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bodasadallah/boda-blog/tools/internal/gen"
	"github.com/bodasadallah/boda-blog/tools/internal/repo"
)

// cleanup removes the scratch folder; fatalf runs it too.
var cleanup = func() {}

func fatalf(format string, a ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", a...)
	cleanup()
	os.Exit(1)
}

func main() {
	nList := flag.String("n", "100,1000,10000", "comma-separated numbers of notes")
	runs := flag.Int("runs", 3, "builds of each site per N (the median is printed)")
	peerDir := flag.String("peer", "", "folder of another Hugo theme to build the same content with")
	quick := flag.Bool("quick", false, "a short check: N = 100 and 300, one run, 3 edits")
	edits := flag.Int("edits", 7, "measured one-note edits on the running server")
	cards := flag.Bool("cards", true, "draw social cards; with -cards=false every build of ours draws none (params.boda.socialCards.enable = false) and the price list leaves them out: at 10,000 notes a cold build spends most of its time on them")
	serverN := flag.Int("server-n", 0, "measure the server's one-note edits on this N of -n (default: the N closest to 1000)")
	rows := flag.Int("templates", 15, "template metrics rows to print for the largest N (0: skip that build)")
	keep := flag.Bool("keep", false, "keep the scratch folder (sites, caches)")
	profile := flag.String("profile", "mixed", "what every note holds: mixed (formulas, a Python block, a cmd snippet, a console block) or code (2–4 inline formulas, one display formula, one Python block, one sh block)")
	pricesOn := flag.Bool("prices", false, "print the feature price list at the largest N: warm builds without each optional output or feature, and the search index")
	pricesOnly := flag.Bool("prices-only", false, "print only the feature price list (as -prices), without the builds side by side: at 10,000 notes those take a quarter of an hour before the first price")
	explainOn := flag.Bool("explain", false, "profile the warm build of the largest N by template (go run ./tools/cmd/profile) and print it under the targets: what stands in the way of each one missed")
	write := flag.String("write", "", "only write the site of the first N notes, with this theme, into this new folder (to profile or browse it); with -cards=false its settings turn the social cards off")
	flag.Parse()
	if *quick {
		*nList, *runs, *edits = "100,300", 1, 3
	}
	var ns []int
	for _, f := range strings.Split(*nList, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			fatalf("-n: %q is not a number of notes", f)
		}
		ns = append(ns, n)
	}
	slices.Sort(ns)
	if *runs < 1 {
		fatalf("-runs must be at least 1")
	}
	if *explainOn && (*pricesOnly || *write != "") {
		fatalf("-explain profiles the warm build of the builds side by side, which -prices-only and -write skip: drop one of them")
	}

	e := &env{root: repoRoot()}
	p, err := gen.ParseProfile(*profile)
	if err != nil {
		fatalf("-profile: %v", err)
	}
	e.profile = p
	e.noCards = !*cards
	e.hugo = pinnedHugo(e.root)
	if *peerDir != "" {
		abs, err := filepath.Abs(*peerDir)
		if err != nil {
			fatalf("%v", err)
		}
		if _, err := os.Stat(filepath.Join(abs, "layouts")); err != nil {
			fatalf("-peer %s: not a Hugo theme (no layouts folder)", *peerDir)
		}
		e.peer = abs
	}
	if *write != "" {
		if _, err := os.Stat(*write); err == nil {
			fatalf("-write %s: the folder exists; give a new one", *write)
		}
		work, err := os.MkdirTemp("", "boda-bench-")
		if err != nil {
			fatalf("%v", err)
		}
		e.work = work
		cleanup = func() { os.RemoveAll(work) }
		defer cleanup()
		if _, err := makeSite(e, ours, *write, ns[0]); err != nil {
			fatalf("%v", err)
		}
		if e.noCards {
			if err := cardsOff(*write); err != nil {
				fatalf("%v", err)
			}
		}
		fmt.Printf("wrote a site of %d notes to %s; build it with: go tool hugo --source %s\n", ns[0], *write, *write)
		return
	}
	work, err := os.MkdirTemp("", "boda-bench-")
	if err != nil {
		fatalf("%v", err)
	}
	e.work = work
	if *keep {
		fmt.Printf("scratch folder: %s\n", work)
	} else {
		cleanup = func() { os.RemoveAll(work) }
		defer cleanup()
	}

	version, _ := exec.Command(e.hugo, "version").Output()
	fmt.Printf("%s", version)
	fmt.Printf("%d CPUs, load average %s; %d runs per site, cold cache (a fresh --cacheDir) unless marked warm; %s notes\n", runtime.NumCPU(), loadAvg(), *runs, cmp.Or(string(e.profile), "mixed"))
	if e.noCards {
		fmt.Println("social cards off (-cards=false): no build of ours draws them")
	}
	fmt.Println()

	// Math and the server are measured on the site closest to 1,000 notes.
	mathN := ns[0]
	for _, n := range ns {
		if abs(n-1000) < abs(mathN-1000) {
			mathN = n
		}
	}
	editN := mathN
	if *serverN != 0 {
		if !slices.Contains(ns, *serverN) {
			fatalf("-server-n %d is not one of -n %s", *serverN, *nList)
		}
		editN = *serverN
	}
	results := map[int]map[variant]builds{}
	var stats gen.Stats
	var metrics []string
	var editsOut, peerEdits []edit
	var why string
	if *pricesOnly {
		n := ns[len(ns)-1]
		ps, err := e.prices(n, *runs)
		if err != nil {
			fatalf("feature prices: %v", err)
		}
		printPrices(n, ps)
		return
	}
	for _, n := range ns {
		variants := []variant{ours, bare}
		if n == mathN {
			variants = append(variants, nomath)
		}
		if e.peer != "" {
			variants = append(variants, peer)
		}
		sites := map[variant]string{}
		for _, v := range variants {
			dir := e.tempDir(fmt.Sprintf("site-%d-%s", n, v))
			st, err := makeSite(e, v, dir, n)
			if err != nil {
				fatalf("%v", err)
			}
			sites[v] = dir
			if v == ours && n == mathN {
				stats = st
			}
		}
		res := map[variant]builds{}
		var warmCache string
		for r := 0; r < *runs; r++ {
			// Interleaved: every variant once per round, so load on the
			// machine falls on all of them alike.
			for _, v := range variants {
				cache := e.tempDir("cache")
				b, err := e.hugoBuild(sites[v], cache)
				if err != nil {
					fatalf("N=%d %s: %v", n, v, err)
				}
				res[v] = append(res[v], b)
				if v == ours || v == nomath {
					w, err := e.hugoBuild(sites[v], cache)
					if err != nil {
						fatalf("N=%d %s (warm): %v", n, v, err)
					}
					res[v+"-warm"] = append(res[v+"-warm"], w)
				}
				if v == ours && warmCache == "" {
					warmCache = cache
				} else {
					os.RemoveAll(cache)
				}
			}
			fmt.Fprintf(os.Stderr, "N=%d: run %d of %d done\n", n, r+1, *runs)
		}
		results[n] = res
		printN(n, res)
		if n == ns[len(ns)-1] && *rows > 0 {
			b, err := e.hugoBuild(sites[ours], e.tempDir("cache"), "--templateMetrics", "--templateMetricsHints")
			if err != nil {
				fatalf("template metrics: %v", err)
			}
			metrics = templateMetrics(b.output, *rows)
		}
		if n == editN && *edits > 0 {
			paths := gen.NotePaths(n)
			// A plain note and a lecture of the largest course, in turn.
			pick := []string{paths[len(paths)/4], paths[len(paths)-len(paths)/4]}
			for _, p := range paths {
				if strings.HasPrefix(p, "courses/course-001/") {
					pick[1] = p
				}
			}
			editsOut, err = e.incremental(sites[ours], warmCache, pick, *edits)
			if err != nil {
				fatalf("incremental rebuild: %v", err)
			}
			for _, ed := range editsOut {
				fmt.Printf("  edit %-40s rebuild %5d ms, served after %5d ms\n", ed.path, ed.rebuild.Milliseconds(), ed.served.Milliseconds())
			}
			if e.peer != "" {
				// The same edits on the other theme's server: Hugo re-renders
				// every page that lists the note (a section's pager pages) for
				// any theme.
				peerEdits, err = e.incremental(sites[peer], e.tempDir("cache"), pick, *edits)
				if err != nil {
					fatalf("incremental rebuild of the peer: %v", err)
				}
				for _, ed := range peerEdits {
					fmt.Printf("  peer edit %-35s rebuild %5d ms, served after %5d ms\n", ed.path, ed.rebuild.Milliseconds(), ed.served.Milliseconds())
				}
			}
			fmt.Println()
		}
		if n == ns[len(ns)-1] && *explainOn {
			var peerCPU float64
			if p, ok := res[peer]; ok {
				peerCPU = p.cpu()
			}
			if why, err = e.explain(sites[ours], warmCache, res[ours+"-warm"].cpu(), peerCPU); err != nil {
				fatalf("-explain: %v", err)
			}
		}
		for _, d := range sites {
			os.RemoveAll(d)
		}
		os.RemoveAll(warmCache)
	}
	var ps []price
	if *pricesOn {
		ps, err = e.prices(ns[len(ns)-1], *runs)
		if err != nil {
			fatalf("feature prices: %v", err)
		}
	}
	printSummary(ns, mathN, editN, results, stats, metrics, editsOut, peerEdits)
	vs := targets(ns, editN, results, editsOut, peerEdits)
	printTargets(vs)
	switch {
	case why != "":
		fmt.Printf("  the warm build at N=%d by template (go run ./tools/cmd/profile):\n%s", ns[len(ns)-1], why)
	case slices.ContainsFunc(vs, func(v verdict) bool { return !v.met }):
		fmt.Println("  what stands in the way of a missed target: -explain profiles the largest N by template, or run go run ./tools/cmd/profile -source DIR on a site written with -write")
	}
	if len(ps) > 0 {
		printPrices(ns[len(ns)-1], ps)
		fmt.Println("    math, cached against cold: see the cold and warm rows above")
	}
}

func abs(x int) int { return max(x, -x) }

func mib(b int64) string { return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20)) }

var labels = map[variant]string{
	ours: "ours, cold", ours + "-warm": "ours, warm cache", nomath: "ours, math off",
	nomath + "-warm": "ours, math off, warm", bare: "bare baseline", peer: "peer, cold",
}

func printN(n int, res map[variant]builds) {
	fmt.Printf("N = %d notes (%d pages)\n", n, res[ours][0].pages)
	fmt.Printf("  %-22s %9s %9s %10s %8s %10s\n", "", "wall", "cpu", "peak mem", "pages/s", "output")
	for _, v := range []variant{ours, ours + "-warm", nomath, nomath + "-warm", bare, peer} {
		bs, ok := res[v]
		if !ok {
			continue
		}
		fmt.Printf("  %-22s %8.2fs %8.2fs %10s %8.0f %10s\n", labels[v], bs.wall(), bs.cpu(), mib(bs.peakRSS()),
			bs.median(func(b build) float64 { return b.pagesPerSecond() }), mib(bs[0].bytes))
	}
	fmt.Printf("  overhead over the bare baseline: %.2f× (wall), %.2f× (cpu)\n", res[ours].wall()/res[bare].wall(), res[ours].cpu()/res[bare].cpu())
	if p, ok := res[peer]; ok {
		fmt.Printf("  ours/peer: %.2f× cold, %.2f× warm; peak memory %.2f×\n", res[ours].wall()/p.wall(), res[ours+"-warm"].wall()/p.wall(),
			float64(res[ours].peakRSS())/float64(p.peakRSS()))
	}
	fmt.Println()
}

// medianEdit is the median of one figure of the edits.
func medianEdit(edits []edit, f func(edit) time.Duration) time.Duration {
	v := make([]time.Duration, len(edits))
	for i, e := range edits {
		v[i] = f(e)
	}
	slices.Sort(v)
	return v[len(v)/2]
}

func printSummary(ns []int, mathN, editN int, results map[int]map[variant]builds, st gen.Stats, metrics []string, edits, peerEdits []edit) {
	fmt.Println("Summary")
	if len(ns) > 1 {
		a, b := scalingPair(ns)
		fmt.Printf("  scaling t(%d)/t(%d), linear is %.0f:", b, a, float64(b)/float64(a))
		for _, v := range []variant{ours, ours + "-warm", bare, peer} {
			if x, ok := results[b][v]; ok {
				fmt.Printf("  %s %.1f", labels[v], x.wall()/results[a][v].wall())
			}
		}
		fmt.Println()
	}
	if r := results[mathN]; r[nomath] != nil && st.Formulas() > 0 {
		f := float64(st.Formulas())
		ms := func(a, b builds, get func(builds) float64) float64 { return (get(a) - get(b)) / f * 1000 }
		cpu := func(b builds) float64 { return b.cpu() }
		wall := func(b builds) float64 { return b.wall() }
		fmt.Printf("  math at N=%d (%d formulas: %d inline, %d display), from builds with math on and off:\n", mathN, st.Formulas(), st.InlineMath, st.DisplayMath)
		// A difference at or below zero means the machine's noise between
		// the two builds was larger than the math; say so instead of
		// printing a negative cost.
		perFormula := func(with, without builds) string {
			c, w := ms(with, without, cpu), ms(with, without, wall)
			if c <= 0 || w <= 0 {
				return fmt.Sprintf("not measurable here: the builds with and without math differ by %.1f s cpu, %.1f s wall, within the machine's noise", with.cpu()-without.cpu(), with.wall()-without.wall())
			}
			return fmt.Sprintf("%.2f ms cpu, %.2f ms wall per formula", c, w)
		}
		fmt.Printf("    cold:   %s\n", perFormula(r[ours], r[nomath]))
		fmt.Printf("    cached: %s\n", perFormula(r[ours+"-warm"], r[nomath+"-warm"]))
	}
	if len(edits) > 0 {
		med := func(f func(edit) time.Duration) time.Duration {
			return medianEdit(edits, f)
		}
		fmt.Printf("  one-note edit with hugo server on %d notes (median of %d edits, a note and a lecture in turn):\n", editN, len(edits))
		fmt.Printf("    rebuild (server log \"Total in\"): %v\n", med(func(e edit) time.Duration { return e.rebuild }))
		fmt.Printf("    save to change noticed:          %v (Hugo's watcher batches events in 500 ms ticks)\n", med(func(e edit) time.Duration { return e.watch }))
		fmt.Printf("    save to new page served:         %v\n", med(func(e edit) time.Duration { return e.served }))
		for _, e := range edits {
			fmt.Printf("      %-40s rebuild %5d ms, served after %5d ms\n", e.path, e.rebuild.Milliseconds(), e.served.Milliseconds())
		}
		if len(peerEdits) > 0 {
			fmt.Printf("    peer, the same edits: rebuild %v, save to new page served %v\n",
				medianEdit(peerEdits, func(e edit) time.Duration { return e.rebuild }),
				medianEdit(peerEdits, func(e edit) time.Duration { return e.served }))
		}
	}
	if len(metrics) > 0 {
		fmt.Printf("  templates by cumulative time at N=%d (--templateMetrics --templateMetricsHints):\n", ns[len(ns)-1])
		for _, l := range metrics {
			fmt.Println("  " + l)
		}
	}
}

// scalingPair is the two sizes growth is measured between: 1,000 and
// 10,000 notes when the run has both, else its two largest.
func scalingPair(ns []int) (a, b int) {
	if slices.Contains(ns, 1000) && slices.Contains(ns, 10000) {
		return 1000, 10000
	}
	return ns[len(ns)-2], ns[len(ns)-1]
}

// repoRoot finds the repository root from the working folder.
func repoRoot() string {
	root, err := repo.Root()
	if err != nil {
		fatalf("%v", err)
	}
	return root
}

// pinnedHugo builds (once, cached by Go) and locates the pinned Hugo.
func pinnedHugo(root string) string {
	cmd := exec.Command("go", "tool", "-n", "hugo")
	cmd.Dir = root
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		fatalf("go tool -n hugo: %v", err)
	}
	return strings.TrimSpace(string(out))
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}
