// The ids of the tokens of the last visit, kept outside IndexedDB (localStorage: eviction under
// pressure takes IndexedDB, and a partial wipe leaves the marker), so a loss can be noticed.
export const MARKER = 'soft-token.token-ids';

export function readMarker(): string[] {
  try {
    const ids: unknown = JSON.parse(localStorage.getItem(MARKER) ?? '[]');
    return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** How many of the last visit's tokens are not among `ids`. */
export function missingSinceLastVisit(ids: readonly string[]): number {
  const now = new Set(ids);
  return readMarker().filter((id) => !now.has(id)).length;
}
