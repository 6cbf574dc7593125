import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FONT, READABLE_PX } from '../../core/layout/layout';

// Boxes are sized in the core from FONT; the stylesheet must draw the text at those sizes.
const css = readFileSync(join(import.meta.dirname, '..', 'styles.css'), 'utf8');
const sizeOf = (cls: string): number | null => {
  const m = new RegExp(`\\.diagram \\.${cls} \\{[^}]*?font-size: (\\d+(?:\\.\\d+)?)px`).exec(css);
  return m ? Number(m[1]) : null;
};

describe('diagram type sizes', () => {
  it.each([
    ['t-title', FONT.title],
    ['t-mono', FONT.mono],
    ['t-mono6', FONT.mono6],
    ['t-sub', FONT.small],
    ['t-tag', FONT.tag],
  ])('.%s is drawn at the size the layout measured', (cls, px) => {
    expect(sizeOf(cls)).toBe(px);
  });

  it('names are at least as large as addresses, and addresses larger than the readable floor', () => {
    expect(FONT.title).toBeGreaterThanOrEqual(FONT.mono);
    expect(FONT.mono).toBeGreaterThan(READABLE_PX);
  });
});
