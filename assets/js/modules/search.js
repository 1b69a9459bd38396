// Search over the notes with Pagefind's JS API ([data-boda-search-template]
// in the header). The index is split in small chunks: a query fetches only
// the chunks its words live in, never the whole index. Opens with the header
// button or the / key; arrows move through the results, Enter opens one.
// On a page reached from a result (?highlight=…), the matches are marked with
// Pagefind's highlight script.
const PARAM = 'highlight';
const LIMIT = 10;
const DEBOUNCE_MS = 120;

let bundlePromise = null;
let attempt = 0;

function loadPagefind(bundle) {
  if (!bundlePromise) {
    // The browser remembers a failed import of a URL for the page's life;
    // a retry asks for a new URL, so an index built meanwhile (the
    // development server builds one after it starts) is found.
    const retry = attempt++ ? `?retry=${attempt}` : '';
    bundlePromise = import(`${bundle}pagefind.js${retry}`).then(async (pagefind) => {
      const root = bundle.replace(/pagefind\/$/, '');
      await pagefind.options({ baseUrl: root, highlightParam: PARAM, excerptLength: 24 });
      await pagefind.init();
      return pagefind;
    });
    bundlePromise.catch(() => { bundlePromise = null; });
  }
  return bundlePromise;
}

/** Pagefind's excerpt as DOM nodes: its text and <mark>s, nothing else. */
function excerptNodes(html) {
  const doc = new DOMParser().parseFromString(`<p>${html}</p>`, 'text/html');
  return Array.from(doc.body.firstChild.childNodes, (n) => {
    if (n.nodeName === 'MARK') {
      const mark = document.createElement('mark');
      mark.textContent = n.textContent;
      return mark;
    }
    return document.createTextNode(n.textContent);
  });
}

/** Whether the site has no search index at all, rather than a passing failure. */
async function indexMissing(bundle) {
  try {
    const res = await fetch(`${bundle}pagefind.js`, { method: 'HEAD', cache: 'no-store' });
    return res.status === 404;
  } catch {
    return false;
  }
}

function typing(target) {
  return target instanceof HTMLElement &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

async function highlight(bundle) {
  const params = new URLSearchParams(window.location.search);
  if (!params.has(PARAM)) return;
  const body = document.querySelector('[data-pagefind-body]');
  if (!body) return;
  const mod = await import(`${bundle}pagefind-highlight.js`);
  const Highlight = mod.default || window.PagefindHighlight;
  new Highlight({ highlightParam: PARAM, markContext: '[data-pagefind-body]', addStyles: false, markOptions: { className: 'boda-highlight' } });
  const first = body.querySelector('mark.boda-highlight');
  if (first && !window.location.hash) first.scrollIntoView({ block: 'center' });
}

export function init(root) {
  const template = root.querySelector('template[data-boda-search-template]');
  const slot = root.querySelector('[data-boda-tools]');
  if (!template || !slot) return;
  const bundle = template.dataset.bundle;
  highlight(bundle).catch(() => {});

  const parts = template.content.cloneNode(true);
  const button = parts.querySelector('[data-boda-search-open]');
  const dialog = parts.querySelector('[data-boda-search]');
  const input = dialog.querySelector('[data-boda-search-input]');
  const list = dialog.querySelector('[data-boda-search-results]');
  const status = dialog.querySelector('[data-boda-search-status]');
  const scope = dialog.querySelector('[data-boda-search-scope]');
  const only = dialog.querySelector('[data-boda-search-course]');
  const course = document.querySelector('meta[property="boda:course"]')?.content;
  if (course) {
    const label = dialog.querySelector('[data-boda-search-scope-label]');
    label.textContent = label.dataset.template.replace('%s', course);
    scope.hidden = false;
  }

  let active = -1;
  let timer = 0;
  let query = 0;

  const options = () => Array.from(list.querySelectorAll('[role="option"]'));
  const select = (i) => {
    const all = options();
    if (all.length === 0) { active = -1; input.removeAttribute('aria-activedescendant'); return; }
    active = (i + all.length) % all.length;
    all.forEach((o, j) => o.setAttribute('aria-selected', String(j === active)));
    input.setAttribute('aria-activedescendant', all[active].id);
    all[active].scrollIntoView({ block: 'nearest' });
  };

  const render = (items, term = '') => {
    list.replaceChildren(...items.map((data, i) => {
      // The link itself is the option: an option may not hold a link.
      const li = document.createElement('li');
      li.className = 'boda-search__result';
      li.setAttribute('role', 'none');
      const a = document.createElement('a');
      a.id = `boda-search-result-${i}`;
      a.setAttribute('role', 'option');
      a.setAttribute('aria-selected', 'false');
      a.href = data.url;
      a.tabIndex = -1;
      const title = document.createElement('span');
      title.className = 'boda-search__result-title';
      title.textContent = data.meta.title || data.url;
      const context = document.createElement('span');
      context.className = 'boda-search__result-context';
      context.textContent = data.meta.context || '';
      const excerpt = document.createElement('span');
      excerpt.className = 'boda-search__result-excerpt';
      excerpt.append(...excerptNodes(data.excerpt || ''));
      a.append(title, context, excerpt);
      li.append(a);
      return li;
    }));
    // The query these results answer, which tests and assistive tech read.
    list.dataset.query = term;
    input.setAttribute('aria-expanded', String(items.length > 0));
    active = -1;
    input.removeAttribute('aria-activedescendant');
  };

  const announce = (n) => {
    const d = status.dataset;
    status.textContent = n === 0 ? d.none : n === 1 ? d.single : d.many.replace('%d', String(n));
  };

  const run = async () => {
    const term = input.value.trim();
    const mine = ++query;
    if (term === '') { render([]); status.textContent = ''; return; }
    status.textContent = status.dataset.loading;
    try {
      const pagefind = await loadPagefind(bundle);
      const filters = only.checked && course ? { course } : {};
      // A newer search, or a newer word in the box, makes these results stale.
      const stale = () => mine !== query || term !== input.value.trim();
      const search = await pagefind.search(term, { filters });
      if (stale()) return;
      const items = await Promise.all(search.results.slice(0, LIMIT).map((r) => r.data()));
      if (stale()) return;
      render(items, term);
      announce(search.results.length);
    } catch {
      const missing = await indexMissing(bundle);
      if (mine === query) status.textContent = missing ? status.dataset.missing : status.dataset.failed;
    }
  };

  const open = () => {
    if (dialog.open) return;
    dialog.showModal();
    input.focus();
    input.select();
    loadPagefind(bundle).catch(() => {});
  };

  button.addEventListener('click', open);
  dialog.querySelector('[data-boda-search-close]').addEventListener('click', () => dialog.close());
  // A click on the backdrop (the dialog box itself, outside its panel) closes it.
  dialog.addEventListener('click', (event) => { if (event.target === dialog) dialog.close(); });
  dialog.querySelector('[data-boda-search-form]').addEventListener('submit', (event) => {
    event.preventDefault();
    const all = options();
    const target = all[Math.max(active, 0)];
    if (target) window.location.href = target.href;
  });
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(run, DEBOUNCE_MS); });
  only.addEventListener('change', run);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') { event.preventDefault(); select(active + 1); }
    else if (event.key === 'ArrowUp') { event.preventDefault(); select(active - 1); }
  });
  document.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    if (dialog.open || typing(event.target)) return;
    event.preventDefault();
    open();
  });

  slot.prepend(button);
  document.body.append(dialog);
}
