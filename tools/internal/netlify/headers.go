package netlify

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/npm"
)

// Rule is one [[headers]] table as the CLI parsed it.
type Rule struct {
	For    string            `json:"for"`
	Values map[string]string `json:"values"`
}

// Match is what the CLI's header matching answers for one path: the rules
// whose `for` matches it, in file order, and the headers they add up to.
type Match struct {
	Rules  []Rule            `json:"rules"`
	Values map[string]string `json:"values"`
}

// Get returns a header of the match, whatever the case of its name in
// netlify.toml.
func (m Match) Get(name string) string {
	for k, v := range m.Values {
		if strings.EqualFold(k, name) {
			return v
		}
	}
	return ""
}

// matchHeaders runs in Node: it loads the pinned CLI's own header code
// (what `netlify dev` calls for every response), parses the netlify.toml
// given as the first argument and prints, for each path read from standard
// input (one a line), the rules that match it and their merged values.
const matchHeaders = `
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
const [cli, configPath] = process.argv.slice(1);
const { parseHeaders, headersForPath } = await import(pathToFileURL(cli + '/dist/utils/headers.js'));
const headers = await parseHeaders({ config: { headers: [] }, configPath, headersFiles: [] });
const out = {};
for (const p of readFileSync(0, 'utf8').split('\n').filter(Boolean)) {
  out[p] = {
    rules: headers.filter((h) => h.forRegExp.test(p)).map((h) => ({ for: h.for, values: h.values })),
    values: headersForPath(headers, p),
  };
}
process.stdout.write(JSON.stringify(out));
`

// Headers answers, with the CLI's own matching, which header rules of the
// netlify.toml at configPath apply to each URL path.
func Headers(t testing.TB, configPath string, paths []string) map[string]Match {
	t.Helper()
	cli := filepath.Join(npm.Modules(t), "netlify-cli")
	cmd := exec.Command("node", "--input-type=module", "-e", matchHeaders, cli, configPath)
	cmd.Stdin = strings.NewReader(strings.Join(paths, "\n") + "\n")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("matching headers with netlify-cli: %v\n%s", err, stderr.String())
	}
	if stderr.Len() > 0 {
		// The CLI logs syntax errors in header rules instead of failing.
		t.Fatalf("netlify-cli on the header rules of %s:\n%s", configPath, stderr.String())
	}
	out := map[string]Match{}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatal(fmt.Errorf("reading the header matches: %w\n%s", err, stdout.String()))
	}
	return out
}
