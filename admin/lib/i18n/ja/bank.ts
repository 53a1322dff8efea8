// 日本語（第一言語）: the bank's screens, bank strings. Other languages follow this shape.
const bank = {
  bank: {
    title: '銀行オペレーター画面',
    company: '企業',
    actions: '操作',
    unlock: 'ロック解除',
    suspend: '緊急停止',
    resume: '停止解除',
    suspendConfirm: (p: { company: string | number; id: string | number; serial: string | number }) => `${p.company} の ${p.id} のトークン（${p.serial}）を直ちに停止します。紛失の連絡を受けた場合に実行してください。よろしいですか？`,
    unlocked: (p: { id: string | number }) => `${p.id} のロックを解除しました。`,
    suspended: (p: { id: string | number }) => `${p.id} のトークンを停止しました。`,
    resumed: (p: { id: string | number }) => `${p.id} の停止を解除しました。`,
  },
  search: {
    label: '企業名・利用者 ID・シリアル番号で検索',
    submit: '検索',
    empty: '該当する利用者はいません。',
  },
  hw: {
    title: 'ハードウェアトークンの取り込み',
    help: 'CSV 形式: serial,secret_base32[,algorithm,digits,period]（1 行に 1 件）',
    file: 'CSV ファイル',
    text: 'CSV',
    submit: '取り込み',
    result: (p: { imported: string | number }) => `${p.imported} 件取り込みました。`,
    rejected: (p: { count: string | number }) => `取り込めなかった行: ${p.count} 件`,
  },
};

export default bank;
export type BankStrings = typeof bank;
