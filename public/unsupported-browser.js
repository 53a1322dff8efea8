/*
 * Loaded by browser-check.js only in a browser below the floor (src/pwa/browser-floor.ts, the
 * README): a plain message in Japanese and English with the supported versions, what to do, and
 * the bank's contact from /bank-contact.json, as text. ES5, so that any old browser parses it.
 * browser-check.js (which loads this) tests the features: IndexedDB is not among them, since
 * where it is off (some private modes) the app says so itself. The app's Trusted Types policy
 * never runs below the floor, so browser-check.js makes the `default` one for this script's URL.
 */
(function () {
  'use strict';
  var w = window;

  var lacking = (document.documentElement.getAttribute('data-missing') || '').split(' ');
  var TEXT = {
    ja: {
      title: 'このブラウザーではソフトウェアトークンを使えません',
      versions: '対応しているのは iPhone・iPad の iOS / iPadOS 15.4 以降と、Android 6 以降の Chrome（バージョン 98 以降）です。',
      todo: '端末の OS とブラウザーを最新版に更新してから、このページを開き直してください。更新できない端末では、対応する別の端末をお使いください。',
      insecure: 'このページは安全な接続（https://）で開かれていません。銀行から案内されたアドレスを https:// で開いてください。',
      contact: 'お問い合わせ先'
    },
    en: {
      title: 'This browser cannot run the soft token',
      versions: 'Supported: iPhone and iPad with iOS / iPadOS 15.4 or later, and Android 6 or later with Chrome 98 or later.',
      todo: 'Update the phone\u2019s system and browser, then open this page again. On a phone that cannot be updated, please use another, supported phone.',
      insecure: 'This page is not open over a secure connection (https://). Open the address your bank gave you with https://.',
      contact: 'Contact'
    }
  };

  function el(tag, text, lang) {
    var node = document.createElement(tag);
    if (text) node.appendChild(document.createTextNode(text));
    if (lang) node.setAttribute('lang', lang);
    return node;
  }

  var box = el('section');
  box.setAttribute('data-testid', 'unsupported-browser');
  box.setAttribute('data-missing', lacking.join(' '));
  box.setAttribute('role', 'alert');
  box.style.padding = '1rem';
  box.style.maxWidth = '40rem';
  box.style.margin = '0 auto';
  box.style.fontFamily = 'system-ui, sans-serif';
  box.style.lineHeight = '1.6';
  var parts = {};
  var langs = ['ja', 'en'];
  for (var i = 0; i < langs.length; i++) {
    var lang = langs[i];
    var t = TEXT[lang];
    var part = el('div', '', lang);
    part.appendChild(el('h1', t.title));
    part.appendChild(el('p', t.versions));
    if (w.isSecureContext === false) part.appendChild(el('p', t.insecure));
    part.appendChild(el('p', t.todo));
    parts[lang] = part;
    box.appendChild(part);
  }
  var app = document.getElementById('app');
  if (app) app.parentNode.insertBefore(box, app);
  else document.body.appendChild(box);

  // The bank's contact, as text only (200 characters at most, a tel: link for a phone number).
  function pick(value, lang) {
    var text = value && typeof value === 'object' ? value[lang] || value.ja || value.en : value;
    if (typeof text !== 'string') return '';
    text = text.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/^\s+|\s+$/g, '');
    return text.length <= 200 ? text : '';
  }
  function showContact(json) {
    if (!json || typeof json !== 'object') return;
    for (var i = 0; i < langs.length; i++) {
      var lang = langs[i];
      var name = pick(json.name, lang);
      if (!name) return;
      var p = el('p');
      p.setAttribute('data-testid', 'unsupported-contact');
      p.appendChild(document.createTextNode(TEXT[lang].contact + ': ' + name));
      var phone = pick(json.phone, lang);
      var digits = phone.replace(/[^\d+]/g, '');
      if (phone && /^\+?\d{3,20}$/.test(digits)) {
        p.appendChild(document.createTextNode(' '));
        var a = el('a', phone);
        a.setAttribute('href', 'tel:' + digits);
        p.appendChild(a);
      }
      var hours = pick(json.hours, lang);
      if (hours) p.appendChild(document.createTextNode(lang === 'ja' ? '（' + hours + '）' : ' (' + hours + ')'));
      parts[lang].appendChild(p);
    }
  }
  try {
    var xhr = new XMLHttpRequest();
    xhr.open('GET', '/bank-contact.json');
    xhr.onload = function () {
      if (xhr.status !== 200 || !/json/.test(xhr.getResponseHeader('content-type') || '')) return;
      try { showContact(JSON.parse(xhr.responseText)); } catch (e) { /* not JSON: no contact line */ }
    };
    xhr.send();
  } catch (e) { /* no contact line */ }
})();
