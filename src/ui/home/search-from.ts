// How many tokens make the home screen offer its search box (a plain module: the first paint reads it too).
export const SEARCH_FROM = 6;
