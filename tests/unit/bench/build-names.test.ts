// The peer bench names each build of an A/B by its folder: two builds in folders of the same name
// (main/dist, cand/dist) must still get rows of their own.
import { describe, expect, it } from 'vitest';
import { buildNames } from '../../../bench/build-names.ts';

describe('buildNames', () => {
  it('names builds by their folders', () => {
    expect(buildNames(['/tmp/base', '/tmp/cand'])).toEqual(['base', 'cand']);
  });

  it('tells apart folders of the same name by as much of the path as it takes', () => {
    expect(buildNames(['/work/main/dist', '/tmp/cand/dist'])).toEqual(['main/dist', 'cand/dist']);
    expect(buildNames(['/a/x/dist', '/b/x/dist', '/tmp/other'])).toEqual(['a/x/dist', 'b/x/dist', 'tmp/other']);
  });

  it('leaves one folder given twice as one name (an A/A run of the same build)', () => {
    expect(buildNames(['/tmp/dist', '/tmp/dist'])).toEqual(['tmp/dist', 'tmp/dist']);
  });
});
