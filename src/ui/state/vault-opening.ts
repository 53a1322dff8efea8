// The page's one Vault.open(): the first paint reads the codes from it, then the app's token state
// (tokens.svelte.ts) takes the same vault over, so IndexedDB is read and the seeds unwrapped once.
import { Vault } from '../../vault/vault.ts';

let opening: Promise<Vault> | undefined;

export function openVault(): Promise<Vault> {
  opening ??= Vault.open().catch((e: unknown) => {
    opening = undefined; // a later try may succeed (storage freed, permission given)
    throw e;
  });
  return opening;
}
