import { describe, expect, it } from 'vitest';
import { centreOf, transformFor } from './viewport';

describe('viewport: centre and zoom <-> d3-zoom transform', () => {
  it('the centre of the view is the diagram point drawn at the middle of the screen', () => {
    const t = { x: -100, y: 40, k: 2 };
    const v = centreOf(t, { w: 800, h: 600 });
    // screen = world * k + t  =>  world = (screen - t) / k at the screen's middle (400, 300)
    expect(v).toEqual({ x: 250, y: 130, k: 2 });
  });

  it('a viewport opened on another screen size keeps its centre and zoom', () => {
    const v = { x: 250, y: 130, k: 2 };
    const t = transformFor(v, { w: 1200, h: 700 });
    expect(t).toEqual({ x: 600 - 500, y: 350 - 260, k: 2 });
    expect(centreOf(t, { w: 1200, h: 700 })).toEqual(v);
  });

  it('refuses a transform that is not a view', () => {
    expect(centreOf({ x: 0, y: 0, k: 0 }, { w: 800, h: 600 })).toBeNull();
    expect(centreOf({ x: Number.NaN, y: 0, k: 1 }, { w: 800, h: 600 })).toBeNull();
  });
});
