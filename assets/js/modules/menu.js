// The main menu (<details data-boda-menu> in the header), open on a narrow
// screen: Escape closes it and gives the focus back to its button, and a
// click elsewhere on the page closes it. Without JS it opens and closes
// with its button alone.
export function init(root) {
  const menu = root.querySelector('details[data-boda-menu]');
  if (!menu) return;
  const button = menu.querySelector(':scope > summary');
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || !menu.open) return;
    menu.open = false;
    button.focus();
  });
  document.addEventListener('click', (e) => {
    if (menu.open && !menu.contains(e.target)) menu.open = false;
  });
}
