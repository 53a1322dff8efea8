// Below the floor (src/pwa/browser-floor.ts; ES5): mark the page so the app starts nothing, load the message.
(function (w, d) {
  var m = [];
  if (!w.crypto || !w.crypto.subtle) m.push('crypto.subtle');
  if (!('noModule' in d.createElement('script'))) m.push('modules');
  if (typeof w.structuredClone != 'function') m.push('structuredClone');
  if (typeof [].at != 'function') m.push('Array.prototype.at');
  if (typeof Object.hasOwn != 'function') m.push('Object.hasOwn');
  if (typeof w.HTMLDialogElement != 'function') m.push('HTMLDialogElement');
  if (!m.length) return openVault(/*VAULT*/ { db: '', store: '', name: '' }), preloadHomeStrings(/*HOME_STRINGS*/ { key: '', first: '', files: {} });
  var html = d.documentElement, s = d.createElement('script'), src = '/unsupported-browser.js', tt = w.trustedTypes;
  html.setAttribute('data-browser', 'unsupported');
  html.setAttribute('data-missing', m.join(' '));
  s.src = tt ? tt.createPolicy('default', { createScriptURL: function (u) { return u; } }).createScriptURL(src) : src;
  // This runs in the head, as it is parsed: the message goes into the body, so after it is parsed.
  if (d.readyState == 'loading') d.addEventListener('DOMContentLoaded', function () { d.head.appendChild(s); });
  else d.head.appendChild(s);
  // Supported: fetch the home screen's strings in the reader's language now, beside the app's entry
  // and styles (this script runs as the head is parsed, before them), instead of after them. The choice is readerLanguage's (src/i18n/languages.ts: the stored choice,
  // else the first browser language we have by primary subtag, else the first language), kept the
  // same by tests/unit/pwa/browser-check.test.ts; the build fills in the files (vite.config.ts).
  // Supported: open the vault's database now, as the head is parsed: opening it was the longest
  // step before the first code (13 ms at 20 tokens), and it now runs while the entry and styles load.
  // The app's store handle (src/vault/store-handle.ts) takes this connection; the build fills in the
  // names (vite.config.ts). The store is made on upgrade, as idb-keyval's createStore makes it.
  function openVault(vault) {
    var request;
    if (!vault.db || !w.indexedDB) return;
    try {
      request = w.indexedDB.open(vault.db);
    } catch (e) {
      return;
    }
    request.onupgradeneeded = function () {
      request.result.createObjectStore(vault.store);
    };
    w[vault.name] = new Promise(function (resolve, reject) {
      request.onsuccess = function () {
        resolve(request.result);
      };
      request.onerror = function () {
        reject(request.error);
      };
    });
    w[vault.name]['catch'](function () {}); // the app falls back to its own open
  }
  function preloadHomeStrings(home) {
    var lang, tags, i, link;
    try {
      lang = w.localStorage.getItem(home.key);
    } catch (e) {}
    if (!Object.prototype.hasOwnProperty.call(home.files, lang)) {
      lang = home.first;
      tags = w.navigator.languages && w.navigator.languages.length ? w.navigator.languages : [w.navigator.language];
      for (i = 0; i < tags.length; i++) {
        if (Object.prototype.hasOwnProperty.call(home.files, String(tags[i]).toLowerCase().split('-')[0])) {
          lang = String(tags[i]).toLowerCase().split('-')[0];
          break;
        }
      }
    }
    for (i = 0; home.files[lang] && i < home.files[lang].length; i++) {
      link = d.createElement('link');
      link.rel = 'modulepreload';
      link.href = home.files[lang][i];
      d.head.appendChild(link);
    }
  }
})(window, document);
