// English: the bank's screens, admin strings, in the shape of ja/admin.ts.
import type { AdminStrings } from '../ja/admin.ts';

export default {
  admin: {
    title: 'Company administrator',
    company: (p: { name: string | number; id: string | number }) => `Company: ${p.name} (${p.id})`,
  },
  mode: {
    title: 'Usage mode',
    label: 'How tokens are used',
    'per-user': 'One token per user',
    shared: 'All users share one token',
    warning: 'Changing the usage mode unregisters every token of this company. Register the tokens again afterwards.',
    confirm: 'Changing the usage mode unregisters every token. Change it?',
    changed: 'Usage mode changed. Register the tokens again.',
    sharedSerial: (p: { serial: string | number }) => `Shared token: ${p.serial}`,
    confirmButton: (p: { mode: string | number }) => `Change to “${p.mode}”`,
  },
  bulk: {
    title: 'Add users from a CSV',
    help: 'One user a line: user ID,name,initial password (a heading line is fine). Passwords are 8–64 characters. Lines not imported are listed with the reason.',
    file: 'CSV file',
    text: 'User CSV',
    submit: 'Add users',
    tooLarge: 'The file is too large (1 MB at most).',
    result: (p: { imported: string | number; rejected: string | number }) => `${p.imported} users added. Lines not imported: ${p.rejected}`,
    started: (p: { total: string | number }) => `Adding ${p.total} users. This goes on if you leave the page.`,
    progress: (p: { done: string | number; total: string | number }) => `${p.done} of ${p.total} lines done (this goes on if you leave the page)`,
    progressLabel: 'Progress of the user import',
    atLine: (p: { n: string | number }) => `line ${p.n}`,
    more: (p: { count: string | number }) => `and ${p.count} more`,
    reason: {
      'bad-line': 'wrong number of fields (ID,name,password)',
      'bad-id': 'bad user ID (1–32 letters, digits, . _ -)',
      'bad-name': 'name empty or not allowed (64 characters, no control characters)',
      'bad-password': 'bad password (8–64 characters)',
      duplicate: 'ID twice in the file',
      'user-exists': 'user exists already',
      'too-many': 'past the 5,000 lines one file takes',
    },
  },
  newUser: {
    label: 'New user ID',
    submit: 'Add user',
    created: (p: { id: string | number }) => `User ${p.id} added.`,
    password: 'Initial password (internet banking, 8–128 characters)',
  },
  register: {
    open: 'Register / exchange token',
    title: (p: { id: string | number }) => `Register a token for ${p.id} (start using one-time passwords)`,
    help: 'Enter the serial number shown in the app, the code it shows now, and your confirmation PIN. If the user already has a token this is a token exchange: the old token stops working.',
    done: (p: { serial: string | number; id: string | number }) => `Token ${p.serial} registered for ${p.id}.`,
  },
  activate: {
    serial: 'Serial number',
    code: 'One-time password',
    pin: 'Confirmation PIN',
    submit: 'Register',
  },
  stop: {
    button: 'Stop use',
    done: (p: { id: string | number }) => `One-time passwords stopped for ${p.id}.`,
  },
  qr: {
    button: 'Issue QR code',
    title: (p: { id: string | number }) => `Enrollment QR code for ${p.id}`,
    alt: (p: { serial: string | number }) => `Enrollment QR code (serial ${p.serial})`,
    help: 'Scan this QR code in the user’s app, or paste the URI below. Do not show it to anyone else.',
    uri: 'Enrollment URI',
  },
  accident: {
    button: 'Accident setting',
    clear: 'Lift accident setting',
    confirm: (p: { id: string | number; serial: string | number }) => `The token of ${p.id} (${p.serial}) is suspended at once (accident setting). After a loss or theft, call the bank as well.`,
    done: (p: { id: string | number }) => `Accident setting made for ${p.id}: the token is refused until it is lifted.`,
    cleared: (p: { id: string | number }) => `Accident setting of ${p.id} lifted.`,
  },
  password: {
    open: 'Reset password',
    label: 'New password (8–128 characters)',
    submit: 'Reset',
    done: (p: { id: string | number }) => `Password of ${p.id} reset.`,
  },
  pinLocked: {
    notice: 'Token registration is locked after repeated wrong confirmation PINs. Ask your branch to unlock it.',
  },
} satisfies AdminStrings;
