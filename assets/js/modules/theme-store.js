// The reader's colour theme: where it is kept (localStorage, under one key)
// and how it is applied (data-theme on <html>). Shared by theme-init.js,
// which applies it before the first paint, and the toggle in theme.js.
export const KEY = 'boda-theme';

/** The saved theme: "light", "dark" or "auto". */
export function saved() {
  try {
    const t = localStorage.getItem(KEY);
    return t === 'light' || t === 'dark' ? t : 'auto';
  } catch {
    // Storage may be disabled: follow the system.
    return 'auto';
  }
}

/** Keeps the choice; "auto" forgets it. */
export function save(theme) {
  try {
    if (theme === 'auto') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, theme);
  } catch {
    // Storage disabled: the choice lasts for this page only.
  }
}

/** Applies a theme to the page; "auto" follows the system. */
export function apply(theme) {
  const html = document.documentElement;
  if (theme === 'auto') delete html.dataset.theme;
  else html.dataset.theme = theme;
}
