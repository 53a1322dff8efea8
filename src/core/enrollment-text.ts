/** What the enrollment screen calls with pasted or scanned text: one token, a Google export, or a refusal saying what it was. */
import { parseMigrationUri, type MigrationBatch } from './migration.ts';
import { OtpauthError } from './otpauth-errors.ts';
import { parseOtpauthUri } from './otpauth-uri.ts';
import { LIMITS } from './limits.ts';
import type { TokenSpec } from './token-spec.ts';

export type EnrollmentText = { kind: 'single'; spec: TokenSpec } | { kind: 'batch'; batch: MigrationBatch };

/** Throws OtpauthError; 'not-a-token-uri' has detail 'url' (a web link) or 'text' (anything else). */
export function parseEnrollmentText(text: string): EnrollmentText {
  if (text.length > LIMITS.uriLength) throw new OtpauthError('too-long');
  const trimmed = text.trim(); // pasted text often ends in a newline
  if (/^otpauth-migration:/i.test(trimmed)) return { kind: 'batch', batch: parseMigrationUri(trimmed) };
  if (/^otpauth:/i.test(trimmed)) return { kind: 'single', spec: parseOtpauthUri(trimmed) };
  throw new OtpauthError('not-a-token-uri', /^https?:/i.test(trimmed) ? 'url' : 'text');
}
