/** API errors: one code per refusal, with the message in Japanese first and English second. */
import { HTTPException } from 'hono/http-exception';
import type { IssuerErrorCode } from '../src/issuer/errors.ts';

export type ApiErrorCode =
  | IssuerErrorCode
  | 'malformed-json' | 'invalid-body' | 'bad-csv' | 'unauthenticated' | 'forbidden' | 'csrf' | 'bad-origin'
  | 'not-found' | 'too-large' | 'unsupported-media-type' | 'rate-limited' | 'server-error';

const MESSAGES: Record<ApiErrorCode, { status: number; ja: string; en: string }> = {
  'malformed-json': { status: 400, ja: 'リクエストの JSON を読めません。', en: 'The request body is not valid JSON.' },
  'invalid-body': { status: 400, ja: 'リクエストの内容が正しくありません。', en: 'The request has missing or invalid fields.' },
  'bad-csv': { status: 400, ja: 'CSV を読めません。', en: 'The CSV cannot be read.' },
  unauthenticated: { status: 401, ja: 'サインインしてください（ユーザー名またはパスワードが違います）。', en: 'Please sign in (wrong user name or password).' },
  forbidden: { status: 403, ja: 'この操作の権限がありません。', en: 'You may not do this.' },
  csrf: { status: 403, ja: '画面を再読み込みしてから操作してください。', en: 'Reload the page and try again (missing or wrong CSRF token).' },
  'bad-origin': { status: 403, ja: '他のサイトからの要求は受け付けません。', en: 'Cross-site requests are refused.' },
  'bad-pin': { status: 403, ja: '確認用暗証番号が違います。', en: 'The confirmation PIN is wrong.' },
  'not-found': { status: 404, ja: '見つかりません。', en: 'Not found.' },
  'unknown-company': { status: 404, ja: '会社が見つかりません。', en: 'Unknown company.' },
  'unknown-user': { status: 404, ja: '利用者が見つかりません。', en: 'Unknown user.' },
  'unknown-serial': { status: 404, ja: 'そのシリアル番号のトークンはありません。', en: 'No token has this serial number.' },
  'user-exists': { status: 409, ja: 'その利用者はすでに登録されています。', en: 'This user exists already.' },
  'serial-in-use': { status: 409, ja: 'このトークンは他の利用者に登録されています。', en: 'This token is registered to someone else.' },
  'already-registered': { status: 409, ja: 'このトークンはすでにこの利用者に登録されています。', en: 'This token is already registered to this user.' },
  'token-expired': { status: 409, ja: 'このトークンは登録期限を過ぎました。アプリで新しいトークンを取得してください。', en: 'This token was not registered in time. Get a new token in the app.' },
  'token-retired': { status: 409, ja: 'このトークンは使用を終了しています。', en: 'This token is no longer in use.' },
  'no-token': { status: 409, ja: 'この利用者にはトークンが登録されていません。', en: 'This user has no token.' },
  'invalid-state': { status: 409, ja: 'トークンの状態によりこの操作はできません。', en: 'Not possible in the token’s current state.' },
  'too-large': { status: 413, ja: 'リクエストが大きすぎます（16 KiB まで）。', en: 'The request is too large (16 KiB at most).' },
  'unsupported-media-type': { status: 415, ja: 'この形式のデータは受け付けません。', en: 'Unsupported content type.' },
  'bad-code': { status: 422, ja: 'ワンタイムパスワードが正しくありません。アプリに表示中の番号を入力してください。', en: 'The one-time password is wrong. Enter the code the app shows now.' },
  'rate-limited': { status: 429, ja: '試行回数が多すぎます。しばらく待ってから再度お試しください。', en: 'Too many attempts. Wait a little and try again.' },
  'server-error': { status: 500, ja: 'サーバーでエラーが発生しました。', en: 'Server error.' },
};

export function errorBody(code: ApiErrorCode): { error: ApiErrorCode; message: { ja: string; en: string } } {
  const m = MESSAGES[code];
  return { error: code, message: { ja: m.ja, en: m.en } };
}

export function errorStatus(code: ApiErrorCode): number {
  return MESSAGES[code].status;
}

/** Thrown by handlers; app.ts turns it into the JSON error response. */
export class ApiError extends HTTPException {
  readonly code: ApiErrorCode;
  readonly retryAfter?: number;

  constructor(code: ApiErrorCode, retryAfter?: number) {
    super(MESSAGES[code].status as 400, { message: code });
    this.code = code;
    if (retryAfter !== undefined) this.retryAfter = retryAfter;
  }
}
