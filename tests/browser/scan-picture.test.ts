// Picture import end to end inside Chromium: PNG / JPEG files, pasted and dropped images into
// ScanPanel, and the failures (not a picture, no code) each with their own alert.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import ScanPanel from '../../src/scan/ScanPanel.svelte';
import { readPicture } from '../../src/scan/picture.ts';
import { openQrDecoder, type QrDecoder } from '../../src/scan/qr-decoder.ts';
import { ScanError, cameraFailure } from '../../src/scan/scan-error.ts';
import { locale } from '../../src/ui/i18n/locale.svelte.ts';
import { CORPUS_URIS } from '../fixtures/qr/corpus.ts';
import { grayToRgba, renderQr, type QrPicture } from '../fixtures/qr/raster.ts';

const [bankUri, sha256Uri, hotpUri, migrationUri] = CORPUS_URIS as [string, string, string, string];

async function pictureFile(p: QrPicture, type = 'image/png', name = 'qr.png'): Promise<File> {
  const gray = renderQr(p);
  const canvas = new OffscreenCanvas(gray.width, gray.height);
  canvas.getContext('2d')!.putImageData(new ImageData(grayToRgba(gray), gray.width, gray.height), 0, 0);
  const blob = await canvas.convertToBlob({ type, quality: 0.85 });
  return new File([blob], name, { type });
}

let decoder: QrDecoder;
beforeAll(async () => {
  // The panel is part of the enrollment screen, whose strings the app loads before showing it.
  await locale.load('enroll');
  decoder = await openQrDecoder({ native: false });
});
afterAll(() => decoder.close());

describe('readPicture', () => {
  const pictures: [string, QrPicture, string?][] = [
    ['a plain PNG', { text: bankUri, width: 400, height: 400, modulePx: 6 }],
    ['a phone screenshot with the code in a corner', { text: bankUri, width: 1080, height: 2340, modulePx: 5, at: [0.7, 0.3], screenshot: true }],
    ['a dark-mode screenshot (light on dark)', { text: sha256Uri, width: 1080, height: 2340, modulePx: 7, at: [0.5, 0.45], screenshot: true, invert: true }],
    ['a rotated, noisy JPEG photo', { text: hotpUri, width: 1600, height: 1200, modulePx: 9, angle: 33, noise: 20, blur: 1 }, 'image/jpeg'],
    ['a small low-contrast code in a big picture', { text: migrationUri, width: 3000, height: 2000, modulePx: 4, dark: 110, light: 170, at: [0.3, 0.6] }],
  ];
  it.each(pictures)('reads %s', async (_name, p, type) => {
    expect(await readPicture(await pictureFile(p, type), decoder)).toBe(p.text);
  });

  it('reads a picture where the browser has no OffscreenCanvas (Safari 15.4–16.3): a detached <canvas> instead', async () => {
    const file = await pictureFile(pictures[0]![1]);
    const saved = globalThis.OffscreenCanvas;
    (globalThis as { OffscreenCanvas?: unknown }).OffscreenCanvas = undefined;
    try {
      expect(await readPicture(file, decoder)).toBe(bankUri);
    } finally {
      globalThis.OffscreenCanvas = saved;
    }
  });

  it('refuses bytes that are not a picture', async () => {
    const junk = new File([new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])], 'x.png', { type: 'image/png' });
    await expect(readPicture(junk, decoder)).rejects.toMatchObject({ code: 'unreadable-picture' });
  });

  it('refuses a file that is not an image type', async () => {
    const text = new File([bankUri], 'uri.txt', { type: 'text/plain' });
    await expect(readPicture(text, decoder)).rejects.toBeInstanceOf(ScanError);
  });

  it('refuses an oversized file without decoding it', async () => {
    const huge = new File([new Uint8Array(41 * 1024 * 1024)], 'huge.png', { type: 'image/png' });
    await expect(readPicture(huge, decoder)).rejects.toMatchObject({ code: 'unreadable-picture' });
  });

  it('says when a picture holds no QR code', async () => {
    const canvas = new OffscreenCanvas(300, 200);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#ddd';
    ctx.fillRect(0, 0, 300, 200);
    ctx.fillStyle = '#222';
    ctx.fillRect(40, 40, 100, 20);
    const file = new File([await canvas.convertToBlob()], 'none.png', { type: 'image/png' });
    await expect(readPicture(file, decoder)).rejects.toMatchObject({ code: 'no-qr-found' });
  });
});

describe('cameraFailure', () => {
  it.each([
    ['NotAllowedError', 'permission-denied'],
    ['SecurityError', 'permission-denied'],
    ['NotFoundError', 'no-camera'],
    ['OverconstrainedError', 'no-camera'],
    ['NotReadableError', 'camera-busy'],
    ['AbortError', 'camera-busy'],
    ['TypeError', 'camera-failed'],
  ])('maps %s to %s', (name, code) => {
    expect(cameraFailure(new DOMException('x', name))).toBe(code);
  });
});

describe('ScanPanel', () => {
  let host: HTMLElement;
  let panel: ReturnType<typeof mount> | null = null;
  const decoded: string[] = [];

  function open() {
    host = document.createElement('div');
    document.body.append(host);
    decoded.length = 0;
    panel = mount(ScanPanel, { target: host, props: { ondecoded: (text: string) => decoded.push(text) } });
    flushSync();
  }
  afterEach(() => {
    if (panel) unmount(panel);
    panel = null;
    host.remove();
  });

  async function until<T>(probe: () => T | null | undefined, ms = 8000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = probe();
      if (v) return v;
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  it('decodes a chosen picture and hands the text over', async () => {
    open();
    const input = host.querySelector<HTMLInputElement>('[data-testid="qr-image-input"]')!;
    expect(input.type).toBe('file');
    expect(input.accept).toBe('image/*');
    const dt = new DataTransfer();
    dt.items.add(await pictureFile({ text: bankUri, width: 500, height: 500, modulePx: 6, angle: 90 }));
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    expect(await until(() => decoded[0])).toBe(bankUri);
    expect(host.querySelector('[role="alert"]')).toBeNull();
  });

  it('decodes a pasted image, and leaves text pastes alone', async () => {
    open();
    const textPaste = new DataTransfer();
    textPaste.setData('text/plain', hotpUri);
    const textEvent = new ClipboardEvent('paste', { clipboardData: textPaste, cancelable: true });
    window.dispatchEvent(textEvent);
    expect(textEvent.defaultPrevented).toBe(false);

    const dt = new DataTransfer();
    dt.items.add(await pictureFile({ text: hotpUri, width: 600, height: 600, modulePx: 6, invert: true }));
    const imageEvent = new ClipboardEvent('paste', { clipboardData: dt, cancelable: true });
    window.dispatchEvent(imageEvent);
    expect(imageEvent.defaultPrevented).toBe(true);
    expect(await until(() => decoded[0])).toBe(hotpUri);
  });

  it('decodes a dropped image', async () => {
    open();
    const dt = new DataTransfer();
    dt.items.add(await pictureFile({ text: sha256Uri, width: 800, height: 600, modulePx: 4, screenshot: true, at: [0.3, 0.5] }));
    host.querySelector('.drop')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    expect(await until(() => decoded[0])).toBe(sha256Uri);
  });

  it('shows "no QR found" in an alert and hands nothing over', async () => {
    open();
    const input = host.querySelector<HTMLInputElement>('[data-testid="qr-image-input"]')!;
    const canvas = new OffscreenCanvas(200, 200);
    canvas.getContext('2d')!.fillRect(0, 0, 10, 10);
    const dt = new DataTransfer();
    dt.items.add(new File([await canvas.convertToBlob()], 'blank.png', { type: 'image/png' }));
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    const alert = await until(() => host.querySelector<HTMLElement>('[role="alert"]'));
    expect(alert.dataset.failure).toBe('no-qr-found');
    expect(alert.textContent?.trim().length).toBeGreaterThan(10);
    expect(decoded).toEqual([]);
  });
});
