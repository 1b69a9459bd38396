package main

import (
	"testing"
	"time"
)

func cpuBuilds(secs ...float64) builds {
	var bs builds
	for _, s := range secs {
		bs = append(bs, build{cpu: time.Duration(s * float64(time.Second)), bytes: 100, files: 3})
	}
	return bs
}

// TestPairedPrice checks that a price is the median of each round's
// difference, not the difference of two medians, and that a price the
// rounds disagree on is marked as the machine's noise.
func TestPairedPrice(t *testing.T) {
	for _, c := range []struct {
		name          string
		with, without builds
		cpu, low, hi  float64
		noisy         bool
	}{
		// A slow second round hits both builds of the pair: 1 s each round.
		{"steady", cpuBuilds(10, 20, 11), cpuBuilds(9, 19, 10), 1, 1, 1, false},
		// The medians differ by 0.5 s; the rounds by 1 s, 1 s and 0.5 s.
		{"paired", cpuBuilds(10, 20, 11), cpuBuilds(9, 19, 10.5), 1, 0.5, 1, false},
		{"one round slower without", cpuBuilds(10, 12, 11), cpuBuilds(9, 13, 10), 1, -1, 1, true},
		{"cheaper with", cpuBuilds(10, 12), cpuBuilds(11, 13), -1, -1, -1, true},
		{"one round", cpuBuilds(10), cpuBuilds(11), -1, -1, -1, false},
	} {
		p := pairedPrice(c.name, c.with, c.without)
		if p.cpu != c.cpu || p.cpuLow != c.low || p.cpuHigh != c.hi || p.noisy() != c.noisy {
			t.Errorf("%s: cpu %v (%v…%v), noisy %v; want %v (%v…%v), noisy %v", c.name, p.cpu, p.cpuLow, p.cpuHigh, p.noisy(), c.cpu, c.low, c.hi, c.noisy)
		}
		if p.rounds != len(c.with) {
			t.Errorf("%s: %d rounds, want %d", c.name, p.rounds, len(c.with))
		}
	}
}
