/**
 * Bank serial numbers, `SKTS00509641` style: 4 letters and 8 digits, the last a check digit.
 * The check digit is Luhn (ISO/IEC 7812-1) over the letters as two-digit numbers (A=10 … Z=35,
 * as ISIN does) followed by the first 7 digits, so a mistyped letter is caught as well.
 */

const SERIAL = /^[A-Z]{4}[0-9]{8}$/;

function luhnCheckDigit(digits: string): number {
  let sum = 0;
  // Double every second digit from the right, starting with the rightmost (the check digit comes after).
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

function checkDigitFor(prefix: string, sevenDigits: string): number {
  const letters = [...prefix].map((c) => String(c.charCodeAt(0) - 55)).join(''); // 'A' (65) -> 10
  return luhnCheckDigit(letters + sevenDigits);
}

/** `prefix` (4 letters, any case) + `sevenDigits` + the check digit, uppercase. */
export function makeSerial(prefix: string, sevenDigits: string): string {
  const upper = prefix.toUpperCase();
  if (!/^[A-Z]{4}$/.test(upper)) throw new RangeError(`serial prefix must be 4 letters, got ${JSON.stringify(prefix)}`);
  if (!/^[0-9]{7}$/.test(sevenDigits)) throw new RangeError(`serial body must be 7 digits, got ${JSON.stringify(sevenDigits)}`);
  return `${upper}${sevenDigits}${checkDigitFor(upper, sevenDigits)}`;
}

/** True when `serial` is 4 uppercase letters + 8 digits and its check digit is right. */
export function isBankSerial(serial: string): boolean {
  if (!SERIAL.test(serial)) return false;
  return checkDigitFor(serial.slice(0, 4), serial.slice(4, 11)) === serial.charCodeAt(11) - 48;
}
