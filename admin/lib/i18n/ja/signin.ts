// 日本語（第一言語）: the bank's screens, signin strings. Other languages follow this shape.
import type { VerifyOutcome } from '../../../../src/issuer/api-types.ts';
import { OCRA_LIMITS } from '../../../../src/core/limits.ts';

const signin = {
  signin: {
    title: 'インターネットバンキング ログイン（デモ）',
    intro: '利用者 ID とパスワード、トークンアプリに表示されているワンタイムパスワードを入力してください。',
    user: '利用者 ID',
    code: 'ワンタイムパスワード',
    submit: 'ログイン',
    password: 'パスワード',
  },
  transfer: {
    title: '振込（取引認証）',
    intro: '振込先の口座番号と金額を入力してください。表示されるチャレンジ（口座番号・金額を含む数字）をトークンアプリの「取引を認証する」に入力するか QR コードを読み取り、表示された応答コードを入力します。',
    account: '振込先口座番号（7桁）',
    amount: '金額（円）',
    name: '受取人名（任意）',
    submit: '確認へ',
    challenge: 'トークンに入力するチャレンジ',
    qr: '取引の QR コード（振込先・金額を含みます）',
    expires: (time: string) => `${time} まで有効`,
    code: '応答コード',
    confirm: '振込を確定',
    badInput: '口座番号は7桁の数字、金額は1円以上の整数で入力してください。',
    codeFormat: `応答コードは数字 ${OCRA_LIMITS.minDigits}〜${OCRA_LIMITS.maxDigits} 桁です。`,
  },
  transferOutcome: {
    ok: '振込を受け付けました。',
    refused: '応答コードが正しくないか、このチャレンジは使用済み・期限切れです。もう一度振込の入力からやり直してください。',
    locked: '誤った入力が続いたため、トークンはロックされています。お取引店にお問い合わせください。',
    suspended: 'トークンは停止されています。銀行にお問い合わせください。',
    stopped: 'ワンタイムパスワードの利用は中止されています。企業の管理者にお問い合わせください。',
  } satisfies Record<VerifyOutcome, string>,
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
