// The bench page's one script: loads bench/<name>.page.ts for ?bench=<name> (bench/browser-page.ts).
const pages = import.meta.glob('./*.page.ts');
const load = pages[`./${new URLSearchParams(location.search).get('bench')}.page.ts`];
if (!load) throw new Error(`no bench page for ${location.search}`);
await load();
