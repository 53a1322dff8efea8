// The app's one Vault.open() (tokens.svelte.ts): migrations, the lock and every write. The first
// paint only reads, through vault/reader.ts, and leaves all of that to the app.
import { Vault } from '../../vault/vault.ts';

let opening: Promise<Vault> | undefined;

export function openVault(): Promise<Vault> {
  opening ??= Vault.open().catch((e: unknown) => {
    opening = undefined; // a later try may succeed (storage freed, permission given)
    throw e;
  });
  return opening;
}
