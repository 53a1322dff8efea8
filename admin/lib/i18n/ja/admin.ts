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
  },
  newUser: {
    label: '新しい利用者 ID',
    submit: '利用者を追加',
    created: (p: { id: string | number }) => `利用者 ${p.id} を追加しました。`,
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
};

export default admin;
export type AdminStrings = typeof admin;
