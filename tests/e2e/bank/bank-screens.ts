/** Drives the bank's screens (/admin/, /bank/, /signin/) through the contract's hooks only. */
import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import { ADMIN, OPERATOR } from './accounts.ts';

export type Outcome = 'ok' | 'refused' | 'locked' | 'suspended' | 'stopped';

/** Accept the next confirm() (usage-mode change, lost-phone suspension). */
function acceptNextDialog(page: Page): void {
  page.once('dialog', (d) => void d.accept());
}

async function login(page: Page, path: string, user: string, password: string): Promise<void> {
  await page.goto(path);
  await page.getByTestId('login-user').fill(user);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-submit')).toHaveCount(0);
}

export class AdminScreen {
  constructor(readonly page: Page) {}

  static async open(browser: Browser): Promise<AdminScreen> {
    const page = await (await browser.newContext()).newPage();
    await login(page, '/admin/', ADMIN.user, ADMIN.password);
    await expect(page.getByTestId('usage-mode')).toBeVisible();
    return new AdminScreen(page);
  }

  user(userId: string): Locator {
    return this.page.locator(`[data-testid="user"][data-user-id="${userId}"]`);
  }

  status(userId: string): Locator {
    return this.user(userId).getByTestId('token-status');
  }

  async createUser(userId: string): Promise<void> {
    await this.page.getByTestId('new-user-id').fill(userId);
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

  async setUsageMode(mode: 'per-user' | 'shared'): Promise<void> {
    const select = this.page.getByTestId('usage-mode');
    if ((await select.inputValue()) === mode) return;
    acceptNextDialog(this.page);
    await select.selectOption(mode);
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
    if (action === 'suspend') acceptNextDialog(this.page);
    await user.getByTestId(action).click();
    await expect(user.getByRole('status')).toBeVisible();
    await expect(user.getByTestId('token-status')).toHaveAttribute('data-status', expected);
  }
}

export class SigninScreen {
  constructor(readonly page: Page) {}

  static async open(browser: Browser): Promise<SigninScreen> {
    const page = await (await browser.newContext()).newPage();
    await page.goto('/signin/');
    return new SigninScreen(page);
  }

  async signIn(userId: string, code: string): Promise<Outcome> {
    const result = this.page.getByTestId('signin-result');
    await this.page.getByTestId('signin-user').fill(userId);
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
