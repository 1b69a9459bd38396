// Applies the reader's saved colour theme before the first paint. Loaded as
// a small blocking script in <head>, so the page never shows the other
// palette first. Without a saved choice the page follows the system.
(() => {
  try {
    const theme = localStorage.getItem('boda-theme');
    if (theme === 'light' || theme === 'dark') {
      document.documentElement.dataset.theme = theme;
    }
  } catch {
    // Storage may be disabled: keep following the system.
  }
})();
