// The guide's three pictures as data (install-pictures.json): SVG shapes in drawing order, a text
// shape naming its words in the `install` strings, so the pictures follow the theme and language.
import type { HomeStrings } from '../i18n/ja/home.ts';
import pictures from './install-pictures.json';

type Words = { [K in keyof HomeStrings['install']]: HomeStrings['install'][K] extends string ? K : never }[keyof HomeStrings['install']];
type Shape = [tag: 'rect' | 'path' | 'circle' | 'text', attrs: Record<string, string>, words?: Words];

export const PICTURES = pictures as { label: Words; shapes: Shape[] }[];
