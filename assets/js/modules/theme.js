// The colour theme toggle ([data-boda-theme-template] in the header): Auto,
// Light, Dark in turn. The choice is kept in localStorage and applied before
// the first paint by theme-init.js; Auto follows the system.
const KEY = 'boda-theme';
const ORDER = ['auto', 'light', 'dark'];

/** The saved theme: "light", "dark" or "auto". */
export function saved() {
  try {
    const t = localStorage.getItem(KEY);
    return t === 'light' || t === 'dark' ? t : 'auto';
  } catch {
    return 'auto';
  }
}

function apply(theme) {
  const html = document.documentElement;
  if (theme === 'auto') delete html.dataset.theme;
  else html.dataset.theme = theme;
}

function save(theme) {
  try {
    if (theme === 'auto') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, theme);
  } catch {
    // Storage disabled: the choice lasts for this page only.
  }
}

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
