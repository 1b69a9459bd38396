// The entry of the page script. Each module finds its elements by
// data-boda-* attributes and does nothing when a page has none.
import { init as initTheme } from './modules/theme.js';
import { init as initSearch } from './modules/search.js';
import { init as initMenu } from './modules/menu.js';
import { init as initPinned } from './modules/pinned.js';
import { init as initPreview } from './modules/preview.js';
import { init as initCopy } from './modules/copy.js';

initTheme(document);
initSearch(document);
initMenu(document);
initPinned(document);
initPreview(document);
initCopy(document);
