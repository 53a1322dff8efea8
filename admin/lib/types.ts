/** Shapes of the bank service's responses used by the screens (see docs/api.md). */
export type TokenStatus = 'unassigned' | 'active' | 'locked' | 'suspended' | 'stopped' | 'none';
export type UsageMode = 'per-user' | 'shared';

export type CompanyUser = { userId: string; serial: string | null; status: TokenStatus };
export type Company = {
  companyId: string;
  name: string;
  usageMode: UsageMode;
  sharedSerial?: string | null;
  users: CompanyUser[];
};
export type BankUser = { companyId: string; companyName: string; userId: string; serial: string | null; status: TokenStatus };
export type SigninOutcome = 'ok' | 'refused' | 'locked' | 'suspended' | 'stopped';
