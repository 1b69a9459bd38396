package tests

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/fasttest"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
	"golang.org/x/net/html"
)

// courseFixture is a site with courses that exercise ordering, nesting,
// planned syllabi, drafts, future notes and a one-note course, built
// in-process once per test process.
func courseFixture(t *testing.T) *sitetest.Result {
	t.Helper()
	return fasttest.Shared(t, "course-fixture", fasttest.Options{}, fasttest.FromMap(courseFiles()))
}

// courseFiles are the course fixture's files.
func courseFiles() map[string]string {
	note := func(fm string) string { return "---\n" + fm + "\n---\n\n## Idea\n\nText.\n" }
	return map[string]string{
		"content/_index.md":         "---\ntitle: Fixture\n---\nIntro.\n",
		"content/courses/_index.md": "---\ntitle: Courses\ndescription: All courses.\nlayout: catalogue\n---\nCourses.\n",
		// Ordering: weight first, then numbers in numeric order, then title.
		"content/courses/ml/_index.md":     "---\ntitle: Machine Learning\ndescription: ML course.\nunit: Lecture\nsyllabus:\n  - {number: 7, title: Kernels}\n  - {number: 9, title: Planned only}\n  - {number: 12, title: Processes}\n  - {number: 16, title: Convolutions}\n  - {number: 24, title: The end}\n---\nThe course.\n",
		"content/courses/ml/intro.md":      note("title: Introduction\ndescription: Start here.\ndate: 2021-01-01\nweight: 1"),
		"content/courses/ml/lecture-12.md": note("title: Gaussian processes\ndescription: GP.\ndate: 2021-01-12\nnumber: 12"),
		"content/courses/ml/lecture-7.md":  note("title: Kernels\ndescription: K.\ndate: 2021-01-07\nnumber: 7"),
		"content/courses/ml/lecture-16.md": note("title: Convolutions\ndescription: CNN.\ndate: 2021-01-16\nnumber: 16"),
		"content/courses/ml/zeta.md":       note("title: Appendix B\ndescription: B.\ndate: 2021-02-01"),
		"content/courses/ml/alpha.md":      note("title: Appendix A\ndescription: A.\ndate: 2021-02-02"),
		"content/courses/ml/draft.md":      note("title: Draft lecture\ndate: 2021-01-13\nnumber: 13\ndraft: true"),
		"content/courses/ml/future.md":     note("title: Future lecture\ndate: 2999-01-01\nnumber: 14"),
		// Nested parts.
		"content/courses/spec/_index.md":           "---\ntitle: Specialization\ndescription: Nested.\nunit: Course\n---\nSpec.\n",
		"content/courses/spec/course-2/_index.md":  "---\ntitle: \"Course 2: Later\"\ndescription: Second.\nnumber: 2\nunit: Week\n---\nC2.\n",
		"content/courses/spec/course-2/week-1.md":  note("title: \"Week 1: Two-one\"\ndescription: 2.1\ndate: 2021-03-01\nnumber: 1"),
		"content/courses/spec/course-1/_index.md":  "---\ntitle: \"Course 1: First\"\ndescription: First.\nnumber: 1\nunit: Week\n---\nC1.\n",
		"content/courses/spec/course-1/week-10.md": note("title: \"Week 10: One-ten\"\ndescription: 1.10\ndate: 2021-02-10\nnumber: 10"),
		"content/courses/spec/course-1/week-2.md":  note("title: \"Week 2: One-two\"\ndescription: 1.2\ndate: 2021-02-02\nnumber: 2"),
		"content/courses/solo/_index.md":           "---\ntitle: Solo\ndescription: One note.\nunit: Lecture\n---\nSolo.\n",
		"content/courses/solo/lecture-1.md":        note("title: Only lecture\ndescription: Alone.\ndate: 2021-04-01\nnumber: 1"),
		"content/courses/empty/_index.md":          "---\ntitle: Empty course\ndescription: Nothing yet.\nunit: Lecture\n---\nSoon.\n",
		"content/notes/_index.md":                  "---\ntitle: Notes\ndescription: Notes.\n---\nNotes.\n",
		"content/notes/short.md":                   "---\ntitle: Short\ndescription: Two headings.\ndate: 2021-01-01\n---\n\n## One\n\nA.\n\n## Two\n\nB.\n",
		"content/notes/long.md":                    "---\ntitle: Long\ndescription: Three headings.\ndate: 2021-01-02\n---\n\n## One\n\nA.\n\n## Two\n\nB.\n\n### Three\n\nC.\n",
		"content/papers/_index.md":                 "---\ntitle: Papers\ndescription: Papers.\n---\nPapers.\n",
		"content/papers/attention.md":              "---\ntitle: Attention summary\ndescription: Attention.\ndate: 2021-05-01\nseries: [Transformers]\nweight: 2\npaper:\n  title: Attention Is All You Need\n  authors: [Ashish Vaswani, Noam Shazeer, Niki Parmar, Jakob Uszkoreit]\n  year: 2017\n  venue: NeurIPS\n  arxiv: \"1706.03762\"\n  url: https://arxiv.org/abs/1706.03762\n---\n\n## Idea\n\nText.\n",
		"content/papers/bert.md":                   "---\ntitle: BERT summary\ndescription: BERT.\ndate: 2021-04-01\nseries: [Transformers]\nweight: 3\npaper:\n  title: \"BERT: Pre-training of Deep Bidirectional Transformers\"\n  authors: [Jacob Devlin, Ming-Wei Chang]\n  year: 2018\n  arxiv: \"1810.04805\"\n---\n\n## Idea\n\nText.\n",
		"content/papers/rnn.md":                    "---\ntitle: RNN summary\ndescription: Before transformers.\ndate: 2021-06-01\nseries: [Transformers]\nweight: 1\npaper:\n  title: Recurrent nets\n  authors: [Someone Else]\n  year: 1990\n---\n\n## Idea\n\nText.\n",
	}
}

// syllabusTitles returns the syllabus entries of a course page: label and
// title, and whether each is a link.
func syllabusTitles(doc *sitetest.Doc) (titles []string, linked []bool) {
	for _, li := range doc.All(sitetest.Class("boda-syllabus__item")) {
		head := sitetest.Find(li, sitetest.Class("boda-syllabus__head"))[0]
		titles = append(titles, sitetest.Text(head))
		linked = append(linked, len(sitetest.Find(head, sitetest.Tag("a"))) > 0)
	}
	return
}

func pagerLinks(doc *sitetest.Doc) (prev, next string) {
	for _, a := range doc.All(sitetest.Tag("a")) {
		rel, _ := sitetest.Attr(a, "rel")
		href, _ := sitetest.Attr(a, "href")
		switch rel {
		case "prev":
			prev = href
		case "next":
			next = href
		}
	}
	return
}

func TestCourseOrderingAndPlannedSyllabus(t *testing.T) {
	site := courseFixture(t)
	titles, linked := syllabusTitles(site.Page(t, "/courses/ml/"))
	want := []string{
		"Introduction",
		"Lecture 7 Kernels",
		"Lecture 9 Planned only not written yet",
		"Lecture 12 Gaussian processes",
		"Lecture 16 Convolutions",
		"Lecture 24 The end not written yet",
		"Appendix A",
		"Appendix B",
	}
	if strings.Join(titles, "|") != strings.Join(want, "|") {
		t.Fatalf("syllabus order:\n got %q\nwant %q", titles, want)
	}
	for i, title := range titles {
		planned := strings.Contains(title, "not written yet")
		if linked[i] == planned {
			t.Errorf("%q: linked = %v", title, linked[i])
		}
	}
	box := site.Page(t, "/courses/ml/lecture-16/").All(sitetest.Class("boda-series__position"))
	if len(box) != 1 || sitetest.Text(box[0]) != "Lecture 16 of 24" {
		t.Errorf("position on lecture 16: %v", textOf(box))
	}
}

func TestDraftsAndFutureNotesStayOut(t *testing.T) {
	site := courseFixture(t)
	for _, url := range []string{"/courses/ml/", "/courses/ml/lecture-12/", "/courses/ml/lecture-16/", "/"} {
		text := sitetest.Text(site.Page(t, url).Root)
		for _, hidden := range []string{"Draft lecture", "Future lecture"} {
			if strings.Contains(text, hidden) {
				t.Errorf("%s mentions %q", url, hidden)
			}
		}
	}
	if site.Exists("courses/ml/draft/index.html") || site.Exists("courses/ml/future/index.html") {
		t.Errorf("a draft or future note was published")
	}
	// Lecture 12's next is 16, not the draft (13) or the future note (14).
	if _, next := pagerLinks(site.Page(t, "/courses/ml/lecture-12/")); next != "/courses/ml/lecture-16/" {
		t.Errorf("next of lecture 12 = %q", next)
	}
}

func TestPreviousNextAtBothEndsAndAcrossParts(t *testing.T) {
	site := courseFixture(t)
	cases := []struct{ url, prev, next, position string }{
		{"/courses/ml/intro/", "", "/courses/ml/lecture-7/", "1 of 6"},
		{"/courses/ml/lecture-7/", "/courses/ml/intro/", "/courses/ml/lecture-12/", "Lecture 7 of 24"},
		{"/courses/ml/zeta/", "/courses/ml/alpha/", "", "6 of 6"},
		{"/courses/spec/course-1/week-2/", "", "/courses/spec/course-1/week-10/", "1 of 3"},
		{"/courses/spec/course-1/week-10/", "/courses/spec/course-1/week-2/", "/courses/spec/course-2/week-1/", "2 of 3"},
		{"/courses/spec/course-2/week-1/", "/courses/spec/course-1/week-10/", "", "3 of 3"},
		{"/courses/solo/lecture-1/", "", "", "1 of 1"},
	}
	for _, c := range cases {
		doc := site.Page(t, c.url)
		prev, next := pagerLinks(doc)
		if prev != c.prev || next != c.next {
			t.Errorf("%s: prev %q next %q, want %q %q", c.url, prev, next, c.prev, c.next)
		}
		pos := doc.All(sitetest.Class("boda-series__position"))
		if len(pos) != 1 || sitetest.Text(pos[0]) != c.position {
			t.Errorf("%s: position %v, want %q", c.url, textOf(pos), c.position)
		}
		current := doc.All(func(n *html.Node) bool {
			v, _ := sitetest.Attr(n, "aria-current")
			return v == "page" && n.Parent != nil && sitetest.HasClass(n.Parent, "boda-series__item")
		})
		if len(current) != 1 {
			t.Errorf("%s: %d current entries in the series box", c.url, len(current))
		} else if href, _ := sitetest.Attr(current[0], "href"); href != c.url {
			t.Errorf("%s: series box marks %s", c.url, href)
		}
	}
	if navs := site.Page(t, "/courses/solo/lecture-1/").All(sitetest.Class("boda-pager")); len(navs) != 0 {
		t.Errorf("one-note course shows a pager")
	}
}

func TestBreadcrumbs(t *testing.T) {
	site := courseFixture(t)
	doc := site.Page(t, "/courses/spec/course-1/week-2/")
	crumbs := doc.All(sitetest.Class("boda-breadcrumbs__list"))
	if len(crumbs) != 1 {
		t.Fatal("no breadcrumbs")
	}
	var got []string
	for _, a := range sitetest.Find(crumbs[0], sitetest.Tag("a")) {
		href, _ := sitetest.Attr(a, "href")
		got = append(got, sitetest.Text(a)+" "+href)
	}
	want := []string{"Home /", "Courses /courses/", "Specialization /courses/spec/", "Course 1: First /courses/spec/course-1/", "Week 2: One-two /courses/spec/course-1/week-2/"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("breadcrumbs:\n got %q\nwant %q", got, want)
	}
}

func TestCatalogueAndHome(t *testing.T) {
	site := courseFixture(t)
	cat := site.Page(t, "/courses/")
	for _, href := range []string{"/courses/ml/", "/courses/spec/", "/courses/spec/course-1/", "/courses/spec/course-2/", "/courses/solo/", "/courses/empty/"} {
		if !cat.HasLink(href) {
			t.Errorf("catalogue does not link %s", href)
		}
	}
	text := sitetest.Text(cat.Root)
	if strings.Index(text, "Course 1: First") > strings.Index(text, "Course 2: Later") {
		t.Errorf("catalogue lists course 2 before course 1")
	}
	empty := site.Page(t, "/courses/empty/")
	if !strings.Contains(sitetest.Text(empty.Root), "No notes here yet.") || len(empty.All(sitetest.Class("boda-syllabus__list"))) != 0 {
		t.Errorf("empty course page does not say it is empty")
	}
	home := site.Page(t, "/")
	if home.HasLink("/courses/empty/") {
		t.Errorf("home shows a card for the empty course")
	}
	for _, card := range home.All(sitetest.Class("boda-card")) {
		if sitetest.Text(card) == "" {
			t.Errorf("home has an empty card")
		}
	}
	if !strings.Contains(sitetest.Text(home.Root), "6 notes") {
		t.Errorf("home does not count the ML course's 6 notes")
	}
}

func TestSeriesTaxonomy(t *testing.T) {
	site := courseFixture(t)
	// Weight orders the series: rnn (1), attention (2), bert (3).
	doc := site.Page(t, "/papers/attention/")
	pos := doc.All(sitetest.Class("boda-series__position"))
	if len(pos) != 1 || sitetest.Text(pos[0]) != "2 of 3" {
		t.Errorf("series position %v", textOf(pos))
	}
	prev, next := pagerLinks(doc)
	if prev != "/papers/rnn/" || next != "/papers/bert/" {
		t.Errorf("series prev %q next %q", prev, next)
	}
	term := site.Page(t, "/series/transformers/")
	titles, _ := syllabusTitles(term)
	if strings.Join(titles, "|") != "RNN summary|Attention summary|BERT summary" {
		t.Errorf("series page order %q", titles)
	}
}

func TestPaperCard(t *testing.T) {
	site := courseFixture(t)
	doc := site.Page(t, "/papers/attention/")
	card := doc.All(sitetest.Class("boda-paper"))
	if len(card) != 1 {
		t.Fatal("no paper card")
	}
	text := sitetest.RawText(card[0])
	for _, want := range []string{"Attention Is All You Need", "Ashish Vaswani, Noam Shazeer, Niki Parmar, Jakob Uszkoreit", "NeurIPS, 2017", "@article{vaswani2017attention,", "author  = {Ashish Vaswani and Noam Shazeer and Niki Parmar and Jakob Uszkoreit}"} {
		if !strings.Contains(text, want) {
			t.Errorf("paper card lacks %q: %s", want, text)
		}
	}
	for _, href := range []string{"https://arxiv.org/abs/1706.03762", "https://arxiv.org/pdf/1706.03762"} {
		if !doc.HasLink(href) {
			t.Errorf("paper card does not link %s", href)
		}
	}
	list := sitetest.Text(site.Page(t, "/papers/").Root)
	if !(strings.Index(list, "2018") < strings.Index(list, "2017") && strings.Index(list, "2017") < strings.Index(list, "1990")) {
		t.Errorf("papers are not listed by year, newest first: %s", list)
	}
	if !strings.Contains(list, "Ashish Vaswani et al.") {
		t.Errorf("papers list lacks the short author list")
	}
	// JSON-LD: the note is a BlogPosting about the paper, a ScholarlyArticle.
	found := false
	for _, s := range doc.All(sitetest.Tag("script")) {
		if typ, _ := sitetest.Attr(s, "type"); typ != "application/ld+json" {
			continue
		}
		var v struct {
			Graph []struct {
				Type  string `json:"@type"`
				About struct {
					Type string `json:"@type"`
					Name string `json:"name"`
				} `json:"about"`
			} `json:"@graph"`
		}
		if err := json.Unmarshal([]byte(sitetest.RawText(s)), &v); err != nil {
			t.Fatalf("JSON-LD does not parse: %v", err)
		}
		for _, item := range v.Graph {
			if item.Type == "BlogPosting" && item.About.Type == "ScholarlyArticle" && item.About.Name == "Attention Is All You Need" {
				found = true
			}
		}
	}
	if !found {
		t.Errorf("no BlogPosting about the ScholarlyArticle in the paper note's JSON-LD")
	}
}

func TestTableOfContentsThreshold(t *testing.T) {
	site := courseFixture(t)
	if n := len(site.Page(t, "/notes/short/").All(sitetest.Class("boda-toc"))); n != 0 {
		t.Errorf("a note with two headings has a table of contents")
	}
	toc := site.Page(t, "/notes/long/").All(sitetest.Class("boda-toc"))
	if len(toc) != 1 {
		t.Fatalf("a note with three headings has no table of contents")
	}
	for _, href := range []string{"#one", "#two", "#three"} {
		found := false
		for _, a := range sitetest.Find(toc[0], sitetest.Tag("a")) {
			if v, _ := sitetest.Attr(a, "href"); v == href {
				found = true
			}
		}
		if !found {
			t.Errorf("table of contents lacks %s", href)
		}
	}
}

func textOf(nodes []*html.Node) []string {
	var out []string
	for _, n := range nodes {
		out = append(out, sitetest.Text(n))
	}
	return out
}

// TestNegativeWeightsComeFirst checks reading order with weights below zero,
// as Hugo sorts them: -5, -1, then positive weights, then unweighted notes.
func TestNegativeWeightsComeFirst(t *testing.T) {
	note := func(fm string) string { return "---\n" + fm + "\ndescription: D.\ndate: 2021-01-01\n---\n\nText.\n" }
	site := fasttest.Build(t, fasttest.Options{}, fasttest.FromMap(map[string]string{
		"content/courses/_index.md":       "---\ntitle: Courses\ndescription: All courses.\nlayout: catalogue\n---\nCourses.\n",
		"content/courses/w/_index.md":     "---\ntitle: Weighted\ndescription: Weights.\nunit: Lecture\n---\nW.\n",
		"content/courses/w/minus-one.md":  note("title: Minus one\nweight: -1"),
		"content/courses/w/minus-five.md": note("title: Minus five\nweight: -5"),
		"content/courses/w/two.md":        note("title: Two\nweight: 2"),
		"content/courses/w/ten.md":        note("title: Ten\nweight: 10"),
		"content/courses/w/none.md":       note("title: Unweighted"),
	}))
	titles, _ := syllabusTitles(site.Page(t, "/courses/w/"))
	want := []string{"Minus five", "Minus one", "Two", "Ten", "Unweighted"}
	if !slices.Equal(titles, want) {
		t.Errorf("syllabus order %q, want %q", titles, want)
	}
}

// TestSectionPagerAndExpiredNotes checks notes outside courses and series:
// each links to its neighbours in the section, in date order, with no link
// at either end, and a note past its expiryDate is neither published nor
// linked.
func TestSectionPagerAndExpiredNotes(t *testing.T) {
	note := func(title, date, extra string) string {
		return "---\ntitle: " + title + "\ndescription: D.\ndate: " + date + "\n" + extra + "---\n\nText.\n"
	}
	site := fasttest.Build(t, fasttest.Options{}, fasttest.FromMap(map[string]string{
		"content/notes/_index.md":  "---\ntitle: Notes\ndescription: Notes.\n---\nNotes.\n",
		"content/notes/first.md":   note("First", "2021-01-01", ""),
		"content/notes/second.md":  note("Second", "2021-01-02", ""),
		"content/notes/third.md":   note("Third", "2021-01-03", ""),
		"content/notes/expired.md": note("Expired", "2021-01-04", "expiryDate: 2022-01-01\n"),
	}))
	if site.Exists("notes/expired/index.html") {
		t.Error("the expired note was published")
	}
	pager := func(url string) (prev, next string) {
		for _, a := range site.Page(t, url).All(sitetest.Class("boda-pager__link")) {
			href, _ := sitetest.Attr(a, "href")
			switch rel, _ := sitetest.Attr(a, "rel"); rel {
			case "prev":
				prev = href
			case "next":
				next = href
			}
		}
		return prev, next
	}
	p1, n1 := pager("/notes/first/")
	p2, n2 := pager("/notes/second/")
	p3, n3 := pager("/notes/third/")
	// The middle note links both ways; the ends link inwards only, and the
	// two directions agree.
	if p2 == "" || n2 == "" || p2 == n2 {
		t.Fatalf("the middle note's pager: prev %q, next %q", p2, n2)
	}
	ends := map[string][2]string{"/notes/first/": {p1, n1}, "/notes/third/": {p3, n3}}
	for url, pn := range ends {
		if (pn[0] == "") == (pn[1] == "") {
			t.Errorf("%s: prev %q, next %q; an end note links one way only", url, pn[0], pn[1])
		}
	}
	if !(p2 == "/notes/first/" && n2 == "/notes/third/" && n1 == "/notes/second/" && p3 == "/notes/second/") &&
		!(p2 == "/notes/third/" && n2 == "/notes/first/" && p1 == "/notes/second/" && n3 == "/notes/second/") {
		t.Errorf("pager not in date order: first %q/%q, second %q/%q, third %q/%q", p1, n1, p2, n2, p3, n3)
	}
	for _, url := range []string{"/notes/", "/notes/first/", "/notes/second/", "/notes/third/", "/"} {
		if site.Page(t, url).HasLink("/notes/expired/") {
			t.Errorf("%s links the expired note", url)
		}
	}
}
