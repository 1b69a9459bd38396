// The menu, the series box and the table of contents (<details
// data-boda-pinned>): folded on narrow screens; on wide ones the stylesheet
// alone shows them (in the header, beside the text) and sets
// --boda-pinned: 1 on them. This keeps their open
// state true to what shows (screen readers announce it) and keeps a click on
// the summary from folding what the stylesheet shows anyway.
export function init(root) {
  const boxes = [...root.querySelectorAll('details[data-boda-pinned]')];
  if (boxes.length === 0) return;
  const pinned = (d) => getComputedStyle(d).getPropertyValue('--boda-pinned').trim() === '1';
  const was = new Map();
  const sync = () => boxes.forEach((d) => {
    const now = pinned(d);
    // Only a change of width opens or folds a box: a reader's choice on a
    // narrow screen stays.
    if (now !== (was.get(d) || false)) d.open = now;
    was.set(d, now);
  });
  boxes.forEach((d) => {
    d.querySelector(':scope > summary')?.addEventListener('click', (e) => {
      if (pinned(d)) e.preventDefault();
    });
  });
  sync();
  let frame = 0;
  window.addEventListener('resize', () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(sync);
  });
}
