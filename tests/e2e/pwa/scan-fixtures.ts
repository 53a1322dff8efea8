// Helpers for the scanner specs: QR pictures and camera videos made from a URI at test time,
// and enrolment through the picture path checked against the independent reference.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { encodePng } from '../../fixtures/qr/png.ts';
import { renderQr, type QrPicture } from '../../fixtures/qr/raster.ts';
import { encodeY4m } from '../../fixtures/qr/y4m.ts';
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium-path.mjs';
import { digitsOnly, otpauthUri, randomSecret, referenceTotp } from '../reference.ts';

/**
 * Each page's clock is fixed at the instant its enrollment opened (near the real time, so the
 * app's clock check stays quiet); codes are compared for exactly that instant.
 */
const fixedAt = new WeakMap<Page, number>();

export async function fixClock(page: Page): Promise<number> {
  const at = Date.now();
  fixedAt.set(page, at);
  await page.clock.setFixedTime(at);
  return at;
}

export function qrPng(p: QrPicture): { name: string; mimeType: string; buffer: Buffer } {
  return { name: 'qr.png', mimeType: 'image/png', buffer: encodePng(renderQr(p)) };
}

/**
 * Writes a Y4M "camera" showing a QR of `text` (or, for null, a screenshot with no code) and
 * returns its path. Written atomically (temp + rename) because both Playwright workers may load
 * the spec and write the same file at once.
 */
export function cameraVideo(text: string | null, name: string): string {
  const file = path.join(os.tmpdir(), `soft-token-${name}.y4m`);
  const tmp = `${file}.${process.pid}.tmp`;
  const frame = text
    ? renderQr({ text, width: 640, height: 480, modulePx: 5, angle: 8, noise: 6, seed: 7 })
    : renderQr({ text: 'none', width: 640, height: 480, modulePx: 1, at: [-5, -5], screenshot: true });
  fs.writeFileSync(tmp, encodeY4m(frame));
  fs.renameSync(tmp, file);
  return file;
}

/** Records every stream getUserMedia gives out (and its constraints), to check all tracks end. */
export async function watchCameraStreams(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __streams: MediaStream[]; __constraints: unknown[] };
    w.__streams = [];
    w.__constraints = [];
    const media = navigator.mediaDevices;
    if (!media) return;
    const original = media.getUserMedia.bind(media);
    media.getUserMedia = async (constraints) => {
      w.__constraints.push(constraints);
      const stream = await original(constraints);
      w.__streams.push(stream);
      return stream;
    };
  });
}

export async function cameraTracks(page: Page): Promise<{ total: number; live: number }> {
  return page.evaluate(() => {
    const tracks = (window as unknown as { __streams: MediaStream[] }).__streams.flatMap((s) => s.getTracks());
    return { total: tracks.length, live: tracks.filter((t) => t.readyState === 'live').length };
  });
}

export async function openEnrollment(page: Page): Promise<void> {
  await fixClock(page);
  await page.goto('/');
  await page.getByTestId('add-token').click();
}

/** After a scan: confirm, then the home screen shows one token whose code is the reference's. */
export async function confirmAndCheckCode(page: Page, secret: Uint8Array): Promise<void> {
  await page.getByTestId('enroll-confirm').click();
  const token = page.getByTestId('token');
  await expect(token).toHaveCount(1);
  const at = fixedAt.get(page);
  if (at === undefined) throw new Error('openEnrollment fixes the clock first');
  await expect.poll(async () => digitsOnly(await token.getByTestId('code').textContent())).toBe(referenceTotp(secret, at));
}

/** Browser launch options with extra Chromium flags (the fake-camera specs each need their own). */
export function launchWith(...flags: string[]) {
  return { launchOptions: { executablePath: chromiumPath(), args: [...chromiumArgs, ...flags] } };
}

/** Chromium with a fake camera playing `text` as a QR (null: a screen with no code); without
 *  `allowed`, Chromium's permission prompt refuses it. */
export function fakeCamera(text: string | null, name: string, allowed = true) {
  const prompt = allowed ? ['--use-fake-ui-for-media-stream'] : [];
  return launchWith('--use-fake-device-for-media-stream', ...prompt, `--use-file-for-fake-video-capture=${cameraVideo(text, name)}`);
}

/** The camera started on the enrollment screen, with every stream it gives out recorded. */
export async function startCamera(page: Page): Promise<void> {
  await watchCameraStreams(page);
  await openEnrollment(page);
  await page.getByTestId('scan-camera').click();
}

export const liveCameraTracks = async (page: Page) => (await cameraTracks(page)).live;

/** A camera refusal names its reason and offers the picture and paste paths, which still enroll. */
export async function expectCameraFallbacks(page: Page, failure: string): Promise<void> {
  const alert = page.getByTestId('scan-error');
  await expect(alert).toBeVisible();
  await expect(alert).toHaveAttribute('role', 'alert');
  await expect(alert).toHaveAttribute('data-failure', failure);
  await expect(page.getByTestId('scan-fallback-picture')).toBeVisible();
  await expect(page.getByTestId('qr-image-input')).toBeVisible();
  await expect(page.getByTestId('uri-input')).toBeVisible();

  const secret = randomSecret();
  const uri = otpauthUri({ secret, issuer: 'Demo Bank', label: 'fallback' });
  await page.getByTestId('qr-image-input').setInputFiles(qrPng({ text: uri, width: 400, height: 400, modulePx: 6 }));
  await confirmAndCheckCode(page, secret);
}
