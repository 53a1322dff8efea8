// English: the bank's screens, bank strings, in the shape of ja/bank.ts.
import type { BankStrings } from '../ja/bank.ts';

export default {
  bank: {
    title: 'Bank operator',
    company: 'Company',
    actions: 'Actions',
    unlock: 'Unlock',
    suspend: 'Suspend now',
    resume: 'Resume',
    suspendConfirm: (p: { serial: string | number; id: string | number; company: string | number }) => `Suspend the token (${p.serial}) of ${p.id} at ${p.company} now? Do this when a lost phone is reported.`,
    unlocked: (p: { id: string | number }) => `${p.id} unlocked.`,
    suspended: (p: { id: string | number }) => `Token of ${p.id} suspended.`,
    resumed: (p: { id: string | number }) => `${p.id} resumed.`,
  },
  search: {
    label: 'Search by company, user ID or serial number',
    submit: 'Search',
    empty: 'No matching users.',
  },
  hw: {
    title: 'Import hardware tokens',
    help: 'CSV: serial,secret_base32[,algorithm,digits,period] (one per line)',
    file: 'CSV file',
    text: 'CSV',
    submit: 'Import',
    result: (p: { imported: string | number }) => `${p.imported} imported.`,
    rejected: (p: { count: string | number }) => `Lines not imported: ${p.count}`,
  },
} satisfies BankStrings;
