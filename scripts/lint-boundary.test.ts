import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// `npm run lint` must keep React, the DOM and the store out of src/core/ (architecture.md).
const eslint = new ESLint();

async function coreLint(code: string, file = 'src/core/model/boundary-probe.ts') {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => m.message);
}

describe('the core boundary', () => {
  it.each([
    ["import { useState } from 'react';\nexport const x = useState;", 'React'],
    [
      "import { createRoot } from 'react-dom/client';\nexport const x = createRoot;",
      'framework-free',
    ],
    ["import { create } from 'zustand';\nexport const x = create;", 'store'],
    ["import { select } from 'd3-selection';\nexport const x = select;", 'DOM'],
    ["import { appStore } from '../../store';\nexport const x = appStore;", 'app layers'],
    ['export const w = window.innerWidth;', 'no DOM'],
    ['export const d = document.title;', 'no DOM'],
  ])('refuses %s', async (code, why) => {
    const errors = await coreLint(code);
    expect(errors.join('\n')).toContain(why);
  });

  it('allows the same import outside the core', async () => {
    const errors = await coreLint(
      "import { useState } from 'react';\nexport const x = useState;",
      'src/view/boundary-probe.tsx',
    );
    expect(errors).toEqual([]);
  });

  it('allows pure imports inside the core', async () => {
    const errors = await coreLint(
      "import { hierarchy } from 'd3-hierarchy';\nexport const h = hierarchy;",
    );
    expect(errors).toEqual([]);
  });
});
