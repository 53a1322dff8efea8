// 日本語（第一言語）: settings の文言。他の言語の同じファイルはこの形に従う。
const settings = {
  settings: {
    theme: '画面の色',
    themeSystem: '端末の設定に合わせる',
    themeLight: 'ライト',
    themeDark: 'ダーク',
    language: '表示言語',
  },
};

export default settings;
export type SettingsStrings = typeof settings;
