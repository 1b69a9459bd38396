package main

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// group is a set of templates that do one job, matched by name.
type group struct {
	name string
	re   *regexp.Regexp
	// own is true when a blog theme without this site's notebook features
	// (PaperMod, say) has no template doing the job: what a build would
	// lose if the feature went.
	own bool
}

// groups are tried in order; a template goes to the first that matches,
// and to "the page's layout and the rest" when none does.
var groups = []group{
	{"Markdown copies and llms.txt", regexp.MustCompile(`page\.md|_funcs/markdown/|_funcs/cmd/markdown|bibliography-md|entry-md|llms|^_shortcodes/.*\.md$`), true},
	{"code and command blocks (Chroma inside)", regexp.MustCompile(`components/(code|command)\.html|_markup/render-codeblock|_funcs/cmd/|_funcs/text/terminal|_funcs/copy/|_funcs/markup/highlight|_funcs/goat`), false},
	{"math (reading KaTeX's cached output inside)", regexp.MustCompile(`components/math\.html|_funcs/math/|_markup/render-passthrough|_funcs/eq/|^_shortcodes/(math|eqref)\.`), true},
	{"other render hooks (headings, links, images, quotes)", regexp.MustCompile(`^_markup/`), false},
	{"the head: JSON-LD (with the note's first rendering), meta, Open Graph, search metadata", regexp.MustCompile(`^_partials/head/|_funcs/page/description|_funcs/social/|_funcs/site/identity|_funcs/page/lang|get-page-images|_funcs/cite/jsonld`), false},
	{"related notes", regexp.MustCompile(`related`), true},
	{"backlinks", regexp.MustCompile(`backlinks|_funcs/links/`), true},
	{"feeds", regexp.MustCompile(`rss\.xml|_funcs/text/clean|_funcs/page/content`), false},
	{"front-matter checks", regexp.MustCompile(`validate|check-input|_funcs/page/(extras|terms|paper|file|bibtex|authors)|output-paths|page-origin|_funcs/text/show|_funcs/cite/paper`), true},
	{"course order: syllabi, series box, pager, labels, print pages", regexp.MustCompile(`_funcs/order/|series|pager|syllabus|print|catalogue|course-card|^courses/`), true},
	{"lists and sections", regexp.MustCompile(`list-item|section\.html|term\.html|taxonomy\.html|home\.html|paper-card|pagination|list-header|archive`), false},
}

const restGroup = "the page's layout and the rest"

// groupOf finds the group a template belongs to.
func groupOf(template string) group {
	for _, g := range groups {
		if g.re.MatchString(template) {
			return g
		}
	}
	return group{name: restGroup}
}

// groupRow is one group's CPU.
type groupRow struct {
	group
	self time.Duration
}

// groupTotals adds up the report's rows by group, largest first.
func (r report) groupTotals() []groupRow {
	sum := map[string]time.Duration{}
	for _, x := range r.rows {
		sum[groupOf(x.name).name] += x.self
	}
	var out []groupRow
	for _, g := range append(groups[:len(groups):len(groups)], group{name: restGroup}) {
		out = append(out, groupRow{g, sum[g.name]})
	}
	slices.SortStableFunc(out, func(a, b groupRow) int { return cmp.Compare(b.self, a.self) })
	return out
}

// formatGroups prints the CPU by group, marks the groups a plainer theme
// has no counterpart for, and adds up their share.
func (r report) formatGroups() string {
	var b strings.Builder
	pct := func(d time.Duration) float64 { return 100 * d.Seconds() / r.total.Seconds() }
	fmt.Fprintf(&b, "%10s %7s  %s\n", "self CPU", "share", "group (*: no counterpart in a blog theme without the notebook's features)")
	var own time.Duration
	for _, x := range r.groupTotals() {
		mark := " "
		if x.own {
			mark = "*"
			own += x.self
		}
		fmt.Fprintf(&b, "%8.2f s %5.1f %% %s %s\n", x.self.Seconds(), pct(x.self), mark, x.name)
	}
	out := r.total - r.labelled
	fmt.Fprintf(&b, "%8.2f s %5.1f %%   outside any template\n", out.Seconds(), pct(out))
	fmt.Fprintf(&b, "groups marked *: %.2f s, %.1f %% of the CPU\n", own.Seconds(), pct(own))
	return b.String()
}
