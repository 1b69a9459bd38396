// Copy buttons for command snippets and code blocks ([data-boda-copy]).
// A command snippet copies its commands and their continuation lines, never
// its prompts or output; a code block copies its code without line numbers.
// Each copy is confirmed by a polite live region and a tooltip placed with
// Popper (floating.js). Every string comes from the block's data-boda-copy-* attributes.
import { floating } from './floating.js';

const TOOLTIP_MS = 1600;

/** The text a block copies, with no trailing newline. */
export function copyText(block) {
  const lines = block.querySelectorAll('.boda-cmd__line');
  if (lines.length > 0) {
    return Array.from(lines, (line) => line.querySelector('.boda-cmd__text').textContent)
      .join('\n')
      .replace(/\s+$/, '');
  }
  // With line numbers in a table, the code is the last <pre>.
  const codes = block.querySelectorAll('pre code');
  if (codes.length === 0) return '';
  const code = codes[codes.length - 1].cloneNode(true);
  code.querySelectorAll('.ln, .lnt').forEach((n) => n.remove());
  return code.textContent.replace(/\n+$/, '');
}

async function writeClipboard(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Non-secure origins (http:// on a LAN address) have no Clipboard API.
  const focused = document.activeElement;
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'boda-visually-hidden';
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (focused instanceof HTMLElement) focused.focus();
  if (!ok) throw new Error('copy refused');
}

export function init(root) {
  const blocks = root.querySelectorAll('[data-boda-copy]');
  if (blocks.length === 0) return;

  const region = document.createElement('p');
  region.className = 'boda-visually-hidden';
  region.setAttribute('role', 'status');
  region.dataset.bodaLive = '';
  document.body.append(region);

  const tooltip = document.createElement('span');
  tooltip.className = 'boda-tooltip';
  tooltip.dataset.bodaTooltip = '';
  tooltip.setAttribute('aria-hidden', 'true');
  const tip = floating(tooltip, [{ name: 'offset', options: { offset: [0, 6] } }]);
  let timer = 0;

  const confirm = async (button, message, announce) => {
    // Emptied first so that copying twice is announced twice.
    region.textContent = '';
    setTimeout(() => { region.textContent = announce; }, 50);
    tip.hide();
    await tip.show(button, () => { tooltip.textContent = message; });
    clearTimeout(timer);
    timer = setTimeout(tip.hide, TOOLTIP_MS);
  };

  blocks.forEach((block) => {
    const s = block.dataset;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'boda-copy';
    button.setAttribute('aria-label', s.bodaCopyLabel);
    button.textContent = s.bodaCopyButton;
    button.addEventListener('click', async () => {
      let copied = true;
      try {
        await writeClipboard(copyText(block));
      } catch {
        copied = false;
      }
      if (copied) confirm(button, s.bodaCopyDone, s.bodaCopyAnnounce);
      else confirm(button, s.bodaCopyFailed, s.bodaCopyFailed);
    });
    const host = block.querySelector('[data-boda-copy-host]') || block;
    host.classList.add('boda-copy-host');
    host.append(button);
  });
}
