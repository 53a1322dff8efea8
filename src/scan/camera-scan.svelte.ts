/**
 * A live camera scan: preview in a <video>, frames to the decoder one at a time (a slow frame
 * is skipped, never queued), every track stopped on stop(), on a find, and on failure.
 */
import { context2d, type Context2d } from './canvas.ts';
import { listCameras, openCamera, setTorch, stopStream, torchSupported } from './camera.ts';
import type { QrDecoder } from './qr-decoder.ts';
import { ScanError, type ScanFailure } from './scan-error.ts';

export type CameraState = 'idle' | 'starting' | 'scanning';

/** Frames are decoded at most at this size: a 720p frame keeps small codes readable. */
const MAX_FRAME_SIDE = 1280;

export class CameraScan {
  #state = $state<CameraState>('idle');
  #failure = $state<ScanFailure | null>(null);
  #cameraCount = $state(0);
  #torchSupported = $state(false);
  #torchOn = $state(false);

  #stream: MediaStream | null = null;
  #video: HTMLVideoElement | null = null;
  #cameras: MediaDeviceInfo[] = [];
  /** Bumped by every start/stop, so a stale getUserMedia or frame never acts. */
  #run = 0;

  constructor(
    private readonly decoder: () => Promise<QrDecoder>,
    private readonly ondecoded: (text: string) => void,
  ) {}

  get state(): CameraState {
    return this.#state;
  }
  get failure(): ScanFailure | null {
    return this.#failure;
  }
  get canSwitch(): boolean {
    return this.#cameraCount > 1;
  }
  get torchSupported(): boolean {
    return this.#torchSupported;
  }
  get torchOn(): boolean {
    return this.#torchOn;
  }

  async start(video: HTMLVideoElement, deviceId?: string): Promise<void> {
    this.stop();
    const run = ++this.#run;
    this.#video = video;
    this.#failure = null;
    this.#state = 'starting';
    // The decoder loads while the user answers the permission prompt.
    const decoderReady = this.decoder();
    decoderReady.catch(() => {});
    try {
      const stream = await openCamera(deviceId);
      if (run !== this.#run) return stopStream(stream);
      // Kept at once, so any failure below still releases it through stop().
      this.#stream = stream;
      video.srcObject = stream;
      await video.play();
      const decoder = await decoderReady;
      if (run !== this.#run) return;
      const cameras = await listCameras();
      // Stopped (hidden, the stop button, the screen left) while the devices were listed: stay stopped.
      if (run !== this.#run) return;
      this.#cameras = cameras;
      this.#cameraCount = this.#cameras.length;
      this.#torchSupported = torchSupported(stream.getVideoTracks()[0]);
      this.#state = 'scanning';
      void this.#scanLoop(run, video, decoder);
    } catch (err) {
      if (run !== this.#run) return;
      this.stop();
      this.#failure = err instanceof ScanError ? err.code : 'camera-failed';
    }
  }

  /** Releases the camera: every track ends, the preview clears. */
  stop(): void {
    this.#run++;
    stopStream(this.#stream);
    this.#stream = null;
    if (this.#video) this.#video.srcObject = null;
    this.#state = 'idle';
    this.#torchOn = false;
    this.#torchSupported = false;
  }

  /** The next camera in the device list (front ↔ rear on a phone). */
  async switchCamera(): Promise<void> {
    const video = this.#video;
    if (!video || this.#cameras.length < 2) return;
    const current = this.#stream?.getVideoTracks()[0]?.getSettings().deviceId;
    const at = this.#cameras.findIndex((c) => c.deviceId === current);
    const next = this.#cameras[(at + 1) % this.#cameras.length];
    await this.start(video, next?.deviceId);
  }

  async toggleTorch(): Promise<void> {
    const track = this.#stream?.getVideoTracks()[0];
    if (!track || !this.#torchSupported) return;
    try {
      await setTorch(track, !this.#torchOn);
      this.#torchOn = !this.#torchOn;
    } catch {
      this.#torchSupported = false;
    }
  }

  async #scanLoop(run: number, video: HTMLVideoElement, decoder: QrDecoder): Promise<void> {
    let ctx: Context2d | null = null;
    while (run === this.#run) {
      await nextFrame(video);
      if (run !== this.#run) return;
      const w = video.videoWidth;
      const h = video.videoHeight;
      if (!w || !h) continue;
      const scale = Math.min(1, MAX_FRAME_SIDE / Math.max(w, h));
      const fw = Math.round(w * scale);
      const fh = Math.round(h * scale);
      if (!ctx || ctx.canvas.width !== fw || ctx.canvas.height !== fh) ctx = context2d(fw, fh);
      if (!ctx) return;
      ctx.drawImage(video, 0, 0, fw, fh);
      let text: string | null;
      try {
        text = await decoder.decode(ctx.getImageData(0, 0, fw, fh));
      } catch {
        if (run !== this.#run) return;
        this.stop();
        this.#failure = 'decoder-failed';
        return;
      }
      if (text !== null && run === this.#run) {
        this.stop();
        this.ondecoded(text);
        return;
      }
    }
  }
}

/** Resolves on the next decoded video frame (or animation frame where that API is missing). */
function nextFrame(video: HTMLVideoElement): Promise<void> {
  return new Promise((resolve) => {
    if ('requestVideoFrameCallback' in video) video.requestVideoFrameCallback(() => resolve());
    else requestAnimationFrame(() => resolve());
  });
}
