package tests

import (
	"testing"

	"github.com/bodasadallah/boda-blog/tools/internal/sitetest"
)

// readerFiles is a small notebook that exercises the reader features: links
// between notes (backlinks, previews), a footnote, a labelled equation, a
// course with lectures out of file order, and a note in Arabic.
var readerFiles = map[string]string{
	"content/_index.md":       "---\ntitle: Fixture notebook\n---\n",
	"content/notes/_index.md": "---\ntitle: Notes\ndescription: Loose notes.\n---\n",
	"content/notes/alpha.md": `---
title: Alpha
description: Alpha links to beta, to a lecture and to itself.
date: 2024-01-01
tags: [links]
---

Alpha cites [beta](beta.md) and [the second lecture](/courses/ml/lecture-2.md).
A claim with a source[^src]. Twice to [beta](/notes/beta/ "Beta again") counts once.

{{< math label="loss" >}}L(\theta) = \sum_i \ell_i(\theta){{< /math >}}

As [the loss](#eq-loss) shows, alpha is done.

[^src]: The footnote text, with a [link](https://example.com/).
`,
	"content/notes/beta.md": `---
title: Beta
description: Beta points back to alpha by its URL.
date: 2024-01-02
tags: [links]
---

Back to [alpha](/notes/alpha/), and an outside [link](https://example.com/notes/gamma/),
also written [without its scheme](//example.com/notes/gamma/).
`,
	"content/notes/gamma.md": `---
title: Gamma
description: Nobody links to gamma.
date: 2024-01-03
tags: [alone]
---

Gamma stands alone.
`,
	"content/notes/arabic.md": `---
title: ملاحظة بالعربية
description: A note written in Arabic, right to left.
date: 2024-01-04
tags: [arabic]
lang: ar
direction: rtl
---

هذه ملاحظة مكتوبة باللغة العربية.
`,
	"content/courses/_index.md":    "---\ntitle: Courses\ndescription: Courses.\nlayout: catalogue\n---\n",
	"content/courses/ml/_index.md": "---\ntitle: Machine Learning 101\nlinkTitle: ML101\ndescription: A course.\nunit: Lecture\n---\n",
	"content/courses/ml/lecture-10.md": `---
title: "Lecture 10: Later"
description: The tenth lecture.
date: 2024-02-10
number: 10
tags: [ml]
---

The tenth lecture's text, with a link to [the Web](https://example.org/path).
`,
	"content/courses/ml/lecture-2.md": `---
title: "Lecture 2: Early"
description: The second lecture.
date: 2024-02-02
number: 2
tags: [ml]
---

The second lecture's text builds on [beta](../../notes/beta.md).
`,
}

// readerFixture builds the reader fixture for one test.
func readerFixture(t *testing.T) *sitetest.Result {
	t.Helper()
	return sitetest.Build(t, sitetest.Options{Source: sitetest.Fixture(t, readerFiles), Args: []string{"--environment", "production"}})
}
