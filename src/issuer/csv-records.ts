/**
 * CSV records as RFC 4180 §2 defines them: fields split by commas, a field in double quotes may
 * hold commas, line breaks and doubled quotes. Each record keeps the line it starts on, for
 * reports. A leading byte-order mark (as Excel writes) is dropped.
 */

export interface CsvRecord {
  /** 1-based line the record starts on. */
  line: number;
  fields: string[];
}

export type CsvResult = { records: CsvRecord[]; unclosedQuoteAt: number | null };

export function csvRecords(text: string): CsvResult {
  const records: CsvRecord[] = [];
  const s = text.replace(/^\uFEFF/, '');
  let line = 1;
  let start = 1;
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    // A blank line is no record.
    if (!(fields.length === 1 && fields[0]!.trim() === '')) records.push({ line: start, fields });
    fields = [];
    field = '';
  };
  while (i < s.length) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') (field += '"'), (i += 2);
      else if (c === '"') (quoted = false), i++;
      else {
        if (c === '\n') line++;
        field += c;
        i++;
      }
      continue;
    }
    if (c === '"' && field.trim() === '') (field = ''), (quoted = true), i++;
    else if (c === ',') fields.push(field), (field = ''), i++;
    else if (c === '\r' && s[i + 1] === '\n') endRecord(), (i += 2), line++, (start = line);
    else if (c === '\n' || c === '\r') endRecord(), i++, line++, (start = line);
    else (field += c), i++;
  }
  if (quoted) return { records, unclosedQuoteAt: start };
  if (field !== '' || fields.length > 0) endRecord();
  return { records, unclosedQuoteAt: null };
}
