/**
 * XML as a PSKC file needs it: elements by local name, attributes, text. A document type
 * declaration is refused before parsing, so no entity can be declared: no "billion laughs"
 * expansion and no external entity (file or URL) is ever read. Only the five predefined
 * entities and character references remain.
 */
import { XMLParser } from 'fast-xml-parser';
import { PskcError } from './errors.ts';

export interface XmlElement {
  /** Local name: the namespace prefix is dropped (PSKC, xmldsig and xmlenc names do not clash). */
  name: string;
  attrs: Readonly<Record<string, string>>;
  children: XmlElement[];
  /** The element's own text, trimmed. */
  text: string;
}

/** 10,000 vendor key packages take ~15 MB. */
export const MAX_PSKC_BYTES = 32 * 1024 * 1024;

// Anything `<!` other than a comment or CDATA is a DOCTYPE, ENTITY, ELEMENT or ATTLIST declaration.
const DECLARATION = /<!(?!--|\[CDATA\[)/;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: 64,
  // No path strings per tag: a 10,000-key file has half a million of them.
  jPath: false,
});

type Ordered = Record<string, unknown>;

function toElement(node: Ordered): XmlElement | string | null {
  let name: string | null = null;
  for (const key of Object.keys(node)) if (key !== ':@') name = key;
  if (name === null) return null;
  const body = node[name];
  if (name === '#text') return typeof body === 'string' ? body : String(body);
  const rawAttrs = (node[':@'] ?? {}) as Record<string, unknown>;
  const attrs: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(rawAttrs)) attrs[k] = String(v);
  const children: XmlElement[] = [];
  let text = '';
  for (const child of Array.isArray(body) ? (body as Ordered[]) : []) {
    const converted = toElement(child);
    if (typeof converted === 'string') text += converted;
    else if (converted) children.push(converted);
  }
  return { name, attrs, children, text: text.trim() };
}

/** Parse `xml` into its root element, or PskcError `not-xml` / `doctype` / `too-large`. */
export function parseXml(xml: string): XmlElement {
  if (xml.length > MAX_PSKC_BYTES) throw new PskcError('too-large');
  if (DECLARATION.test(xml)) throw new PskcError('doctype');
  let ordered: Ordered[];
  try {
    ordered = parser.parse(xml, true) as Ordered[];
  } catch (error) {
    throw new PskcError('not-xml', error instanceof Error ? error.message.slice(0, 200) : undefined);
  }
  const roots = ordered.map(toElement).filter((e): e is XmlElement => typeof e === 'object' && e !== null);
  if (roots.length !== 1) throw new PskcError('not-xml', 'one root element expected');
  return roots[0]!;
}

export function child(parent: XmlElement | undefined, name: string): XmlElement | undefined {
  return parent?.children.find((c) => c.name === name);
}

export function childrenNamed(parent: XmlElement | undefined, name: string): XmlElement[] {
  return parent ? parent.children.filter((c) => c.name === name) : [];
}

/** Follow a path of local names: `path(key, 'Data', 'Secret')`. */
export function path(from: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  let at = from;
  for (const n of names) at = child(at, n);
  return at;
}
