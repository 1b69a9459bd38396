// One floating element (the copy confirmation, the previews) placed above
// its anchor with Popper, which is loaded the first time one shows
// (popper.js). Escape hides it.
import { loadPopper } from './popper.js';

/**
 * Makes el a floating element: hidden, at the end of <body>.
 * @param {HTMLElement} el The element.
 * @param {object[]} modifiers Popper modifiers (offset, flip …).
 * @param {() => void} [onEscape] Called on Escape while el shows; hides it by default.
 */
export function floating(el, modifiers, onEscape) {
  el.hidden = true;
  document.body.append(el);
  let placed = null;
  const hide = () => {
    el.hidden = true;
    if (placed) placed.destroy();
    placed = null;
  };
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !el.hidden) (onEscape || hide)();
  });
  /**
   * Shows el above anchor once Popper is there. fill() puts the content in;
   * when wanted() says no by then, nothing shows.
   * @returns {Promise<boolean>} Whether it shows.
   */
  const show = async (anchor, fill, wanted = () => true) => {
    const createPopper = await loadPopper();
    if (!wanted()) return false;
    hide();
    fill();
    el.hidden = false;
    placed = createPopper(anchor, el, { placement: 'top', modifiers });
    // Placed now, not on the next frame: no flash where it last was.
    placed.forceUpdate();
    return true;
  };
  return { show, hide };
}
