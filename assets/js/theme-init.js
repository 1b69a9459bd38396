// Runs before the first paint, as a small blocking script in <head>: applies
// the reader's saved colour theme, so the page never shows the other palette
// first, and marks <html> with data-boda-js, so the stylesheet can keep room
// for the header tools the page script adds (no layout shift when they
// appear). Without a saved choice the page follows the system.
import { saved, apply } from './modules/theme-store.js';

apply(saved());
document.documentElement.dataset.bodaJs = '';
