// Reordering arithmetic behind the keyboard moves and drag-and-drop.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dropIndex, moveTo } from '../../../src/ui/home/reorder.ts';

describe('moveTo', () => {
  const ids = ['a', 'b', 'c', 'd'];
  it('moves one id to a place, clamped to the list', () => {
    expect(moveTo(ids, 'a', 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveTo(ids, 'd', 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(moveTo(ids, 'b', 99)).toEqual(['a', 'c', 'd', 'b']);
    expect(moveTo(ids, 'c', -5)).toEqual(['c', 'a', 'b', 'd']);
  });
  it('is undefined when nothing moves or the id is unknown, and never changes its input', () => {
    expect(moveTo(ids, 'b', 1)).toBeUndefined();
    expect(moveTo(ids, 'a', -1)).toBeUndefined();
    expect(moveTo(ids, 'z', 0)).toBeUndefined();
    expect(ids).toEqual(['a', 'b', 'c', 'd']);
  });
  it('keeps every id exactly once, in the same relative order for the others', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string(), { minLength: 1, maxLength: 20 }), fc.nat(), fc.integer({ min: -3, max: 25 }), (list, pick, to) => {
        const id = list[pick % list.length]!;
        const next = moveTo(list, id, to) ?? list;
        expect([...next].sort()).toEqual([...list].sort());
        expect(next.filter((x) => x !== id)).toEqual(list.filter((x) => x !== id));
        expect(next.indexOf(id)).toBe(Math.max(0, Math.min(list.length - 1, to)));
      }),
    );
  });
});

describe('dropIndex', () => {
  // Four cards 100 px tall: middles at 50, 150, 250, 350.
  const middles = [50, 150, 250, 350];
  it('counts the other cards whose middle is above the dragged one', () => {
    expect(dropIndex(middles, 0, 60)).toBe(0); // barely moved
    expect(dropIndex(middles, 0, 160)).toBe(1); // past the second card's middle
    expect(dropIndex(middles, 0, 1000)).toBe(3); // below all: last place
    expect(dropIndex(middles, 3, -20)).toBe(0); // above all: first place
    expect(dropIndex(middles, 2, 140)).toBe(1);
  });
});
