// Codes leave the screen while the app is in the background, so the task switcher's snapshot
// (taken after the page is hidden, where the platform allows) shows no code: app.css hides the
// main content while <html> carries data-background.
export function hideInBackground(): () => void {
  const root = document.documentElement;
  const update = () => {
    if (document.visibilityState === 'hidden') root.dataset.background = '';
    else delete root.dataset.background;
  };
  const hide = () => (root.dataset.background = '');
  document.addEventListener('visibilitychange', update);
  // iOS may snapshot on pagehide before visibilitychange arrives.
  addEventListener('pagehide', hide);
  addEventListener('pageshow', update);
  update();
  return () => {
    document.removeEventListener('visibilitychange', update);
    removeEventListener('pagehide', hide);
    removeEventListener('pageshow', update);
  };
}
