export const FLOOR_ES_VERSION: string;
export function checkScriptText(text: string): string[];
export function checkStyleText(text: string): string[];
export function esCheck(files: string[]): string;
export function checkBuild(dir: string): { files: number; problems: string[] };
