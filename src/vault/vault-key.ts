// The device's vault key: what the seeds are wrapped under while no lock is on (docs/vault.md).
import { get, update, type UseStore } from 'idb-keyval';
import { VaultStorageError, guard } from './errors.ts';
import { VAULT_KEY, WRAP_GEN_KEY } from './records.ts';
import { createVaultKey } from './seal.ts';
import type { Wrapping } from './lock/wrapping.ts';

/** The generation of the wrapping the stored seeds are under now. */
export function storedGen(store: UseStore): Promise<string | undefined> {
  return guard(() => get<string>(WRAP_GEN_KEY, store));
}

/**
 * The vault key's wrapping; with `create`, the key is made once (two tabs racing to make it agree
 * on the first one stored). Undefined when there is none and `create` is false.
 */
export async function vaultKeyWrapping(store: UseStore, create: boolean): Promise<Wrapping | undefined> {
  let key = await guard(() => get<CryptoKey>(VAULT_KEY, store));
  if (!key && create) {
    const fresh = await createVaultKey();
    await guard(() => update<CryptoKey>(VAULT_KEY, (old) => old ?? fresh, store));
    key = await guard(() => get<CryptoKey>(VAULT_KEY, store));
  }
  const gen = await storedGen(store);
  if (!key || !gen) {
    if (create) throw new VaultStorageError('no vault key');
    return undefined;
  }
  return { scheme: 'vault-aes-gcm', key, gen };
}
