// English: the bank's screens, signin strings, in the shape of ja/signin.ts.
import type { SigninStrings } from '../ja/signin.ts';
import { OCRA_LIMITS } from '../../../../src/core/limits.ts';

export default {
  signin: {
    title: 'Internet banking sign-in (demo)',
    intro: 'Enter your user ID, your password and the one-time password your token app shows now.',
    user: 'User ID',
    code: 'One-time password',
    submit: 'Sign in',
    password: 'Password',
  },
  transfer: {
    title: 'Transfer (transaction signing)',
    intro: "Enter the payee's account number and the amount. Type the challenge shown (digits including the account number and amount) into the token app's \"Sign a transaction\", or scan the QR code, then enter the response it shows.",
    account: 'Payee account number (7 digits)',
    amount: 'Amount (yen)',
    name: 'Payee name (optional)',
    submit: 'Continue',
    challenge: 'Challenge to enter into the token',
    qr: 'Transaction QR code (payee and amount)',
    expires: (time: string) => `valid until ${time}`,
    code: 'Response',
    confirm: 'Confirm the transfer',
    badInput: 'Enter a 7-digit account number and a whole amount of at least 1 yen.',
    codeFormat: `The response is ${OCRA_LIMITS.minDigits}–${OCRA_LIMITS.maxDigits} digits.`,
  },
  transferOutcome: {
    ok: 'The transfer was accepted.',
    refused: 'The response is wrong, or this challenge was used or has expired. Start the transfer again.',
    locked: 'The token is locked after repeated wrong codes. Please contact your branch.',
    suspended: 'The token is suspended. Please contact the bank.',
    stopped: 'One-time passwords are stopped for this user. Please contact your company administrator.',
  },
  outcome: {
    ok: 'Signed in. The one-time password was accepted.',
    refused: 'The one-time password is not correct. Enter the latest code shown in the app; a code works only once.',
    locked: 'The token is locked after repeated wrong codes. Please contact your branch.',
    suspended: 'The token is suspended. Please contact the bank.',
    stopped: 'One-time passwords are stopped for this user. Please contact your company administrator.',
  },
} satisfies SigninStrings;
