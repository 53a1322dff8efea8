/** A phone: its own browser context on the PWA at `/`, driven through the contract's hooks. */
import { expect, type Browser, type Locator, type Page } from '@playwright/test';

export class Phone {
  private constructor(readonly page: Page) {}

  /**
   * Opens the PWA with Playwright's clock installed at the real time, so the test can move this
   * phone one step ahead of the service (inside the verifier's ±1 window) instead of waiting.
   */
  static async open(browser: Browser): Promise<Phone> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.clock.install();
    await page.goto('/');
    return new Phone(page);
  }

  get token(): Locator {
    return this.page.getByTestId('token').first();
  }

  /** "Get a token from the bank": the guide's flow. Returns the serial the app shows. */
  async provision(): Promise<string> {
    await this.page.getByTestId('add-token').click();
    await this.page.getByTestId('provision').click();
    await this.confirmIfAsked();
    await expect(this.token).toBeVisible({ timeout: 15_000 });
    return this.serial();
  }

  async enrollByUri(uri: string): Promise<void> {
    await this.page.getByTestId('add-token').click();
    await this.page.getByTestId('uri-input').fill(uri);
    await this.page.getByTestId('uri-submit').click();
    await this.confirmIfAsked();
    await expect(this.token).toBeVisible();
  }

  private async confirmIfAsked(): Promise<void> {
    const confirm = this.page.getByTestId('enroll-confirm');
    const token = this.token;
    await expect(confirm.or(token).first()).toBeVisible({ timeout: 15_000 });
    if (await confirm.isVisible()) await confirm.click();
  }

  /** The serial as shown in serial display mode (the ≡ menu toggle), then back to code mode. */
  async serial(): Promise<string> {
    await this.toggleDisplayMode();
    const serial = this.token.getByTestId('serial');
    const read = async () => ((await serial.textContent()) ?? '').replace(/[\s-]/g, '');
    await expect.poll(read).toMatch(/^[A-Z]{4}\d{10}$/);
    const text = await read();
    await this.toggleDisplayMode();
    await expect(this.token.getByTestId('code')).toBeVisible();
    return text;
  }

  private async toggleDisplayMode(): Promise<void> {
    const toggle = this.page.getByTestId('display-mode');
    if (!(await toggle.isVisible())) await this.page.getByTestId('menu').click();
    await toggle.click();
    // Close the menu again if it stayed open, so the cards are in plain view.
    if (await this.page.getByTestId('menu').isVisible()) await this.page.keyboard.press('Escape');
  }

  /** The code now on screen, digits only. */
  async code(): Promise<string> {
    const text = (await this.token.getByTestId('code').textContent()) ?? '';
    const digits = text.replace(/\D/g, '');
    expect(digits).toMatch(/^\d{6,8}$/);
    return digits;
  }

  /**
   * The code on screen once its step has at least `margin` seconds left. A code sent in the last
   * seconds of its step can reach the service in the next one, which then remembers this phone as
   * a step behind; nextStep() would put it two steps ahead of that, outside the ±1 window.
   */
  async steadyCode(margin = 8): Promise<string> {
    const left = async () => Number(await this.token.getByTestId('countdown').getAttribute('aria-valuenow'));
    await expect.poll(left, { timeout: 35_000, intervals: [250] }).toBeGreaterThanOrEqual(margin);
    return this.code();
  }

  /** The phone's clock (what its codes are computed from). */
  now(): Promise<number> {
    return this.page.evaluate(() => Date.now());
  }

  /**
   * Moves this phone one 30 s step ahead and returns its new code. Only used right after the
   * service accepted the current step, so the phone is at most one step ahead of the service.
   */
  async nextStep(): Promise<string> {
    const before = await this.code();
    await this.page.clock.fastForward(30_000);
    await expect.poll(() => this.code(), { timeout: 35_000 }).not.toBe(before);
    return this.code();
  }

  /** Waits (at most one period) for the real clock to reach the next step; returns the new code. */
  async awaitNextStep(): Promise<string> {
    const before = await this.code();
    await expect.poll(() => this.code(), { timeout: 35_000, intervals: [500] }).not.toBe(before);
    return this.code();
  }
}
