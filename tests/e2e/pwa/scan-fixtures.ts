// Helpers for the scanner specs: QR pictures and camera videos made from a URI at test time,
// and enrolment through the picture path checked against the independent reference.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { encodePng } from '../../fixtures/qr/png.ts';
import { renderQr, type QrPicture } from '../../fixtures/qr/raster.ts';
import { encodeY4m } from '../../fixtures/qr/y4m.ts';
import { digitsOnly, referenceTotp } from '../reference.ts';

/** A fixed instant for `page.clock`: codes are compared for exactly this time. */
export const AT = Date.UTC(2025, 5, 1, 3, 4, 5);

export function qrPng(p: QrPicture): { name: string; mimeType: string; buffer: Buffer } {
  return { name: 'qr.png', mimeType: 'image/png', buffer: encodePng(renderQr(p)) };
}

/**
 * Writes a Y4M "camera" showing a QR of `text` and returns its path. Written atomically (temp +
 * rename) because both Playwright workers may load the spec and write the same file at once.
 */
export function cameraVideo(text: string, name: string): string {
  const file = path.join(os.tmpdir(), `soft-token-${name}.y4m`);
  const tmp = `${file}.${process.pid}.tmp`;
  const frame = renderQr({ text, width: 640, height: 480, modulePx: 5, angle: 8, noise: 6, seed: 7 });
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
  await page.clock.setFixedTime(AT);
  await page.goto('/');
  await page.getByTestId('add-token').click();
}

/** After a scan: confirm, then the home screen shows one token whose code is the reference's. */
export async function confirmAndCheckCode(page: Page, secret: Uint8Array): Promise<void> {
  await page.getByTestId('enroll-confirm').click();
  const token = page.getByTestId('token');
  await expect(token).toHaveCount(1);
  await expect.poll(async () => digitsOnly(await token.getByTestId('code').textContent())).toBe(referenceTotp(secret, AT));
}
