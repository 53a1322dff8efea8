// 日本語（第一言語）: the bank's screens, signin strings. Other languages follow this shape.
import type { VerifyOutcome } from '../../../../src/issuer/api-types.ts';

const signin = {
  signin: {
    title: 'インターネットバンキング ログイン（デモ）',
    intro: '利用者 ID と、トークンアプリに表示されているワンタイムパスワードを入力してください。',
    user: '利用者 ID',
    code: 'ワンタイムパスワード',
    submit: 'ログイン',
  },
  outcome: {
    ok: 'ログインしました。ワンタイムパスワードを確認しました。',
    refused: 'ワンタイムパスワードが正しくありません。アプリに表示されている最新のパスワードを入力してください。同じパスワードは 2 度使えません。',
    locked: '誤った入力が続いたため、トークンはロックされています。お取引店にお問い合わせください。',
    suspended: 'トークンは停止されています。銀行にお問い合わせください。',
    stopped: 'ワンタイムパスワードの利用は中止されています。企業の管理者にお問い合わせください。',
  } satisfies Record<VerifyOutcome, string>,
};

export default signin;
export type SigninStrings = typeof signin;
