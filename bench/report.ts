// The bench's printed table: one row a figure, its budget and verdict, kept for bench/results/latest.json.

/** One printed line: a figure, its budget when it has one, and whether it is met. */
export interface Row {
  group: string;
  name: string;
  value: number | string;
  unit: string;
  detail?: string;
  budget?: string;
  pass?: boolean;
}
export const rows: Row[] = [];
export const started = Date.now();
let stageStart = Date.now();
export const stage = (name: string) => {
  console.log(`${name}… (${Math.round((Date.now() - started) / 1000)} s; last step ${Math.round((Date.now() - stageStart) / 1000)} s)`);
  stageStart = Date.now();
};
export const add = (row: Row) => {
  rows.push(row);
  const verdict = row.pass === undefined ? '' : row.pass ? 'PASS' : 'MISS';
  const value = typeof row.value === 'number' ? round(row.value) : row.value;
  console.log(
    `${row.group.padEnd(10)} ${row.name.padEnd(44)} ${`${value} ${row.unit}`.padStart(14)}  ${(row.budget ?? '').padEnd(12)} ${verdict.padEnd(4)} ${row.detail ?? ''}`,
  );
};
export function round(n: number): number {
  return Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 10) / 10;
}
