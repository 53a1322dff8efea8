// The time steps the issuer and service tests run at (codes come from tests/reference-otp.ts).
export const PERIOD_MS = 30_000;
/** An instant at the start of a time step (1_700_000_010 s = step 56_666_667 × 30 s). */
export const T0 = 1_700_000_010_000;
export const S0 = T0 / PERIOD_MS;
export const stepStart = (step: number) => step * PERIOD_MS;
