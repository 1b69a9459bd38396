// Loads Popper the first time it is needed. The page template builds it as a
// bundle of its own (assets/js/popper.js) and passes its URL in through the
// js.Build params, so a page that never opens a tooltip never fetches it.
import * as params from '@params';

let loading = null;

/** Resolves to Popper's createPopper. */
export function loadPopper() {
  if (!loading) loading = import(params.popper).then((m) => m.createPopper);
  return loading;
}
