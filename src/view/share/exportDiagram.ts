/**
 * Export: the scenario as a JSON or YAML file, the diagram as SVG or PNG.
 *
 * The SVG is the diagram's own DOM, framed whole, cloned with the computed styles written onto
 * each element as presentation attributes (the app's stylesheet and theme do not travel with a
 * file) and serialised with
 * XMLSerializer, which escapes text: a name is only ever text in the file. The PNG is that SVG
 * drawn onto a canvas.
 */
import type { Scenario } from '../../core/model/schema';
import type { ScenarioFormat } from '../../core/scenario/serialize';
import { notify } from '../../app/notices';
import { diagramApi } from '../DiagramPane';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A file name from the scenario's name: lowercase words joined by '-'. */
export function fileStem(s: Scenario): string {
  const stem = (s.name ?? '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return stem || 'scenario';
}

export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** Downloads the scenario as JSON or YAML (the writer, with yaml, is loaded on first use). */
export function exportScenario(s: Scenario, format: ScenarioFormat): void {
  import('../../core/scenario/serialize').then(
    ({ serializeScenario }) => {
      const text = serializeScenario(s, format);
      const type = format === 'json' ? 'application/json' : 'application/yaml';
      const ext = format === 'json' ? 'json' : 'yaml';
      downloadBlob(new Blob([text], { type }), `${fileStem(s)}.${ext}`);
    },
    () =>
      notify({
        kind: 'error',
        text: 'The export could not be made: part of Packetwalk could not be loaded. Reload the page to try again.',
      }),
  );
}

// --- SVG --------------------------------------------------------------------------------------

/** Inherited properties: written where they differ from the parent. */
const INHERITED = [
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-dashoffset',
  'stroke-linecap',
  'stroke-linejoin',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'letter-spacing',
  'paint-order',
  'visibility',
] as const;

/** Not inherited: written where they differ from the initial value. */
const OWN: Record<string, string> = {
  opacity: '1',
  display: 'inline',
  'text-decoration-line': 'none',
};

/**
 * Writes the computed styles as SVG presentation attributes (fill="…", font-size="…"), not as
 * style attributes: the page's Content-Security-Policy refuses inline style attributes, and a
 * standalone file needs no stylesheet for presentation attributes. The element's own style
 * attribute is dropped: its values are already in the computed style.
 */
function inlineStyles(src: Element, dst: Element, parent: CSSStyleDeclaration | null): void {
  const cs = getComputedStyle(src);
  dst.removeAttribute('style');
  for (const p of INHERITED) {
    const v = cs.getPropertyValue(p);
    if (v && (!parent || parent.getPropertyValue(p) !== v)) dst.setAttribute(p, v);
  }
  for (const [p, initial] of Object.entries(OWN)) {
    const v = cs.getPropertyValue(p);
    if (v && v !== initial)
      dst.setAttribute(p === 'text-decoration-line' ? 'text-decoration' : p, v);
  }
  dst.removeAttribute('class');
  dst.removeAttribute('tabindex');
  for (const a of Array.from(dst.attributes)) {
    if (a.name.startsWith('on')) dst.removeAttribute(a.name); // never present; never exported
  }
  const sc = src.children;
  const dc = dst.children;
  for (let i = 0; i < sc.length && i < dc.length; i++) {
    const s = sc[i];
    const d = dc[i];
    if (s && d) inlineStyles(s, d, cs);
  }
}

/** The colour behind the diagram: the first ancestor with a background that is not transparent. */
function backgroundOf(el: Element): string {
  for (let e: Element | null = el; e; e = e.parentElement) {
    const c = getComputedStyle(e).backgroundColor;
    if (c && c !== 'transparent' && !/^rgba\(.*,\s*0\)$/.test(c)) return c;
  }
  return '#ffffff';
}

const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

export type SvgResult =
  { ok: true; text: string; width: number; height: number } | { ok: false; error: string };

/** The whole diagram as a standalone SVG document. */
export async function diagramSvg(title: string): Promise<SvgResult> {
  const svg = document.querySelector<SVGSVGElement>('svg.diagram');
  const api = diagramApi.current;
  if (!svg || !api) return { ok: false, error: 'The diagram is not on screen.' };
  const before = api.viewport();
  try {
    // Frame everything (the diagram only draws what is on screen), let it redraw, copy it.
    api.fitAll(false);
    await nextFrame();
    await nextFrame();
    // Crop to what is drawn (the fit leaves room for the hop card), with a margin.
    const r = svg.getBoundingClientRect();
    const content = svg.querySelector(':scope > g')?.getBoundingClientRect();
    const pad = 16;
    const x0 = Math.floor(content && content.width > 0 ? content.left - r.left - pad : 0);
    const y0 = Math.floor(content && content.height > 0 ? content.top - r.top - pad : 0);
    const width = Math.max(
      1,
      Math.ceil(content && content.width > 0 ? content.width + 2 * pad : r.width),
    );
    const height = Math.max(
      1,
      Math.ceil(content && content.height > 0 ? content.height + 2 * pad : r.height),
    );
    const clone = svg.cloneNode(true) as SVGSVGElement;
    inlineStyles(svg, clone, null);
    clone.setAttribute('xmlns', SVG_NS);
    clone.setAttribute('width', String(width));
    clone.setAttribute('height', String(height));
    clone.setAttribute('viewBox', `${x0} ${y0} ${width} ${height}`);
    for (const a of ['role', 'aria-label', 'data-lod', 'data-items', 'display'])
      clone.removeAttribute(a);
    const bg = document.createElementNS(SVG_NS, 'rect');
    bg.setAttribute('x', String(x0));
    bg.setAttribute('y', String(y0));
    bg.setAttribute('width', String(width));
    bg.setAttribute('height', String(height));
    bg.setAttribute('fill', backgroundOf(svg));
    const t = document.createElementNS(SVG_NS, 'title');
    t.textContent = title;
    clone.insertBefore(bg, clone.firstChild);
    clone.insertBefore(t, clone.firstChild);
    const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}\n`;
    return { ok: true, text, width, height };
  } catch (e) {
    return {
      ok: false,
      error: `The diagram could not be exported: ${e instanceof Error ? e.message : String(e)}`,
    };
  } finally {
    api.setViewport(before);
  }
}

export async function exportSvg(s: Scenario): Promise<SvgResult> {
  const r = await diagramSvg(s.name ?? 'Packetwalk diagram');
  if (r.ok) downloadBlob(new Blob([r.text], { type: 'image/svg+xml' }), `${fileStem(s)}.svg`);
  return r;
}

/** Largest side of the PNG, in pixels (browsers refuse much larger canvases). */
const PNG_MAX_SIDE = 8_192;

export async function exportPng(s: Scenario): Promise<{ ok: true } | { ok: false; error: string }> {
  const r = await diagramSvg(s.name ?? 'Packetwalk diagram');
  if (!r.ok) return r;
  const scale = Math.min(2, PNG_MAX_SIDE / r.width, PNG_MAX_SIDE / r.height);
  const url = URL.createObjectURL(new Blob([r.text], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(r.width * scale);
    canvas.height = Math.round(r.height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) return { ok: false, error: 'This browser cannot draw the PNG.' };
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((res) => canvas.toBlob(res, 'image/png'));
    if (!blob) return { ok: false, error: 'This browser could not make the PNG.' };
    downloadBlob(blob, `${fileStem(s)}.png`);
    return { ok: true };
  } catch (e) {
    return {
      ok: false,
      error: `The PNG could not be made: ${e instanceof Error ? e.message : String(e)}`,
    };
  } finally {
    URL.revokeObjectURL(url);
  }
}
