// 日本語（第一言語）: the bank's screens, admin strings. Other languages follow this shape.
const admin = {
  admin: {
    title: '企業管理者画面',
    company: (p: { name: string | number; id: string | number }) => `企業: ${p.name}（${p.id}）`,
  },
  mode: {
    title: '利用形態',
    label: 'トークンの利用形態',
    'per-user': '利用者ごとに 1 つ',
    shared: '全利用者で 1 つを共用',
    warning: '利用形態を変更すると、この企業のすべてのトークンの登録が解除されます。変更後はトークンを登録し直してください。',
    confirm: '利用形態を変更すると、すべてのトークンの登録が解除されます。変更しますか？',
    changed: '利用形態を変更しました。トークンを登録し直してください。',
    sharedSerial: (p: { serial: string | number }) => `共用トークン: ${p.serial}`,
    confirmButton: (p: { mode: string | number }) => `「${p.mode}」に変更する`,
  },
  bulk: {
    title: 'CSV で利用者を一括登録',
    help: '1 行に 1 人: 利用者 ID,氏名,初期パスワード（1 行目に見出しがあってもかまいません）。パスワードは 8〜64 文字。取り込めなかった行は理由とともに表示します。',
    file: 'CSV ファイル',
    text: '利用者 CSV',
    submit: '一括登録',
    tooLarge: 'ファイルが大きすぎます（1 MB まで）。',
    result: (p: { imported: string | number; rejected: string | number }) => `${p.imported} 人を登録しました。取り込めなかった行: ${p.rejected} 件`,
    started: (p: { total: string | number }) => `${p.total} 人の一括登録を始めました。このページを離れても続きます。`,
    progress: (p: { done: string | number; total: string | number }) => `${p.done} / ${p.total} 行を処理しました（このページを離れても続きます）`,
    progressLabel: '一括登録の進み具合',
    atLine: (p: { n: string | number }) => `${p.n} 行目`,
    more: (p: { count: string | number }) => `ほか ${p.count} 件`,
    reason: {
      'bad-line': '列の数が違う（ID,氏名,パスワード の 3 列）',
      'bad-id': '利用者 ID が不正（英数字と . _ - で 1〜32 文字）',
      'bad-name': '氏名が空か不正（64 文字まで、制御文字なし）',
      'bad-password': 'パスワードが不正（8〜64 文字）',
      duplicate: 'ファイル内で ID が重複',
      'user-exists': '登録済みの利用者',
      'too-many': '1 ファイルの上限（5,000 行）を超えた行',
    } as Record<string, string>,
  },
  newUser: {
    label: '新しい利用者 ID',
    submit: '利用者を追加',
    created: (p: { id: string | number }) => `利用者 ${p.id} を追加しました。`,
    password: '初期パスワード（インターネットバンキング用、8〜128 文字）',
  },
  register: {
    open: 'トークン登録・交換',
    title: (p: { id: string | number }) => `${p.id} のトークン登録（ワンタイムパスワードの利用開始）`,
    help: 'アプリに表示されたシリアル番号と、いま表示されているワンタイムパスワード、管理者の確認用暗証番号を入力してください。登録済みの利用者の場合はトークン交換となり、これまでのトークンは使えなくなります。',
    done: (p: { id: string | number; serial: string | number }) => `${p.id} にトークン ${p.serial} を登録しました。`,
  },
  activate: {
    serial: 'シリアル番号',
    code: 'ワンタイムパスワード',
    pin: '確認用暗証番号',
    submit: '登録',
  },
  stop: {
    button: '利用中止',
    done: (p: { id: string | number }) => `${p.id} のワンタイムパスワード利用を中止しました。`,
  },
  qr: {
    button: 'QR コード発行',
    title: (p: { id: string | number }) => `${p.id} の登録用 QR コード`,
    alt: (p: { serial: string | number }) => `登録用 QR コード（シリアル ${p.serial}）`,
    help: '利用者のアプリでこの QR コードを読み取るか、下の URI を貼り付けてください。第三者に見せないでください。',
    uri: '登録用 URI',
  },
  /** 事故設定: the administrator's own temporary stop after a loss or theft. */
  accident: {
    button: '事故設定',
    clear: '事故設定の解除',
    confirm: (p: { id: string | number; serial: string | number }) => `${p.id} のトークン（${p.serial}）を直ちに一時停止します（事故設定）。紛失・盗難のときは銀行にもご連絡ください。`,
    done: (p: { id: string | number }) => `${p.id} に事故設定をしました。このトークンは解除するまで使えません。`,
    cleared: (p: { id: string | number }) => `${p.id} の事故設定を解除しました。`,
  },
  password: {
    open: 'パスワード再設定',
    label: '新しいパスワード（8〜128 文字）',
    submit: '再設定する',
    done: (p: { id: string | number }) => `${p.id} のパスワードを再設定しました。`,
  },
  pinLocked: {
    notice: '確認用暗証番号が続けて間違えられたため、トークン登録がロックされています。お取引店で解除の手続きをしてください。',
  },
};

export default admin;
export type AdminStrings = typeof admin;
