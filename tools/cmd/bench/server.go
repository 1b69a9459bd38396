package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// An edit is one saved note, measured three ways.
type edit struct {
	path    string
	watch   time.Duration // save → Hugo logs the change (its watcher batches events in 500 ms ticks)
	rebuild time.Duration // the rebuild itself, as Hugo logs it ("Total in N ms")
	served  time.Duration // save → the server returns the new page
}

type logLine struct {
	at   time.Time
	text string
}

var (
	totalRe   = regexp.MustCompile(`^Total in (\d+) ms`)
	changedRe = regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} [-+]\d{4}$`)
)

// incremental runs `hugo server` on site and saves each of paths (content
// paths) in turn, once unmeasured to warm up, then `edits` times.
func (e *env) incremental(site, cache string, paths []string, edits int) ([]edit, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	cmd := exec.Command(e.hugo, "server", "--source", site, "--cacheDir", cache, "--bind", "127.0.0.1", "--port", strconv.Itoa(port), "--logLevel", "info")
	cmd.Dir = site
	cmd.Env = e.environ()
	pr, pw := io.Pipe()
	cmd.Stdout, cmd.Stderr = pw, pw
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	defer func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		pw.Close()
	}()
	lines := make(chan logLine, 1024)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			lines <- logLine{time.Now(), strings.TrimSpace(sc.Text())}
		}
		close(lines)
	}()
	var log strings.Builder
	wait := func(limit time.Duration, match func(string) bool) (logLine, error) {
		deadline := time.After(limit)
		for {
			select {
			case ln, ok := <-lines:
				if !ok {
					return ln, fmt.Errorf("hugo server stopped:\n%s", tail(log.String(), 30))
				}
				log.WriteString(ln.text + "\n")
				if match(ln.text) {
					return ln, nil
				}
			case <-deadline:
				return logLine{}, fmt.Errorf("hugo server: nothing after %v:\n%s", limit, tail(log.String(), 30))
			}
		}
	}
	if _, err := wait(10*time.Minute, func(s string) bool { return strings.Contains(s, "Web Server is available") }); err != nil {
		return nil, err
	}
	var out []edit
	for k := 0; k <= edits; k++ {
		path := paths[k%len(paths)]
		file := filepath.Join(site, "content", filepath.FromSlash(path))
		url := fmt.Sprintf("http://127.0.0.1:%d/%s/", port, strings.TrimSuffix(path, ".md"))
		marker := fmt.Sprintf("Revision %d of this note.", k+1)
		old, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		time.Sleep(700 * time.Millisecond) // let the previous batch settle
		start := time.Now()
		if err := os.WriteFile(file, append(old, []byte("\n"+marker+"\n")...), 0o644); err != nil {
			return nil, err
		}
		var changed time.Time
		// As long as the server's start may take: on 10,000 notes another
		// theme's rebuild took up to two minutes (Hugo's change set).
		total, err := wait(10*time.Minute, func(s string) bool {
			if changedRe.MatchString(s) && changed.IsZero() {
				changed, _ = time.Parse("2006-01-02 15:04:05.000 -0700", s)
			}
			return totalRe.MatchString(s)
		})
		if err != nil {
			return nil, err
		}
		ms, _ := strconv.Atoi(totalRe.FindStringSubmatch(total.text)[1])
		served, err := pollFor(url, marker, start)
		if err != nil {
			return nil, err
		}
		ed := edit{path: path, rebuild: time.Duration(ms) * time.Millisecond, served: served}
		if !changed.IsZero() {
			ed.watch = max(0, changed.Sub(start))
		}
		if k > 0 {
			out = append(out, ed)
		}
	}
	return out, nil
}

// pollFor fetches url until its body contains marker and returns the time
// since start.
func pollFor(url, marker string, start time.Time) (time.Duration, error) {
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		resp, err := http.Get(url)
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if strings.Contains(string(body), marker) {
				return time.Since(start), nil
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
	return 0, fmt.Errorf("%s never showed %q", url, marker)
}
