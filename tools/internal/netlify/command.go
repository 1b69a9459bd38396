package netlify

import (
	"fmt"
	"os"
	"strings"
)

// Step is one program run of a build command, after variable expansion.
type Step struct {
	Program string
	Args    []string
}

func (s Step) String() string { return strings.Join(append([]string{s.Program}, s.Args...), " ") }

// Steps splits a build command into the programs it runs, the way the
// build's shell would for the commands Boda Blog writes: steps joined by
// "&&", words split on spaces, single or double quotes keeping a word
// together, and $NAME or ${NAME} replaced from env. Anything fancier (pipes,
// ";", redirection, subshells) is an error, so netlify.toml stays simple
// enough to be tested.
func Steps(command string, env map[string]string) ([]Step, error) {
	for _, bad := range []string{"|", ";", ">", "<", "`", "$("} {
		if strings.Contains(command, bad) {
			return nil, fmt.Errorf("build command %q uses %q; join steps with && only", command, bad)
		}
	}
	var steps []Step
	for _, part := range strings.Split(command, "&&") {
		words, err := splitWords(part, env)
		if err != nil {
			return nil, fmt.Errorf("build command %q: %w", command, err)
		}
		if len(words) == 0 {
			return nil, fmt.Errorf("build command %q has an empty step", command)
		}
		steps = append(steps, Step{Program: words[0], Args: words[1:]})
	}
	return steps, nil
}

func splitWords(s string, env map[string]string) ([]string, error) {
	var (
		words []string
		cur   strings.Builder
		in    bool // inside a word
		quote rune
	)
	expand := func(v string) string {
		return os.Expand(v, func(name string) string { return env[name] })
	}
	flush := func() {
		if in {
			words = append(words, cur.String())
			cur.Reset()
			in = false
		}
	}
	var raw strings.Builder // the unexpanded text of a part of a word
	emit := func(expandIt bool) {
		if expandIt {
			cur.WriteString(expand(raw.String()))
		} else {
			cur.WriteString(raw.String())
		}
		raw.Reset()
	}
	for _, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				emit(quote == '"')
				quote = 0
				continue
			}
			raw.WriteRune(r)
		case r == '\'' || r == '"':
			emit(true)
			quote = r
			in = true
		case r == ' ' || r == '\t' || r == '\n':
			emit(true)
			flush()
		default:
			raw.WriteRune(r)
			in = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unclosed %c quote", quote)
	}
	emit(true)
	flush()
	return words, nil
}
