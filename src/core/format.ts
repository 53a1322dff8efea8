/** How codes are shown: grouped so a person can read them aloud or type them from a screen. */

/** "123456" -> "123 456", "1234567" -> "123 4567", "12345678" -> "1234 5678"; up to 4 characters unchanged. */
export function groupDigits(code: string): string {
  if (code.length <= 4) return code;
  const half = Math.floor(code.length / 2);
  return `${code.slice(0, half)} ${code.slice(half)}`;
}
