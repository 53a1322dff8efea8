// The page's icon (a tab's favicon). Linked by script after the first code, not in index.html:
// Chromium fetches the icon once the document has loaded and draws an SVG one as a document of its
// own on the page's main thread, which on a slow phone fell between the vault's read and the code.
export function linkPageIcon(): void {
  const link = document.createElement('link');
  link.rel = 'icon';
  link.type = 'image/svg+xml';
  link.href = '/icons/icon.svg';
  document.head.append(link);
}
