/** Why a scan could not give text: each one has its own message (strings `scan.errors`). */
export type ScanFailure =
  | 'permission-denied'
  | 'no-camera'
  | 'camera-busy'
  | 'insecure-context'
  | 'camera-failed'
  | 'unreadable-picture'
  | 'no-qr-found'
  | 'decoder-failed';

export class ScanError extends Error {
  constructor(
    readonly code: ScanFailure,
    options?: { cause?: unknown },
  ) {
    super(code, options);
    this.name = 'ScanError';
  }
}

/** Maps a getUserMedia rejection (DOMException names per the Media Capture spec) to a failure. */
export function cameraFailure(err: unknown): ScanFailure {
  const name = (err as { name?: string } | null)?.name;
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'permission-denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'no-camera';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'camera-busy';
    default:
      return 'camera-failed';
  }
}
