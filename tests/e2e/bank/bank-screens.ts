/** Drives the bank's screens (/admin/, /bank/, /signin/) through the contract's hooks only. */
import { expect, type Browser, type Locator, type Page, type Request } from '@playwright/test';
import { ADMIN, OPERATOR, USER_PASSWORD } from './accounts.ts';
import { Phone } from './phone.ts';

/** A name no earlier run used (the service's database outlives a run). */
export const unique = (prefix: string): string => `${prefix}-${Date.now().toString(36)}`;

export type Outcome = 'ok' | 'refused' | 'locked' | 'suspended' | 'stopped';

/** The guide's customer-card cells, in card order (the digits of ADMIN_CARD follow this order). */
export const CARD_LABELS = [...'イロハニホヘトチリヌルヲワカヨタレソツネ'];

/** The digits a card gives for the cells a challenge names (its text holds only the two labels). */
export async function cardAnswer(page: Page, card: string): Promise<string> {
  const challenge = page.getByTestId('login-card-challenge');
  await expect(challenge).toBeVisible();
  const labels = [...((await challenge.textContent()) ?? '')].filter((c) => CARD_LABELS.includes(c));
  expect(labels).toHaveLength(2);
  return labels.map((l) => card[CARD_LABELS.indexOf(l)]).join('');
}

/** The in-page confirmation (never the browser's confirm()) that `scope` shows after an action. */
export async function confirmInPage(scope: Page | Locator): Promise<void> {
  const panel = scope.getByTestId('confirm-panel');
  await expect(panel).toBeVisible();
  await panel.getByTestId('confirm-yes').click();
  await expect(panel).toHaveCount(0);
}

/**
 * How many times the page GETs `path` while `action` runs; `action` must wait until the list shows
 * its result, by which time any second fetch of the same action has been sent too.
 */
export async function fetchesDuring(page: Page, path: string, action: () => Promise<void>): Promise<number> {
  let n = 0;
  const count = (r: Request) => void (r.method() === 'GET' && new URL(r.url()).pathname === path && n++);
  page.on('request', count);
  try {
    await action();
  } finally {
    page.off('request', count);
  }
  return n;
}

/** Every confirmation is in the page: a browser dialog is dismissed, so what it guarded does not happen. */
function refuseDialogs(page: Page): void {
  page.on('dialog', (d) => void d.dismiss());
}

/** Password (and, with `card`, the customer card's two cells); waits until signed in. */
export async function login(page: Page, path: string, user: string, password: string, card?: string): Promise<void> {
  refuseDialogs(page);
  await page.goto(path);
  await page.getByTestId('login-user').fill(user);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  if (card !== undefined) {
    await page.getByTestId('login-card').fill(await cardAnswer(page, card));
    await page.getByTestId('login-submit').click();
  }
  await expect(page.getByTestId('login-submit')).toHaveCount(0);
}

export class AdminScreen {
  constructor(readonly page: Page) {}

  static async open(browser: Browser): Promise<AdminScreen> {
    const page = await (await browser.newContext()).newPage();
    await login(page, '/admin/', ADMIN.user, ADMIN.password, ADMIN.card);
    await expect(page.getByTestId('usage-mode')).toBeVisible();
    return new AdminScreen(page);
  }

  user(userId: string): Locator {
    return this.page.locator(`[data-testid="user"][data-user-id="${userId}"]`);
  }

  status(userId: string): Locator {
    return this.user(userId).getByTestId('token-status');
  }

  /** Creates the user with its internet-banking password (USER_PASSWORD unless given). */
  async createUser(userId: string, password: string = USER_PASSWORD): Promise<void> {
    await this.page.getByTestId('new-user-id').fill(userId);
    await this.page.getByTestId('new-user-password').fill(password);
    await this.page.getByTestId('new-user-submit').click();
    await expect(this.user(userId)).toBeVisible();
  }

  /** Fills and sends step ⑧; returns the outcome element (status or alert) inside the user's entry. */
  async register(userId: string, serial: string, code: string, pin: string = ADMIN.pin): Promise<Locator> {
    const user = this.user(userId);
    if ((await user.getByTestId('activate-serial').count()) === 0) await user.getByTestId('register-token').click();
    await user.getByTestId('activate-serial').fill(serial);
    await user.getByTestId('activate-code').fill(code);
    await user.getByTestId('activate-pin').fill(pin);
    await user.getByTestId('activate-submit').click();
    const outcome = user.getByRole('status').or(user.getByRole('alert'));
    await expect(outcome).toBeVisible();
    return outcome;
  }

  async registerOk(userId: string, serial: string, code: string): Promise<void> {
    const outcome = await this.register(userId, serial, code);
    await expect(outcome).toHaveRole('status');
    await expect(this.status(userId)).toHaveAttribute('data-status', 'active');
  }

  /** Issues an enrollment QR for the user; returns the URI shown as text beside the QR. */
  async issueQr(userId: string): Promise<string> {
    const user = this.user(userId);
    const shown = user.getByTestId('enroll-uri');
    const previous = (await shown.count()) ? await shown.textContent() : null;
    await user.getByTestId('issue-token').click();
    await expect(user.getByRole('img')).toBeVisible();
    await expect(shown).toHaveText(/^\s*otpauth:\/\/totp\/.*[?&]serial=/);
    if (previous) await expect(shown).not.toHaveText(previous);
    return (await shown.textContent())!.trim();
  }

  /** 事故設定 on the user's row, confirmed in the page; the row's outcome (status or alert). */
  async accident(userId: string, reason: 'lost' | 'stolen' | 'other' = 'lost'): Promise<Locator> {
    const user = this.user(userId);
    await user.getByTestId('accident').click();
    await user.getByTestId('reason').selectOption(reason);
    await confirmInPage(user);
    return this.outcome(user);
  }

  async clearAccident(userId: string): Promise<Locator> {
    const user = this.user(userId);
    await user.getByTestId('accident-clear').click();
    return this.outcome(user);
  }

  private async outcome(user: Locator): Promise<Locator> {
    const outcome = user.getByRole('status').or(user.getByRole('alert'));
    await expect(outcome).toBeVisible();
    return outcome;
  }

  async setUsageMode(mode: 'per-user' | 'shared'): Promise<void> {
    const select = this.page.getByTestId('usage-mode');
    if ((await select.inputValue()) === mode) return;
    await select.selectOption(mode);
    await confirmInPage(this.page);
    await expect(this.page.getByRole('status')).toBeVisible();
    await expect(select).toHaveValue(mode);
  }
}

export class OperatorScreen {
  constructor(readonly page: Page) {}

  static async open(browser: Browser): Promise<OperatorScreen> {
    const page = await (await browser.newContext()).newPage();
    await login(page, '/bank/', OPERATOR.user, OPERATOR.password);
    return new OperatorScreen(page);
  }

  get contract(): OperatorContract {
    return new OperatorContract(this.page);
  }

  issueCard(companyId: string): Promise<IssuedCard> {
    return this.contract.issueCard(companyId);
  }

  restoreDemoCard(): Promise<void> {
    return this.contract.restoreDemoCard();
  }

  /** Searches for the user (fresh list from the service) and returns its entry. */
  async find(userId: string): Promise<Locator> {
    await this.page.getByTestId('search-query').fill(userId);
    await this.page.getByTestId('search-submit').click();
    const user = this.page.locator(`[data-testid="user"][data-user-id="${userId}"]`);
    await expect(user).toHaveCount(1);
    return user;
  }

  async act(userId: string, action: 'unlock' | 'suspend' | 'resume', expected: string): Promise<void> {
    const user = await this.find(userId);
    await user.getByTestId(action).click();
    if (action === 'suspend') await confirmInPage(user);
    await expect(user.getByRole('status')).toBeVisible();
    await expect(user.getByTestId('token-status')).toHaveAttribute('data-status', expected);
  }
}

export interface IssuedCard {
  digits: string;
  sheet: Locator;
}

export class OperatorContract {
  constructor(readonly page: Page) {}

  /** Issues (or replaces) the company's customer card; returns the digits the printable sheet shows. */
  async issueCard(companyId: string): Promise<IssuedCard> {
    await this.page.getByTestId('contract-company').fill(companyId);
    await this.page.getByTestId('card-issue').click();
    await confirmInPage(this.page.locator('section', { has: this.page.getByTestId('contract-company') }));
    const sheet = this.page.getByTestId('card-sheet');
    await expect(sheet).toBeVisible();
    const cells = sheet.getByTestId('card-cell');
    await expect(cells).toHaveCount(20);
    let digits = '';
    for (let i = 0; i < 20; i++) {
      const cell = cells.nth(i);
      await expect(cell).toHaveAttribute('data-label', CARD_LABELS[i]!);
      digits += ((await cell.textContent()) ?? '').replace(/\D/g, '');
    }
    expect(digits).toMatch(/^[0-9]{20}$/);
    return { digits, sheet };
  }

  /** 解約: every OTP setting of the company cleared, after the in-page confirmation. */
  async cancelContract(companyId: string): Promise<void> {
    await this.page.getByTestId('contract-company').fill(companyId);
    await this.page.getByTestId('contract-cancel').click();
    await confirmInPage(this.page.locator('section', { has: this.page.getByTestId('contract-company') }));
    await expect(this.page.locator('section', { has: this.page.getByTestId('contract-company') }).getByRole('status')).toBeVisible();
  }

  /** Puts the e2e demo card (ADMIN_CARD) back through the API, as a bank loading a card printed elsewhere. */
  async restoreDemoCard(): Promise<void> {
    const session = await this.page.request.get('/api/session');
    const { csrf } = (await session.json()) as { csrf: string };
    const r = await this.page.request.post('/api/bank/companies/demo/customer-card', {
      headers: { 'X-CSRF-Token': csrf }, data: { card: ADMIN.card },
    });
    expect(r.status()).toBe(200);
  }
}

export class SigninScreen {
  constructor(readonly page: Page) {}

  static async open(browser: Browser): Promise<SigninScreen> {
    const page = await (await browser.newContext()).newPage();
    await page.goto('/signin/');
    return new SigninScreen(page);
  }

  /** Two factors: the user's password (USER_PASSWORD unless given), then the code. */
  async signIn(userId: string, code: string, password: string = USER_PASSWORD): Promise<Outcome> {
    const result = this.page.getByTestId('signin-result');
    await this.page.getByTestId('signin-user').fill(userId);
    await this.page.getByTestId('signin-password').fill(password);
    await this.page.getByTestId('signin-code').fill(code);
    await this.page.getByTestId('signin-submit').click();
    await expect(result).toBeVisible();
    // The outcome is also said in words, in an alert when refused.
    await expect(result).not.toBeEmpty();
    const outcome = (await result.getAttribute('data-outcome')) as Outcome;
    await expect(result).toHaveRole(outcome === 'ok' ? 'status' : 'alert');
    return outcome;
  }
}

/** A phone provisioned with a bank token, and a new user of the demo company registered with it (step ⑧). */
export async function enrolledUser(browser: Browser, prefix: string): Promise<{ userId: string; phone: Phone; serial: string; admin: AdminScreen }> {
  const userId = unique(prefix);
  const phone = await Phone.open(browser);
  const serial = await phone.provision();
  const admin = await AdminScreen.open(browser);
  await admin.createUser(userId);
  await admin.registerOk(userId, serial, await phone.steadyCode());
  return { userId, phone, serial, admin };
}
