// English: the app lock's setup strings (settings and the first enrollment), in the Japanese file's shape.
import type { LockSetupStrings } from '../ja/lock-setup.ts';

export default {
  lockSetup: {
    title: 'App lock',
    stateOff: 'The lock is off. Anyone who can open this device can see your one-time passwords.',
    stateOnPin: 'Locked with a PIN.',
    stateOnPasskey: "Locked with this device's biometrics or screen lock (passkey).",
    setup: 'Set a PIN',
    change: 'Change the PIN',
    currentPin: 'Current PIN',
    pin: 'New PIN (6–12 digits; 8 or more recommended)',
    pinConfirm: 'New PIN (again)',
    submit: 'Set',
    pinMismatch: 'The two PINs differ.',
    pinSet: 'PIN set. Every token is now protected by the PIN.',
    pinWarning:
      'If you forget the PIN, the tokens cannot be used (re-enrollment goes through the bank). A wrong PIN may show wrong passwords instead of an error.',
    passkey: 'Lock with biometrics or screen lock',
    passkeySet: 'Lock with biometrics or screen lock is set.',
    passkeyWhy:
      "Recommended: the passkey's secret never leaves the device's authenticator (secure enclave, TPM). A copy of this app's data cannot be tried offline the way a PIN can.",
    pinWhy: 'With a PIN, whoever copies the data can try PINs offline; more digits take longer (8 or more recommended).',
    firstTitle: 'Lock the app before the first token',
    firstBody:
      "With the lock set before a token is stored, the token is protected by the lock's key from the start and never sits on this device under a stored key.",
    firstSkip: 'Continue without a lock',
    firstDone: 'The lock is set. Tokens you add now are protected by it.',
    exposureTitle: 'Tokens added before the lock',
    exposure: (n: number) =>
      `${n} token(s) were stored before the lock was set: earlier copies may remain on this device's disk, readable without the PIN. To be sure, exchange them through the bank: get a new token from the bank in this app (it is protected by the lock), have your administrator register its serial number, then delete the old token.`,
    exchange: 'Get a new token from the bank',
    off: 'Turn the lock off',
    offConfirm: 'Enter the current PIN to turn the lock off.',
    offDone: 'The lock is off.',
    idle: 'Lock automatically after (no use, or app hidden)',
    idleMinutes: (m: number) => `${m} min`,
  },
} satisfies LockSetupStrings;
