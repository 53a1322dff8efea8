// Below the floor (src/pwa/browser-floor.ts; ES5): mark the page so the app starts nothing, load the message.
(function (w, d) {
  var m = [];
  if (!w.crypto || !w.crypto.subtle) m.push('crypto.subtle');
  if (!('noModule' in d.createElement('script'))) m.push('modules');
  if (typeof w.structuredClone != 'function') m.push('structuredClone');
  if (typeof [].at != 'function') m.push('Array.prototype.at');
  if (typeof Object.hasOwn != 'function') m.push('Object.hasOwn');
  if (typeof w.HTMLDialogElement != 'function') m.push('HTMLDialogElement');
  if (!m.length) return;
  var html = d.documentElement, s = d.createElement('script'), src = '/unsupported-browser.js', tt = w.trustedTypes;
  html.setAttribute('data-browser', 'unsupported');
  html.setAttribute('data-missing', m.join(' '));
  s.src = tt ? tt.createPolicy('default', { createScriptURL: function (u) { return u; } }).createScriptURL(src) : src;
  d.head.appendChild(s);
})(window, document);
