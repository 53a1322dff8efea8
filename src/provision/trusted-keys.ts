// The bank's provisioning public keys, embedded at build time (vite.config.ts `define`, from
// PROVISIONING_PUBLIC_KEYS or the demo key: server/provisioning-key.ts). Several keys allow a
// rotation: the app accepts an answer signed by any of them. None at all refuses every answer.
declare const __PROVISIONING_KEYS__: readonly string[] | undefined;

export const TRUSTED_PROVISIONING_KEYS: readonly string[] = typeof __PROVISIONING_KEYS__ === 'undefined' ? [] : __PROVISIONING_KEYS__;
