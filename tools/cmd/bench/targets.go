package main

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// verdict is one performance target, what the run measured for it and
// whether that meets it.
type verdict struct {
	target, measured string
	met              bool
}

// editLimit is the target for a one-note edit under hugo server.
const editLimit = 300 * time.Millisecond

// targets compares a run with the targets the README's performance
// section is measured against, by CPU time (wall time on two busy cores
// says more about the machine than about the build). A target needs the
// builds it speaks of: the peer's for the ratios, two sizes for growth,
// the server's edits for the edit. The peer is built once per round, on an
// empty cache: a theme that renders no math and draws no cards caches
// nothing a second build would read, so that build stands for its warm one
// too.
func targets(ns []int, editN int, results map[int]map[variant]builds, edits []edit, peerEdits []edit) []verdict {
	var out []verdict
	withPeer := []int{}
	for _, n := range ns {
		if _, ok := results[n][peer]; ok {
			withPeer = append(withPeer, n)
		}
	}
	ratios := func(f func(r map[variant]builds) float64, limit float64) (string, bool) {
		var parts []string
		met := true
		for _, n := range withPeer {
			x := f(results[n])
			parts = append(parts, fmt.Sprintf("N=%d %.2f×", n, x))
			met = met && x <= limit
		}
		return strings.Join(parts, ", "), met
	}
	if len(withPeer) > 0 {
		m, ok := ratios(func(r map[variant]builds) float64 { return r[ours+"-warm"].cpu() / r[peer].cpu() }, 1.0)
		out = append(out, verdict{"warm build ≤ 1.0× the peer", m, ok})
		m, ok = ratios(func(r map[variant]builds) float64 {
			return float64(r[ours+"-warm"].peakRSS()) / float64(r[peer].peakRSS())
		}, 1.0)
		out = append(out, verdict{"peak memory ≤ 1.0× the peer", m, ok})
		n := withPeer[len(withPeer)-1]
		x := results[n][ours].cpu() / results[n][peer].cpu()
		m = fmt.Sprintf("N=%d %.2f×", n, x)
		if n < 10000 {
			m += " (the target is set at N=10000)"
		}
		out = append(out, verdict{"cold build ≤ 1.5× the peer at 10,000 notes", m, x <= 1.5 && n >= 10000})
	}
	if len(ns) > 1 {
		a, b := scalingPair(ns)
		limit := float64(b) / float64(a)
		grow := func(v variant) float64 { return results[b][v].cpu() / results[a][v].cpu() }
		warm, cold := grow(ours+"-warm"), grow(ours)
		m := fmt.Sprintf("warm %.1f, cold %.1f", warm, cold)
		var others []string
		for _, v := range []variant{peer, bare} {
			if _, ok := results[b][v]; ok {
				others = append(others, fmt.Sprintf("%s %.1f", map[variant]string{peer: "peer", bare: "bare baseline"}[v], grow(v)))
			}
		}
		if len(others) > 0 {
			m += " (" + strings.Join(others, ", ") + ")"
		}
		out = append(out, verdict{fmt.Sprintf("t(%d)/t(%d) ≤ %.0f, warm and cold", b, a, limit), m, warm <= limit && cold <= limit})
	}
	if len(edits) > 0 {
		med := medianEdit(edits, func(e edit) time.Duration { return e.rebuild })
		m := fmt.Sprintf("N=%d %d ms (median of %d)", editN, med.Milliseconds(), len(edits))
		if len(peerEdits) > 0 {
			m += fmt.Sprintf("; peer %d ms", medianEdit(peerEdits, func(e edit) time.Duration { return e.rebuild }).Milliseconds())
		}
		if editN < 10000 {
			m += " (the target is set at N=10000)"
		}
		out = append(out, verdict{fmt.Sprintf("one-note edit under hugo server < %d ms", editLimit.Milliseconds()), m, med < editLimit && editN >= 10000})
	}
	return out
}

func printTargets(vs []verdict) {
	if len(vs) == 0 {
		return
	}
	fmt.Println("  targets (by CPU time; docs/performance.md, \"The targets\"):")
	for _, v := range vs {
		state := "met"
		if !v.met {
			state = "MISSED"
		}
		fmt.Printf("    %-46s %-7s %s\n", v.target, state, v.measured)
	}
}

var ownShareRe = regexp.MustCompile(`groups marked \*: \S+ s, ([0-9.]+) %`)

// explain profiles the warm build of site by template
// (tools/cmd/profile) and says what share of its CPU the groups a plainer
// theme has no counterpart for hold, against the share the build would
// have to lose to reach the peer's CPU time.
func (e *env) explain(site, cache string, ourCPU, peerCPU float64) (string, error) {
	cmd := exec.Command("go", "run", "./tools/cmd/profile", "-source", site, "-cacheDir", cache, "-warm=false", "-top", "15")
	cmd.Dir = e.root
	cmd.Env = e.environ()
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go run ./tools/cmd/profile: %v", err)
	}
	var b strings.Builder
	for _, l := range strings.Split(strings.TrimRight(string(out), "\n"), "\n") {
		if l != "" {
			l = "    " + l
		}
		b.WriteString(l + "\n")
	}
	if peerCPU > 0 && peerCPU < ourCPU {
		need := 100 * (1 - peerCPU/ourCPU)
		if m := ownShareRe.FindStringSubmatch(string(out)); m != nil {
			own, _ := strconv.ParseFloat(m[1], 64)
			fmt.Fprintf(&b, "  to match the peer's CPU the warm build must lose %.0f %% of it; the groups marked * hold %.0f %%\n", need, own)
		}
	}
	return b.String(), nil
}
