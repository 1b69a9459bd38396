// The main menu (<details data-boda-menu> in the header), open on a narrow
// screen: Escape closes it and gives the focus back to its button, and a
// click elsewhere on the page closes it. Without JS it opens and closes
// with its button alone.
export function init(root) {
  const menu = root.querySelector('details[data-boda-menu]');
  if (!menu) return;
  const button = menu.querySelector(':scope > summary');
  // On a wide screen the links sit in the header: nothing to close.
  const pinned = () => getComputedStyle(menu).getPropertyValue('--boda-pinned').trim() === '1';
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || !menu.open || pinned()) return;
    menu.open = false;
    button.focus();
  });
  document.addEventListener('click', (e) => {
    if (menu.open && !pinned() && !menu.contains(e.target)) menu.open = false;
  });
}
