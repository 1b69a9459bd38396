// The command kit's script, for a site that mounts only our notes: the copy
// buttons of commands and code blocks. It finds its elements by
// data-boda-* attributes and does nothing on a page without them.
import { init as initCopy } from './modules/copy.js';

initCopy(document);
