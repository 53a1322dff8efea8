// English: the transaction-signing screen.
import type { SignStrings } from '../ja/sign.ts';

const sign = {
  sign: {
    title: 'Sign a transaction',
    intro: "Type the challenge (digits or letters) shown by the bank, or scan the transaction's QR code. Enter the response shown here on the bank's screen.",
    challenge: 'Challenge',
    challengeHintNumeric: (max: number) => `4 to ${max} digits`,
    challengeHintHex: (max: number) => `4 to ${max} hex digits (0–9, A–F)`,
    challengeHintAlpha: (max: number) => `4 to ${max} letters or digits`,
    password: 'Password (this suite signs with a password)',
    submit: 'Show the response',
    scan: "Scan the transaction's QR code",
    closeScan: 'Stop scanning',
    payee: 'Payee',
    amount: 'Amount',
    yen: (amount: string) => `¥${amount}`,
    account: 'Account number',
    checkDetails: 'Check that the payee and amount are the ones you asked for before you enter the response. If they differ, do not enter it and call the bank.',
    signedChallenge: 'Challenge',
    signature: 'Response',
    secondsLeft: (s: number) => `valid for ${s} more seconds`,
    again: 'Another challenge',
    noKey: 'This token cannot be found.',
    locked: 'Unlock the app first.',
    sessionUnsupported: 'This suite needs session information (S), which this screen cannot provide.',
    errors: {
      'question-length': (max: number) => `The challenge has the wrong length (4 to ${max} characters).`,
      'question-charset': 'The challenge has characters this token does not take.',
      counter: 'The counter is not valid.',
      password: 'Enter the password.',
      session: 'Session information is missing.',
      timestamp: 'The time could not be read.',
      'too-long': 'The transaction QR code is too long.',
      'not-transaction': 'This is not a transaction QR code.',
      'bad-version': 'This version of the transaction QR code is not supported.',
      duplicate: 'The transaction QR code gives a field twice.',
      missing: (field: string) => `The transaction QR code has no “${field}”.`,
      'bad-name': (field: string) => `The transaction QR code's “${field}” is not valid.`,
      'bad-account': 'The account number must be 7 digits.',
      'bad-amount': 'The amount is not valid.',
      'bad-nonce': 'The transaction number is not valid.',
      'suite-cannot-sign': "This token's suite cannot answer a transaction QR code.",
    },
  },
} satisfies SignStrings;

export default sign;
