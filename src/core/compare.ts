/** Comparing a received code with the expected one without leaking where they differ. */

/** Constant time over the length both share; the length itself is public (the token's digits). */
export function codesEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** A type's check from its code function: the code it computes, compared in constant time. */
export function checkOf<A>(code: (a: A) => Promise<string>): (a: A & { code: string }) => Promise<boolean> {
  return async (a) => codesEqual(await code(a), a.code);
}
