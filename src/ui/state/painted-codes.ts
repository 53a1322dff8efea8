// Codes the first paint computed, by token and counter (TOTP: time step), so the app's cards start
// with them when it takes over: no blank frame, no second HMAC for the same code.
const codes = new Map<string, string>();

export function rememberCode(id: string, counter: number, code: string): void {
  codes.set(`${id}/${counter}`, code);
}

export function paintedCode(id: string, counter: number): string {
  return codes.get(`${id}/${counter}`) ?? '';
}
