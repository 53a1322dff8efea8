#!/usr/bin/env node
// Opens an exported soft-token vault with its PIN and prints each token's otpauth URI, so an
// auditor can check docs/vault.md against the app without the app's code: node:crypto for
// PBKDF2, HKDF and AES-CTR, hash-wasm for Argon2id (Node 20 has none built in).
//
//   node tools/decrypt-vault.mjs vault.json --pin 24681357
//
// vault.json is the export format of docs/vault.md ("Exporting for an audit"): the store's
// records, bytes as hex. A wrong PIN is reported when it fails the 8-bit check; one that passes
// (1 in 256) prints other, wrong secrets: nothing offline can tell them apart, by design.
import { createDecipheriv, hkdfSync, pbkdf2Sync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { argon2id } from 'hash-wasm';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const pin = args[args.indexOf('--pin') + 1] ?? process.env.SOFT_TOKEN_PIN;
if (!file || !pin || args.indexOf('--pin') < 0 && !process.env.SOFT_TOKEN_PIN) {
  console.error('usage: node tools/decrypt-vault.mjs <vault.json> --pin <PIN>   (or SOFT_TOKEN_PIN=…)');
  process.exit(2);
}

const vault = JSON.parse(readFileSync(file, 'utf8'));
const record = (key) => vault.records.find((r) => r.key === key)?.value;
const hex = (s) => Buffer.from(s, 'hex');
const lock = record('lock');
if (!lock) fail('the lock is off: the seeds are under the browser\'s non-extractable vault key, which no export holds');
if (lock.kind === 'prf') fail('a passkey lock: the key comes from the authenticator (WebAuthn PRF) and cannot be derived from an export');
if (lock.kind !== 'pin') fail(`unknown lock kind ${lock.kind}`);

// Schema v2 locks name no derivation: PBKDF2-SHA256 with `iterations`.
const kdf = lock.kdf ?? { name: 'pbkdf2-sha256', iterations: lock.iterations };
const salt = hex(lock.salt);
const bits = kdf.name === 'argon2id'
  ? Buffer.from(await argon2id({ password: pin, salt, iterations: kdf.iterations, parallelism: kdf.parallelism, memorySize: kdf.memoryKiB, hashLength: 32, outputType: 'binary' }))
  : kdf.name === 'pbkdf2-sha256' ? pbkdf2Sync(pin, salt, kdf.iterations, 32, 'sha256') : fail(`unknown key derivation ${kdf.name}`);
// HKDF-SHA256, empty salt: the wrapping key and the one-byte typo check.
const wrapKey = Buffer.from(hkdfSync('sha256', bits, Buffer.alloc(0), 'soft-token/pin-wrap/v1', 32));
const check = Buffer.from(hkdfSync('sha256', bits, Buffer.alloc(0), 'soft-token/pin-check/v1', 1))[0];
if (check !== lock.check) fail('wrong PIN (it fails the 8-bit check)');

for (const { key, value: t } of vault.records) {
  if (!key.startsWith('token:')) continue;
  if (t.wrapped.scheme !== 'pin-aes-ctr') fail(`${key}: wrapped as ${t.wrapped.scheme}, not under the PIN`);
  // AES-256-CTR, 16-byte initial counter block (WebCrypto counts in its low 64 bits; node in all
  // 128, which agree unless the low half wraps within a seed: at most 4 blocks).
  const d = createDecipheriv('aes-256-ctr', wrapKey, hex(t.wrapped.iv));
  const seed = Buffer.concat([d.update(hex(t.wrapped.data)), d.final()]);
  const label = encodeURIComponent(t.issuer) + ':' + encodeURIComponent(t.label);
  const params = { secret: base32(seed), issuer: t.issuer, algorithm: t.algorithm, digits: t.digits,
    ...(t.type === 'totp' ? { period: t.period } : { counter: t.counter }), ...(t.serial ? { serial: t.serial } : {}) };
  // Percent-encoded (%20, not URLSearchParams's "+"), as Key Uri Format readers expect.
  const query = Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&');
  console.log(`otpauth://${t.type}/${label}?${query}`);
}

function base32(bytes) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let out = '';
  let bitsHeld = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bitsHeld += 8;
    while (bitsHeld >= 5) {
      out += alphabet[(value >>> (bitsHeld - 5)) & 31];
      bitsHeld -= 5;
    }
  }
  if (bitsHeld > 0) out += alphabet[(value << (5 - bitsHeld)) & 31];
  return out;
}

function fail(message) {
  console.error(message);
  process.exit(1);
}
