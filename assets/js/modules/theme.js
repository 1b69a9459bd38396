// The colour theme toggle ([data-boda-theme-template] in the header): Auto,
// Light, Dark in turn. The choice is kept in localStorage and applied before
// the first paint by theme-init.js (theme-store.js); Auto follows the
// system.
import { KEY, saved, save, apply } from './theme-store.js';

const ORDER = ['auto', 'light', 'dark'];

export function init(root) {
  const template = root.querySelector('template[data-boda-theme-template]');
  const slot = root.querySelector('[data-boda-tools]');
  if (!template || !slot) return;
  const button = template.content.firstElementChild.cloneNode(true);
  const label = button.querySelector('[data-boda-theme-label]');

  const show = (theme) => {
    const name = button.dataset[`label${theme[0].toUpperCase()}${theme.slice(1)}`];
    label.textContent = name;
    button.dataset.state = theme;
    button.setAttribute('aria-label', button.dataset.announce.replace('%s', name));
  };

  button.addEventListener('click', () => {
    const next = ORDER[(ORDER.indexOf(saved()) + 1) % ORDER.length];
    save(next);
    apply(next);
    show(next);
  });
  // Another tab changed the theme: follow it.
  window.addEventListener('storage', (event) => {
    if (event.key !== KEY && event.key !== null) return;
    apply(saved());
    show(saved());
  });
  show(saved());
  slot.append(button);
}
