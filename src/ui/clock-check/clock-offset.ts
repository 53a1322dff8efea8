// How far the device clock is from the origin's clock, read from the `Date` header of one
// same-origin request. Codes fail at the bank when this is more than a time step or so.

/** Beyond this many seconds either way, the codes risk being refused: warn. */
export const TOLERANCE_SECONDS = 15;

/**
 * Device clock minus origin clock, in milliseconds, or undefined when the response cannot tell
 * (no Date header, or one a cache stored earlier). `sentAt`/`receivedAt` are Date.now() around
 * the request; the header has whole seconds, so the origin's instant is taken mid-second.
 */
export function offsetFromResponse(headers: Headers, sentAt: number, receivedAt: number): number | undefined {
  const date = headers.get('date');
  if (!date) return undefined;
  // A shared cache that answered says so with Age: its Date is from when it stored the reply.
  const age = headers.get('age');
  if (age && Number(age) > 0) return undefined;
  const origin = Date.parse(date);
  if (!Number.isFinite(origin)) return undefined;
  const device = (sentAt + receivedAt) / 2;
  return device - (origin + 500);
}

/** Asks the origin for its time. Only the network can answer: HEAD, no-store, a fresh query. */
export async function measureOffset(fetcher: typeof fetch = fetch): Promise<number | undefined> {
  const sentAt = Date.now();
  // The service worker routes GETs only, and the query keeps any cache from matching.
  const response = await fetcher(`/?clock-check=${sentAt}`, { method: 'HEAD', cache: 'no-store', credentials: 'omit' });
  const receivedAt = Date.now();
  if (!response.ok) return undefined;
  // A slow answer cannot place the origin's instant within the tolerance: say nothing.
  if (receivedAt - sentAt > 5000) return undefined;
  return offsetFromResponse(response.headers, sentAt, receivedAt);
}
