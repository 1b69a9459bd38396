package tests

import (
	"encoding/json"
	"encoding/xml"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/fasttest"
	"github.com/bodasadallah/boda-blog/tools/internal/gates"
	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
	"golang.org/x/net/html"
)

type rssFeed struct {
	Channel struct {
		Title string `xml:"title"`
		Link  string `xml:"link"`
		Items []struct {
			Title   string `xml:"title"`
			Link    string `xml:"link"`
			GUID    string `xml:"guid"`
			PubDate string `xml:"pubDate"`
			Content string `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
		} `xml:"item"`
	} `xml:"channel"`
}

func readFeed(t *testing.T, site *sitetest.Result, rel string) rssFeed {
	t.Helper()
	var f rssFeed
	if err := xml.Unmarshal([]byte(site.File(t, rel)), &f); err != nil {
		t.Fatalf("%s is not well-formed XML: %v", rel, err)
	}
	return f
}

// notePath turns a permalink into its path.
func notePath(t *testing.T, link string) string {
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	return u.Path
}

func TestFeedsCarryEveryNoteInFull(t *testing.T) {
	site := fasttest.Site(t)
	want := map[string][]string{"index.xml": nil, "notes/index.xml": nil, "papers/index.xml": nil, "courses/index.xml": nil, "courses/cs480-680/index.xml": nil}
	for _, n := range notes {
		want["index.xml"] = append(want["index.xml"], n.url)
		for feed := range want {
			dir := "/" + strings.TrimSuffix(feed, "index.xml")
			if feed != "index.xml" && strings.HasPrefix(n.url, dir) {
				want[feed] = append(want[feed], n.url)
			}
		}
	}
	for feed, urls := range want {
		f := readFeed(t, site, feed)
		got := map[string]bool{}
		for _, it := range f.Channel.Items {
			p := notePath(t, it.Link)
			got[p] = true
			if it.GUID != it.Link || it.PubDate == "" || it.Title == "" {
				t.Errorf("%s: item %s lacks a guid, date or title", feed, p)
			}
			doc := sitetest.Parse(t, it.Content, feed+" "+p)
			page := site.Page(t, p)
			if body := page.All(sitetest.Class("boda-prose")); len(body) > 0 && squeeze(sitetest.Text(doc.Root)) != squeeze(sitetest.Text(body[0])) {
				t.Errorf("%s: item %s does not carry the note's full text", feed, p)
			}
		}
		for _, u := range urls {
			if !got[u] {
				t.Errorf("%s has no item for %s", feed, u)
			}
		}
		if len(f.Channel.Items) != len(urls) {
			t.Errorf("%s has %d items, want %d (its notes only)", feed, len(f.Channel.Items), len(urls))
		}
	}
	// Every feed is linked from the page it follows.
	if !strings.Contains(site.File(t, "courses/cs480-680/index.html"), `type="application/rss+xml" href="https://boda-blog.netlify.app/courses/cs480-680/index.xml"`) {
		t.Error("the course page does not link its feed")
	}
}

func TestSitemapListsEveryNote(t *testing.T) {
	site := fasttest.Site(t)
	var sm struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(site.File(t, "sitemap.xml")), &sm); err != nil {
		t.Fatalf("sitemap.xml is not well-formed: %v", err)
	}
	got := map[string]bool{}
	for _, u := range sm.URLs {
		got[notePath(t, u.Loc)] = true
	}
	for _, u := range append(notesList(), "/", "/courses/", "/courses/cs480-680/", "/tags/") {
		if !got[u] {
			t.Errorf("sitemap.xml does not list %s", u)
		}
	}
	if !strings.Contains(site.File(t, "robots.txt"), "Sitemap: https://boda-blog.netlify.app/sitemap.xml") {
		t.Error("robots.txt does not point at the sitemap")
	}
}

// jsonLD returns the @graph of a page's JSON-LD, by @type.
func jsonLD(t *testing.T, site *sitetest.Result, url string) map[string]map[string]any {
	t.Helper()
	doc := site.Page(t, url)
	out := map[string]map[string]any{}
	n := 0
	for _, s := range doc.All(sitetest.Tag("script")) {
		if typ, _ := sitetest.Attr(s, "type"); typ != "application/ld+json" {
			continue
		}
		n++
		var data struct {
			Context string           `json:"@context"`
			Graph   []map[string]any `json:"@graph"`
		}
		if err := json.Unmarshal([]byte(sitetest.RawText(s)), &data); err != nil {
			t.Fatalf("%s: JSON-LD does not parse: %v", url, err)
		}
		if data.Context != "https://schema.org" {
			t.Errorf("%s: @context %q", url, data.Context)
		}
		for _, g := range data.Graph {
			out[g["@type"].(string)] = g
		}
	}
	if n != 1 {
		t.Errorf("%s has %d JSON-LD blocks, want 1", url, n)
	}
	return out
}

func TestJSONLDDescribesEachKindOfPage(t *testing.T) {
	site := fasttest.Site(t)
	home := jsonLD(t, site, "/")
	if w := home["WebSite"]; w == nil || w["name"] != "Boda Blog" || w["url"] != "https://boda-blog.netlify.app/" {
		t.Errorf("home: WebSite %v", w)
	}
	git := jsonLD(t, site, "/notes/git/")
	if p := git["BlogPosting"]; p == nil || p["headline"] != "GIT" || p["datePublished"] == nil || p["author"] == nil {
		t.Errorf("git note: BlogPosting %v", p)
	}
	paper := jsonLD(t, site, "/papers/decoupled-neural-interfaces/")
	// The summary is a BlogPosting; the paper it is about is the ScholarlyArticle.
	if p := paper["BlogPosting"]; p == nil || p["citation"] == nil || p["about"] == nil {
		t.Errorf("paper: BlogPosting about and citing the paper, got %v", paper)
	} else if c := p["citation"].(map[string]any); c["@type"] != "ScholarlyArticle" || c["url"] != "https://arxiv.org/abs/1608.05343" || len(c["author"].([]any)) != 7 {
		t.Errorf("paper citation %v", c)
	}
	course := jsonLD(t, site, "/courses/cs480-680/")
	if c := course["Course"]; c == nil || c["name"] != "CS480/680 Intro to Machine Learning" || c["provider"] == nil {
		t.Errorf("course: Course %v", course)
	}
	lecture := jsonLD(t, site, "/courses/cs480-680/lecture-16/")
	part, _ := lecture["BlogPosting"]["isPartOf"].(map[string]any)
	if part == nil || part["@type"] != "Course" || part["url"] != "https://boda-blog.netlify.app/courses/cs480-680/" {
		t.Errorf("lecture: isPartOf %v, want its Course", part)
	}
	crumbs, _ := lecture["BreadcrumbList"]["itemListElement"].([]any)
	var names []string
	for _, c := range crumbs {
		names = append(names, c.(map[string]any)["name"].(string))
	}
	if strings.Join(names, " › ") != "Boda Blog › Courses › CS480/680 › Convolution NN and residual networks" {
		t.Errorf("lecture breadcrumbs %q", names)
	}
}

func TestLLMsTxtAndMarkdownListEveryNote(t *testing.T) {
	site := fasttest.Site(t)
	llms := site.File(t, "llms.txt")
	if !strings.HasPrefix(llms, "# Boda Blog\n\n> ") {
		t.Errorf("llms.txt does not open with the title and a summary:\n%s", llms)
	}
	links := regexp.MustCompile(`(?m)^- \[([^\]]+)\]\(([^)]+)\)`).FindAllStringSubmatch(llms, -1)
	listed := map[string]string{}
	for _, l := range links {
		listed[notePath(t, l[2])] = l[1]
	}
	for _, n := range notes {
		md := n.url + "index.md"
		if listed[md] != n.title {
			t.Errorf("llms.txt lists %s as %q, want %q", md, listed[md], n.title)
		}
		text := site.File(t, strings.TrimPrefix(md, "/"))
		if !strings.HasPrefix(text, "# "+n.title+"\n") {
			t.Errorf("%s does not start with the title", md)
		}
		if strings.Contains(text, "{{<") || strings.Contains(text, "<div") {
			t.Errorf("%s is not plain Markdown: it has shortcodes or HTML", md)
		}
	}
	if len(links) != len(notes) {
		t.Errorf("llms.txt lists %d notes, the site has %d", len(links), len(notes))
	}
	git := site.File(t, "notes/git/index.md")
	if !strings.Contains(git, "abort merge, and get back like it never happened:\n\n```sh\ngit merge --abort\n```") {
		t.Errorf("the git note's commands are not plain fenced blocks:\n%s", git)
	}
}

func TestCoursePrintPageHasEveryLectureInOrder(t *testing.T) {
	site := fasttest.Site(t)
	doc := site.Page(t, "/courses/cs480-680/")
	if !doc.HasLink("/courses/cs480-680/print/") {
		t.Error("the course page does not link its print page")
	}
	print := sitetest.Parse(t, site.File(t, "courses/cs480-680/print/index.html"), "print/index.html")
	var titles []string
	for _, h := range print.All(sitetest.Class("boda-print__title")) {
		titles = append(titles, sitetest.Text(h))
	}
	want := []string{"Lecture 12: Gaussian process", "Lecture 16: Convolution NN and residual networks", "Lecture 18: LSTM vs GRU vs Attention", "Lecture 20: Autoencoder"}
	if strings.Join(titles, "|") != strings.Join(want, "|") {
		t.Errorf("print page notes %q, want %q", titles, want)
	}
	text := sitetest.Text(print.Root)
	if !strings.Contains(text, "many layers with smaller filters is better than having one big filter") {
		t.Error("the print page does not carry the lectures' text")
	}
	ids := map[string]bool{}
	for _, n := range print.All(func(n *html.Node) bool { _, ok := sitetest.Attr(n, "id"); return ok }) {
		id, _ := sitetest.Attr(n, "id")
		if ids[id] {
			t.Errorf("print page: duplicate id %q", id)
		}
		ids[id] = true
	}
	for _, href := range print.Links() {
		if strings.HasPrefix(href, "#") && !ids[strings.TrimPrefix(href, "#")] {
			t.Errorf("print page: link %s has no target", href)
		}
	}
	if strings.Contains(site.File(t, "courses/cs480-680/print/index.html"), "data-pagefind-body") {
		t.Error("the print page would be indexed for search")
	}
	// Every course has one, parts do not.
	for _, c := range []string{"applied-deep-learning", "nlp-specialization"} {
		if !site.Exists("courses/" + c + "/print/index.html") {
			t.Errorf("course %s has no print page", c)
		}
	}
	if site.Exists("courses/nlp-specialization/course-1-classification-and-vector-spaces/print/index.html") || site.Exists("courses/print/index.html") {
		t.Error("a part or the catalogue has a print page")
	}
}

// squeeze drops all white space: minified pages and feeds differ in it.
func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }

// TestMarkdownCopiesLinkToEachOther checks that a note's links to other
// notes' Markdown files point, in its Markdown copy, at those notes' copies,
// and that every link in every output of the site resolves.
func TestMarkdownCopiesLinkToEachOther(t *testing.T) {
	site := fastReader(t)
	alpha := site.File(t, "notes/alpha/index.md")
	for _, want := range []string{"[beta](https://", "/notes/beta/index.md)", "[the second lecture](https://", "/courses/ml/lecture-2/index.md)"} {
		if !strings.Contains(alpha, want) {
			t.Errorf("alpha's Markdown copy has no %s:\n%s", want, alpha)
		}
	}
	if strings.Contains(alpha, "beta.md)") || strings.Contains(alpha, "lecture-2.md)") {
		t.Errorf("alpha's Markdown copy keeps a link to a source file:\n%s", alpha)
	}
	for _, p := range gates.Links(t, site.Public, "") {
		t.Error(p)
	}
}
