// The entry of the page script. Each module finds its elements by
// data-boda-* attributes and does nothing when a page has none.
import { init as initCopy } from './modules/copy.js';

initCopy(document);
