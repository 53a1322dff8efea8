// English: the bank's screens, signin strings, in the shape of ja/signin.ts.
import type { SigninStrings } from '../ja/signin.ts';

export default {
  signin: {
    title: 'Internet banking sign-in (demo)',
    intro: 'Enter your user ID and the one-time password your token app shows now.',
    user: 'User ID',
    code: 'One-time password',
    submit: 'Sign in',
  },
  outcome: {
    ok: 'Signed in. The one-time password was accepted.',
    refused: 'The one-time password is not correct. Enter the latest code shown in the app; a code works only once.',
    locked: 'The token is locked after repeated wrong codes. Please contact your branch.',
    suspended: 'The token is suspended. Please contact the bank.',
    stopped: 'One-time passwords are stopped for this user. Please contact your company administrator.',
  },
} satisfies SigninStrings;
