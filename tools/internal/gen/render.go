package gen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

var words = strings.Fields(`gradient descent network layer loss weight bias activation
batch epoch model training inference attention token embedding vector matrix
kernel filter convolution pooling residual recurrent memory gate encoder decoder
sample distribution prior posterior likelihood estimate variance mean noise
signal feature label class cluster margin norm update step rate schedule
momentum optimizer regularizer dropout dataset split validation error metric
objective function parameter space dimension projection basis eigenvalue
hidden output input sequence window stride padding channel depth width head`)

var topics = []string{"Linear models", "Kernel methods", "Gaussian processes",
	"Convolutional networks", "Recurrent networks", "Attention", "Autoencoders",
	"Variational inference", "Reinforcement learning", "Optimization",
	"Regularization", "Generative models", "Graph networks", "Transformers",
	"Hashing and search", "Word vectors", "Probabilistic models", "Ensembles"}

var tags = func() []string {
	base := strings.Fields(`optimization probability linear-algebra nlp vision
	transformers attention cnn rnn lstm gan vae reinforcement-learning kernels
	gaussian-process bayesian regularization hashing embeddings git docker
	python pytorch statistics calculus information-theory graphs clustering
	backpropagation training evaluation`)
	out := append([]string(nil), base...)
	for i := 1; len(out) < 60; i++ {
		out = append(out, fmt.Sprintf("topic-%02d", i))
	}
	return out
}()

// Inline formulas; %d takes a number that makes each use distinct, as in
// real notes, so the build renders every one instead of hitting a cache.
var inlineMath = []string{
	`\theta_{%d}`, `x^{(%d)} \in \R^{d}`, `\frac{1}{%d} \sum_{i} w_i`,
	`\E[X_{%d}]`, `\lVert w \rVert_2 \le %d`, `\alpha = 10^{-%d}`,
	`h_t = \tanh(W h_{t-1} + U x_{%d})`, `p(y \mid x_{%d})`,
	`\mathcal{O}(n^{%d})`, `\sigma(z_{%d})`,
}

var displayMath = []string{
	`\mathcal{L}(\theta) = \frac{1}{%d} \sum_{i=1}^{%d} \left( y_i - f_\theta(x_i) \right)^2 + \lambda \lVert \theta \rVert^2`,
	`\operatorname{softmax}(z)_j = \frac{e^{z_j / %d}}{\sum_{k=1}^{%d} e^{z_k}}`,
	`\theta_{t+1} = \theta_t - \eta \nabla_\theta \mathcal{L}(\theta_t) \quad (t \le %d,\ d = %d)`,
	`p(\theta \mid \mathcal{D}) = \frac{p(\mathcal{D} \mid \theta)\, p(\theta)}{\int p(\mathcal{D} \mid \theta') p(\theta') \, d\theta'} \cdot %d^{%d}`,
	`\operatorname{Attention}(Q, K, V) = \operatorname{softmax}\left( \frac{Q K^\top}{\sqrt{%d}} \right) V_{%d}`,
}

var firstNames = strings.Fields("Ada Alan Grace Yann Geoffrey Yoshua Fei-Fei Andrew Demis Ilya Oriol Koray Max Alex Simon")
var lastNames = strings.Fields("Lovelace Turing Hopper LeCun Hinton Bengio Li Ng Hassabis Sutskever Vinyals Kavukcuoglu Jaderberg Graves Osindero")

func capital(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

func topic(i int) string { return topics[i%len(topics)] }

// writer builds one note from its own random stream.
type writer struct {
	r  *rand.Rand
	b  strings.Builder
	st *Stats
	id int // the note's index, mixed into formulas and commands
}

func (w *writer) word() string { return words[w.r.IntN(len(words))] }

func (w *writer) phrase(n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = w.word()
	}
	return strings.Join(ws, " ")
}

func (w *writer) sentence() string {
	return capital(w.phrase(6+w.r.IntN(10))) + "."
}

func (w *writer) inline() string {
	w.st.InlineMath++
	f := inlineMath[w.r.IntN(len(inlineMath))]
	return "$" + fmt.Sprintf(f, w.id*7+w.r.IntN(1000)) + "$"
}

// paragraph writes sentences, some with inline math or a link.
func (w *writer) paragraph(math int, link string) {
	n := 3 + w.r.IntN(3)
	for i := 0; i < n; i++ {
		if i > 0 {
			w.b.WriteString(" ")
		}
		s := w.sentence()
		if i < math {
			s = strings.TrimSuffix(s, ".") + " with " + w.inline() + "."
		}
		if i == 1 && link != "" {
			s = strings.TrimSuffix(s, ".") + ", as [" + w.phrase(2) + "](" + link + ") shows."
		}
		w.b.WriteString(s)
	}
	w.b.WriteString("\n\n")
}

func render(seed uint64, profile Profile, i int, n note, all []note, st *Stats) string {
	w := &writer{r: rand.New(rand.NewPCG(seed, uint64(i)+1)), st: st, id: i + 1}
	title := capital(w.phrase(3 + w.r.IntN(3)))
	date := fmt.Sprintf("20%02d-%02d-%02d", 18+i%7, 1+(i/7)%12, 1+(i/3)%28)

	// Front matter.
	b := &w.b
	b.WriteString("---\n")
	switch n.kind {
	case "lecture":
		fmt.Fprintf(b, "title: \"%s %d: %s\"\nlinkTitle: %s\nnumber: %d\n", n.unit, n.number, title, title, n.number)
	default:
		fmt.Fprintf(b, "title: %s\n", title)
	}
	fmt.Fprintf(b, "description: %s\ndate: %s\n", w.sentence(), date)
	picked := map[int]bool{}
	var ts []string
	for len(ts) < 2+w.r.IntN(3) {
		k := w.r.IntN(len(tags))
		if !picked[k] {
			picked[k] = true
			ts = append(ts, tags[k])
		}
	}
	fmt.Fprintf(b, "tags: [%s]\n", strings.Join(ts, ", "))
	if n.kind == "paper" {
		fmt.Fprintf(b, "paper:\n  title: %s\n  authors:\n", title)
		for a := 0; a < 2+w.r.IntN(4); a++ {
			fmt.Fprintf(b, "    - %s %s\n", firstNames[w.r.IntN(len(firstNames))], lastNames[w.r.IntN(len(lastNames))])
		}
		arxiv := fmt.Sprintf("%02d%02d.%05d", 15+i%9, 1+i%12, i%100000)
		fmt.Fprintf(b, "  year: %d\n  venue: arXiv preprint\n  arxiv: \"%s\"\n  url: https://arxiv.org/abs/%s\n", 2015+i%9, arxiv, arxiv)
	}
	b.WriteString("---\n\n")

	// Links to other notes, by content path.
	links := make([]string, 2+w.r.IntN(2))
	for k := range links {
		j := w.r.IntN(len(all))
		if j == i {
			j = (j + 1) % len(all)
		}
		links[k] = "/" + all[j].path
	}
	if len(all) == 1 {
		links = nil
	}
	link := func(k int) string {
		if k < len(links) {
			st.Links++
			return links[k]
		}
		return ""
	}

	// 2–5 inline math spans (2–4 in the code profile), spread over the
	// paragraphs.
	math := 2 + w.r.IntN(4)
	if profile == Code {
		math = min(math, 4)
	}
	m1 := min(math, 2)
	m2 := min(math-m1, 2)
	m3 := math - m1 - m2

	w.paragraph(m1, link(0))
	fmt.Fprintf(b, "## %s\n\n", capital(w.phrase(2)))
	w.paragraph(m2, "")
	for k := 0; k < 3+w.r.IntN(3); k++ {
		fmt.Fprintf(b, "- %s `%s`\n", w.sentence(), w.word())
	}
	fmt.Fprintf(b, "  - %s\n\n", w.sentence())
	fmt.Fprintf(b, "### %s\n\n", capital(w.phrase(2)))
	w.paragraph(m3, link(1))
	st.DisplayMath++
	d := displayMath[w.r.IntN(len(displayMath))]
	fmt.Fprintf(b, "$$\n%s\n$$\n\n", fmt.Sprintf(d, w.id, 2+w.r.IntN(50)))

	fmt.Fprintf(b, "## %s\n\n", capital(w.phrase(1)))
	w.paragraph(0, "")
	fn := strings.ReplaceAll(w.phrase(2), " ", "_")
	fmt.Fprintf(b, "```python\ndef %s_%d(x, rate=%d):\n    \"\"\"%s\"\"\"\n    for step in range(rate):\n        x = x - 0.01 * step\n    return x\n```\n\n", fn, w.id, 1+w.r.IntN(100), w.sentence())
	if profile == Code {
		st.Commands++
		fmt.Fprintf(b, "```sh\ngit log --oneline -n %d\npython train.py --epochs %d --seed %d\n```\n\n", 1+w.r.IntN(50), 1+w.r.IntN(100), w.id)
	} else {
		st.Commands += 2
		fmt.Fprintf(b, "{{< cmd desc=\"%s\" >}}\ngit log --oneline -n %d\n{{< /cmd >}}\n\n", w.phrase(4), 1+w.r.IntN(50))
		fmt.Fprintf(b, "```console\n$ python train.py --epochs %d --seed %d\nepoch 1 loss %d.%03d\ndone\n```\n\n", 1+w.r.IntN(100), w.id, w.r.IntN(5), w.r.IntN(1000))
	}

	fmt.Fprintf(b, "## %s\n\n", capital(w.phrase(2)))
	for k := 1; k <= 3; k++ {
		fmt.Fprintf(b, "%d. %s\n", k, w.sentence())
	}
	b.WriteString("\n")
	w.paragraph(0, link(2))
	return b.String()
}
