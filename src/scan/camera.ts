/** The camera side of scanning: open a stream, list cameras, torch, and release every track. */
import { ScanError, cameraFailure } from './scan-error.ts';

export function cameraAvailable(): boolean {
  return globalThis.isSecureContext === true && !!navigator.mediaDevices?.getUserMedia;
}

/** Opens a camera: the given one, else the rear (environment) camera when there is one. */
export async function openCamera(deviceId?: string): Promise<MediaStream> {
  // getUserMedia exists only in secure contexts (https or localhost).
  if (!cameraAvailable()) throw new ScanError('insecure-context');
  const video: MediaTrackConstraints = {
    width: { ideal: 1280 },
    height: { ideal: 720 },
    ...(deviceId ? { deviceId: { exact: deviceId } } : { facingMode: { ideal: 'environment' } }),
  };
  try {
    return await navigator.mediaDevices.getUserMedia({ video, audio: false });
  } catch (cause) {
    throw new ScanError(cameraFailure(cause), { cause });
  }
}

/** Video inputs; labels and ids are only complete once permission was given. */
export async function listCameras(): Promise<MediaDeviceInfo[]> {
  try {
    const devices = await navigator.mediaDevices.enumerateDevices();
    return devices.filter((d) => d.kind === 'videoinput');
  } catch {
    return [];
  }
}

export function stopStream(stream: MediaStream | null | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

type TorchCapabilities = MediaTrackCapabilities & { torch?: boolean };

export function torchSupported(track: MediaStreamTrack | undefined): boolean {
  if (!track || typeof track.getCapabilities !== 'function') return false;
  return (track.getCapabilities() as TorchCapabilities).torch === true;
}

export async function setTorch(track: MediaStreamTrack, on: boolean): Promise<void> {
  await track.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] });
}
