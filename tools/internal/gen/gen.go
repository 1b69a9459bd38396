// Package gen writes deterministic synthetic Boda Blog content: N notes in
// the site's content model (papers with citation front matter, notes, and
// courses with nested parts and numbered lectures), each with headings,
// paragraphs, lists, inline and display math, a code block, a cmd shortcode,
// a console fence (or, in the Code profile, one sh fence), tags and links
// to other notes. The same options always
// write the same bytes, so builds of generated sites can be compared.
package gen

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// MaxLectures is the size of the largest course: one course holds up to
// this many lectures in a single flat section.
const MaxLectures = 1000

// Options choose what to generate.
type Options struct {
	Notes   int     // regular pages to write (papers, notes and lectures)
	Seed    uint64  // the same seed writes the same site
	Profile Profile // what a note holds; the zero value is Mixed
}

// A Profile is the mix of math and code in every note.
type Profile string

const (
	// Mixed: 2–5 inline formulas, one display formula, a Python block, a
	// cmd shortcode and a console fence.
	Mixed Profile = ""
	// Code: 2–4 inline formulas, one display formula, one Python block and
	// one sh block (two commands), nothing else that runs a command hook.
	Code Profile = "code"
)

// ParseProfile reads a profile's name as a command-line flag gives it.
func ParseProfile(s string) (Profile, error) {
	switch s {
	case "", "mixed":
		return Mixed, nil
	case string(Code):
		return Code, nil
	}
	return "", fmt.Errorf("gen: no profile %q; use mixed or code", s)
}

// Stats describe a generated site.
type Stats struct {
	Notes       int // regular pages
	Papers      int
	PlainNotes  int // notes in notes/
	Lectures    int // notes in courses, at any depth
	Courses     int
	Parts       int // sections inside courses
	Sections    int // every _index.md written, home included
	InlineMath  int
	DisplayMath int
	Commands    int // cmd shortcodes and console or sh fences
	Links       int // links to other notes
	Bytes       int64
}

// Formulas is the number of math expressions in the content.
func (s Stats) Formulas() int { return s.InlineMath + s.DisplayMath }

// note is one regular page to write.
type note struct {
	path   string // content path, e.g. "papers/paper-00042.md"
	kind   string // "paper", "note" or "lecture"
	number int    // lecture number inside its section (lectures only)
	unit   string // the parent section's unit ("Lecture", "Week")
}

// section is one _index.md to write.
type section struct {
	path  string
	front string // front matter lines, without delimiters
	body  string
}

// plan lays out the site for n notes: a fifth papers, three tenths notes,
// the rest lectures. The first course is flat and holds up to MaxLectures
// lectures; the others are split into parts ("Course 2", …) of weeks.
func plan(n int) ([]section, []note) {
	papers := n / 5
	notes := n * 3 / 10
	lectures := n - papers - notes
	var secs []section
	var out []note

	secs = append(secs,
		section{"_index.md", "title: Synthetic Notebook\ndescription: A generated notebook for measuring builds.", "A generated notebook: papers, notes and courses.\n"},
		section{"papers/_index.md", "title: Papers\ndescription: Summaries of generated papers.\nweight: 10\nmenus:\n  main:\n    weight: 10", "Summaries of papers.\n"},
		section{"notes/_index.md", "title: Notes\ndescription: Working notes.\nweight: 30\nmenus:\n  main:\n    weight: 30", "Working notes.\n"},
		section{"courses/_index.md", "title: Courses\ndescription: Lecture notes, course by course.\nlayout: catalogue\nweight: 20\nmenus:\n  main:\n    weight: 20", "Lecture notes from courses.\n"},
	)
	for i := 1; i <= papers; i++ {
		out = append(out, note{path: fmt.Sprintf("papers/paper-%05d.md", i), kind: "paper"})
	}
	for i := 1; i <= notes; i++ {
		out = append(out, note{path: fmt.Sprintf("notes/note-%05d.md", i), kind: "note"})
	}

	// The flat course: two fifths of the lectures, at most MaxLectures.
	flat := min(MaxLectures, lectures*2/5)
	if flat > 0 {
		secs = append(secs, section{"courses/course-001/_index.md",
			"title: \"Course 001: Machine Learning\"\nlinkTitle: Course 001\ndescription: A long lecture course.\nunit: Lecture",
			"Every lecture of a long course, in order.\n"})
		for i := 1; i <= flat; i++ {
			out = append(out, note{path: fmt.Sprintf("courses/course-001/lecture-%04d.md", i), kind: "lecture", number: i, unit: "Lecture"})
		}
	}
	// Specializations: courses of partsPerCourse parts of partSize weeks.
	const partSize, partsPerCourse = 10, 5
	rest := lectures - flat
	for c := 2; rest > 0; c++ {
		dir := fmt.Sprintf("courses/course-%03d", c)
		secs = append(secs, section{dir + "/_index.md",
			fmt.Sprintf("title: \"Specialization %03d\"\nlinkTitle: Specialization %03d\ndescription: A specialization of several courses.\nunit: Course", c, c),
			"A specialization, course by course and week by week.\n"})
		for p := 1; p <= partsPerCourse && rest > 0; p++ {
			pdir := fmt.Sprintf("%s/part-%02d", dir, p)
			secs = append(secs, section{pdir + "/_index.md",
				fmt.Sprintf("title: \"Course %d: %s\"\nlinkTitle: %s\ndescription: One course of the specialization.\nnumber: %d\nunit: Week", p, topic(c*10+p), topic(c*10+p), p),
				"One course of the specialization.\n"})
			for w := 1; w <= partSize && rest > 0; w++ {
				out = append(out, note{path: fmt.Sprintf("%s/week-%02d.md", pdir, w), kind: "lecture", number: w, unit: "Week"})
				rest--
			}
		}
	}
	return secs, out
}

// Write writes the content of a generated site below dir (the site's
// content folder), which should be empty.
func Write(dir string, o Options) (Stats, error) {
	if o.Notes < 1 {
		return Stats{}, fmt.Errorf("gen: need at least one note, got %d", o.Notes)
	}
	if _, err := ParseProfile(string(o.Profile)); err != nil {
		return Stats{}, err
	}
	secs, notes := plan(o.Notes)
	var st Stats
	write := func(rel, text string) error {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		st.Bytes += int64(len(text))
		return os.WriteFile(p, []byte(text), 0o644)
	}
	for _, s := range secs {
		if err := write(s.path, "---\n"+s.front+"\n---\n\n"+s.body); err != nil {
			return st, err
		}
		st.Sections++
		switch {
		case strings.Count(s.path, "/") == 2 && strings.HasPrefix(s.path, "courses/"):
			st.Courses++
		case strings.Count(s.path, "/") == 3:
			st.Parts++
		}
	}
	for i, n := range notes {
		text := render(o.Seed, o.Profile, i, n, notes, &st)
		if err := write(n.path, text); err != nil {
			return st, err
		}
		st.Notes++
		switch n.kind {
		case "paper":
			st.Papers++
		case "note":
			st.PlainNotes++
		default:
			st.Lectures++
		}
	}
	return st, nil
}

// NotePaths lists the content paths of the notes Write writes for n notes,
// in order.
func NotePaths(n int) []string {
	_, notes := plan(n)
	out := make([]string, len(notes))
	for i, x := range notes {
		out[i] = x.path
	}
	return out
}
