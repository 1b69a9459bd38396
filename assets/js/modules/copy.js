// Copy buttons for commands and code blocks ([data-boda-copy]).
// Commands copy without prompts or output; continuation lines stay intact.
// Confirms through a polite live region and a tooltip placed with Popper.
import { createPopper } from '@popperjs/core';

const TOOLTIP_MS = 1600;

/** The text a block copies: commands only for command snippets. */
export function copyText(block) {
  const lines = block.querySelectorAll('.boda-cmd__line');
  if (lines.length > 0) {
    return Array.from(lines, (line) => {
      const text = line.querySelector('.boda-cmd__text');
      return (text ? text.textContent : line.textContent).replace(/\s+$/, '');
    }).join('\n');
  }
  const code = block.querySelector('pre code') || block.querySelector('pre');
  return code ? code.textContent.replace(/\n+$/, '') : '';
}

async function writeClipboard(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Fallback for non-secure origins (http:// on a LAN address).
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'boda-visually-hidden';
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy command refused');
}

function liveRegion(root) {
  let region = root.querySelector('[data-boda-live]');
  if (!region) {
    region = document.createElement('p');
    region.className = 'boda-visually-hidden';
    region.setAttribute('role', 'status');
    region.setAttribute('aria-live', 'polite');
    region.dataset.bodaLive = '';
    document.body.append(region);
  }
  return region;
}

function labels(block) {
  const kind = block.dataset.bodaCopy;
  const what = block.dataset.bodaCopyLabel;
  const strings = document.documentElement.dataset;
  const noun = { command: 'command', commands: 'commands', code: 'code' }[kind] || 'code';
  return {
    button: strings.bodaCopyLabel || 'Copy',
    aria: what ? `Copy ${what}` : `Copy ${noun}`,
    done: strings.bodaCopiedLabel || 'Copied',
    fail: strings.bodaCopyFailedLabel || 'Copy failed',
    announce: what ? `${what} copied to the clipboard` : `${noun[0].toUpperCase()}${noun.slice(1)} copied to the clipboard`,
  };
}

export function init(root) {
  const blocks = root.querySelectorAll('[data-boda-copy]');
  if (blocks.length === 0) return;
  const region = liveRegion(document);
  let tooltip = null;
  let popper = null;
  let timer = 0;

  const showTooltip = (button, text) => {
    if (!tooltip) {
      tooltip = document.createElement('span');
      tooltip.className = 'boda-tooltip';
      tooltip.dataset.bodaTooltip = '';
      tooltip.setAttribute('aria-hidden', 'true');
      document.body.append(tooltip);
    }
    tooltip.textContent = text;
    tooltip.hidden = false;
    if (popper) popper.destroy();
    popper = createPopper(button, tooltip, {
      placement: 'top',
      modifiers: [{ name: 'offset', options: { offset: [0, 6] } }],
    });
    clearTimeout(timer);
    timer = setTimeout(() => { tooltip.hidden = true; }, TOOLTIP_MS);
  };

  blocks.forEach((block) => {
    const l = labels(block);
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'boda-copy';
    button.setAttribute('aria-label', l.aria);
    button.textContent = l.button;
    button.addEventListener('click', async () => {
      try {
        await writeClipboard(copyText(block));
        region.textContent = '';
        region.textContent = l.announce;
        showTooltip(button, l.done);
      } catch {
        region.textContent = l.fail;
        showTooltip(button, l.fail);
      }
    });
    const host = block.querySelector('[data-boda-copy-host]') || block;
    host.classList.add('boda-copy-host');
    host.append(button);
  });
}
