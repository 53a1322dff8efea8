/**
 * An app's strings in the one format both apps use: a folder per language, `<lang>/<part>.ts`, each
 * part a default-exported object of sections (typed by the Japanese part: the others `satisfies` it).
 * Parts load on demand, so a screen loads only its own strings, and a reader only their language.
 */
import { FIRST_LANGUAGE, nextLanguage, readerLanguage, type Lang } from './languages.ts';

export type CatalogueLoaders = Record<string, () => Promise<{ default: object }>>;

export class Catalogues<Strings extends object, Part extends string> {
  #lang = $state<Lang>(FIRST_LANGUAGE);
  #strings = $state.raw<Partial<Strings>>({});
  #parts: Part[] = [];
  #loaders: CatalogueLoaders;
  #storageKey: string;
  // Loads and switches run one at a time, so a switch never mixes two languages' parts.
  #queue: Promise<void> = Promise.resolve();

  /** Settles once the `first` parts are in, in the reader's language (the app mounts then). */
  readonly ready: Promise<void>;

  /** `loaders`: `import.meta.glob('./*\/*.ts')` of the app's catalogue folder. */
  constructor(loaders: CatalogueLoaders, storageKey: string, first: Part[]) {
    this.#loaders = loaders;
    this.#storageKey = storageKey;
    this.#lang = readerLanguage(storageKey);
    if (globalThis.document) document.documentElement.lang = this.#lang;
    this.ready = this.load(...first);
  }

  get lang(): Lang {
    return this.#lang;
  }

  /** The strings of the parts loaded so far: a screen's part is loaded (`load`) before it shows. */
  get t(): Strings {
    return this.#strings as Strings;
  }

  async #fetch(lang: Lang, parts: readonly Part[]): Promise<Partial<Strings>> {
    const chunks = await Promise.all(parts.map((part) => {
      const load = this.#loaders[`./${lang}/${part}.ts`];
      if (!load) throw new Error(`no ${lang} catalogue for ${part}`);
      return load();
    }));
    return Object.assign({}, ...chunks.map((c) => c.default)) as Partial<Strings>;
  }

  #run(step: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(step);
    this.#queue = run.catch(() => {});
    return run;
  }

  /** Load `parts` in the current language (each once). */
  load(...parts: Part[]): Promise<void> {
    return this.#run(async () => {
      const missing = parts.filter((p) => !this.#parts.includes(p));
      if (missing.length === 0) return;
      const strings = await this.#fetch(this.#lang, missing);
      this.#parts.push(...missing);
      this.#strings = { ...this.#strings, ...strings };
    });
  }

  /** Switch every loaded part to `lang`, remember the choice and label the document. */
  set(lang: Lang): Promise<void> {
    return this.#run(async () => {
      this.#strings = await this.#fetch(lang, this.#parts);
      this.#lang = lang;
      try {
        localStorage.setItem(this.#storageKey, lang);
      } catch {
        // not remembered; still switched for this page
      }
      document.documentElement.lang = lang;
    });
  }

  /** The one-tap switch: the next language in LANGUAGES. */
  next(): Promise<void> {
    return this.set(nextLanguage(this.#lang).code);
  }
}
