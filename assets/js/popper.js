// Popper on its own: assets/js/modules/popper.js imports this bundle the
// first time a tooltip or a preview opens.
export { createPopper } from '@popperjs/core';
