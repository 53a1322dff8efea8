// Where the display mode (code or serial number) is remembered: read by the first paint too.
export const DISPLAY_MODE_KEY = 'soft-token.display-mode';
