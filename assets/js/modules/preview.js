// Previews of footnotes, citations, equations and other notes
// ([data-boda-previews] on a note's text). Hovering or focusing a footnote
// reference, a citation (role="doc-biblioref", to its bibliography entry),
// a link to an equation (#eq-…) or a link to another note shows the target's text in a
// popover placed with Popper (floating.js); Escape or leaving closes it. Without JS the
// links simply go to their targets.
import { floating } from './floating.js';

const SHOW_MS = 180;
const HIDE_MS = 240;
const pages = new Map();

/** What kind of preview a link gets, or "" for none. */
export function kind(a) {
  const href = a.getAttribute('href') || '';
  if (a.matches('.footnote-ref, [role="doc-noteref"], [role="doc-biblioref"]')) return 'footnote';
  if (href.startsWith('#eq-')) return 'equation';
  if (href.startsWith('#') || a.closest('.boda-heading-link, .footnote-backref')) return '';
  const url = new URL(a.href, window.location.href);
  if (url.origin !== window.location.origin || !url.pathname.endsWith('/')) return '';
  if (url.pathname === window.location.pathname) return '';
  return 'note';
}

function localTarget(a) {
  const id = decodeURIComponent((a.getAttribute('href') || '').slice(1));
  return document.getElementById(id);
}

function footnoteContent(a) {
  const note = localTarget(a);
  if (!note) return null;
  const copy = note.cloneNode(true);
  copy.removeAttribute('id');
  copy.querySelectorAll('.footnote-backref, [role="doc-backlink"], [id]').forEach((n) => {
    if (n.matches('.footnote-backref, [role="doc-backlink"]')) n.remove();
    else n.removeAttribute('id');
  });
  const box = document.createElement('div');
  box.append(...copy.childNodes);
  return box;
}

function equationContent(a) {
  const eq = localTarget(a);
  if (!eq) return null;
  const copy = eq.cloneNode(true);
  copy.removeAttribute('id');
  copy.querySelectorAll('[id]').forEach((n) => n.removeAttribute('id'));
  return copy;
}

async function noteContent(a) {
  const url = new URL(a.href, window.location.href);
  url.hash = '';
  if (!pages.has(url.href)) {
    pages.set(url.href, fetch(url.href, { credentials: 'same-origin' }).then(async (res) => {
      if (!res.ok) throw new Error(`${res.status}`);
      const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
      const title = doc.querySelector('h1')?.textContent.trim() || '';
      const description = doc.querySelector('meta[name="description"]')?.content || '';
      return { title, description };
    }));
  }
  const { title, description } = await pages.get(url.href);
  const box = document.createElement('div');
  const strong = document.createElement('p');
  strong.className = 'boda-preview__title';
  strong.textContent = title;
  const text = document.createElement('p');
  text.textContent = description;
  box.append(strong, text);
  return box;
}

export function init(root) {
  const scopes = root.querySelectorAll('[data-boda-previews]');
  if (scopes.length === 0) return;
  const links = [];
  scopes.forEach((scope) => scope.querySelectorAll('a[href]').forEach((a) => {
    const k = kind(a);
    if (k) links.push([a, k]);
  }));
  if (links.length === 0) return;

  const pop = document.createElement('div');
  pop.className = 'boda-preview';
  pop.id = 'boda-preview';
  pop.setAttribute('role', 'tooltip');
  pop.dataset.bodaPreview = '';

  let current = null;
  let showTimer = 0;
  let hideTimer = 0;

  // The link the reader is on now; a preview that arrives late for another
  // link is dropped.
  let wanted = null;

  const hide = () => {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    wanted = null;
    if (current) current.removeAttribute('aria-describedby');
    current = null;
    float.hide();
  };
  const float = floating(pop, [
    { name: 'offset', options: { offset: [0, 8] } },
    { name: 'preventOverflow', options: { padding: 8 } },
    { name: 'flip', options: { fallbackPlacements: ['bottom'] } },
  ], hide);

  const show = async (a, k) => {
    clearTimeout(hideTimer);
    wanted = a;
    if (current === a) return;
    let content = null;
    try {
      content = k === 'footnote' ? footnoteContent(a) : k === 'equation' ? equationContent(a) : await noteContent(a);
    } catch {
      content = null;
    }
    await float.show(a, () => {
      hide();
      wanted = a;
      current = a;
      pop.replaceChildren(content);
      pop.dataset.kind = k;
      a.setAttribute('aria-describedby', pop.id);
    }, () => content && wanted === a);
  };

  const later = () => {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (!current) wanted = null;
    hideTimer = setTimeout(hide, HIDE_MS);
  };

  links.forEach(([a, k]) => {
    a.addEventListener('mouseenter', () => {
      clearTimeout(hideTimer);
      clearTimeout(showTimer);
      showTimer = setTimeout(() => show(a, k), SHOW_MS);
    });
    a.addEventListener('mouseleave', later);
    a.addEventListener('focus', () => show(a, k));
    a.addEventListener('blur', later);
  });
  // The reader may move the pointer into the popover to read or select.
  pop.addEventListener('mouseenter', () => clearTimeout(hideTimer));
  pop.addEventListener('mouseleave', later);
}
