// The enrollment flow: text (pasted, scanned) or typed fields → a parsed token (or an export
// batch) to confirm → one vault write. A refusal names its reason and stores nothing; after any
// save attempt the parsed seed is dropped (the vault wipes it), so a retry starts from the input.
import { parseEnrollmentText } from '../../core/enrollment-text.ts';
import type { MigrationBatch } from '../../core/migration.ts';
import { specFromTyped } from '../../core/token-spec.ts';
import type { TokenSpec } from '../../core/token-spec.ts';
import { DuplicateTokenError } from '../../vault/errors.ts';
import { errorMessage } from '../error-message.ts';
import { locale } from '../i18n/locale.svelte.ts';
import { tokens } from '../state/tokens.svelte.ts';

export type Source = 'uri' | 'manual' | 'scan' | 'provision' | 'confirm';

export type Pending =
  | { kind: 'single'; spec: TokenSpec }
  | { kind: 'batch'; batch: MigrationBatch; present: boolean[] };

export class Enrollment {
  pending = $state<Pending | null>(null);
  error = $state<{ source: Source; message: string } | null>(null);
  notice = $state('');
  busy = $state(false);

  #fail(source: Source, e: unknown, input?: string) {
    this.error = { source, message: errorMessage(e, locale.t, input) };
  }

  /** Pasted or scanned text. */
  async read(text: string, source: Source): Promise<void> {
    this.error = null;
    this.notice = '';
    try {
      const parsed = parseEnrollmentText(text.trim());
      if (parsed.kind === 'single') {
        if (await tokens.isDuplicate(parsed.spec)) throw new DuplicateTokenError('');
        this.pending = parsed;
      } else {
        const present = await Promise.all(parsed.batch.specs.map((s) => tokens.isDuplicate(s)));
        this.pending = { kind: 'batch', batch: parsed.batch, present };
      }
    } catch (e) {
      this.#fail(source, e, text);
    }
  }

  async typed(fields: Parameters<typeof specFromTyped>[0]): Promise<void> {
    this.error = null;
    try {
      const spec = specFromTyped(fields);
      if (await tokens.isDuplicate(spec)) throw new DuplicateTokenError('');
      this.pending = { kind: 'single', spec };
    } catch (e) {
      this.#fail('manual', e);
    }
  }

  /** Saves what is pending; for a batch, the chosen entries. Returns whether anything was saved. */
  async confirm(chosen?: boolean[]): Promise<boolean> {
    const pending = this.pending;
    if (!pending || this.busy) return false;
    this.busy = true;
    this.error = null;
    let keep = false;
    try {
      if (pending.kind === 'single') {
        await tokens.add(pending.spec);
        return true;
      }
      const specs = pending.batch.specs.filter((_, i) => chosen?.[i] && !pending.present[i]);
      if (!specs.length) {
        this.error = { source: 'confirm', message: locale.t.enroll.batchNone };
        keep = true; // nothing was tried: let the user pick
        return false;
      }
      const { skipped } = await tokens.addMany(specs);
      const alreadyThere = pending.present.filter(Boolean).length + skipped.length;
      if (alreadyThere) this.notice = locale.t.enroll.skipped(alreadyThere);
      return true;
    } catch (e) {
      this.#fail('confirm', e);
      return false;
    } finally {
      this.busy = false;
      if (!keep) this.cancel(false);
    }
  }

  /** Drops the parsed token, wiping its seed bytes. */
  cancel(clearError = true) {
    const p = this.pending;
    if (p?.kind === 'single') p.spec.secret.fill(0);
    if (p?.kind === 'batch') for (const s of p.batch.specs) s.secret.fill(0);
    this.pending = null;
    if (clearError) this.error = null;
  }
}
