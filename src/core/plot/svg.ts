/** Small builders for SVG text. Every number goes through svgNum so the output is stable. */
import { escapeXml, svgNum } from './format.js';
import { FONT_FAMILY, THEME } from './theme.js';

export type Attrs = Record<string, string | number | undefined>;

function attrs(a: Attrs): string {
  let s = '';
  for (const [k, v] of Object.entries(a)) {
    if (v === undefined || v === '') continue;
    s += ` ${k}="${typeof v === 'number' ? svgNum(v) : escapeXml(v)}"`;
  }
  return s;
}

export function el(name: string, a: Attrs, children?: string): string {
  return children === undefined ? `<${name}${attrs(a)}/>` : `<${name}${attrs(a)}>${children}</${name}>`;
}

export function text(x: number, y: number, content: string, a: Attrs = {}): string {
  return el('text', { x, y, ...a }, escapeXml(content));
}

/** The root element: a standalone SVG with its size, a white background and the default font. */
export function svgDocument(width: number, height: number, body: string, title?: string): string {
  const head = `<svg xmlns="http://www.w3.org/2000/svg" width="${svgNum(width)}" height="${svgNum(height)}" viewBox="0 0 ${svgNum(width)} ${svgNum(height)}" font-family="${escapeXml(FONT_FAMILY)}" font-size="${THEME.fontSize}" role="img"${title ? ` aria-label="${escapeXml(title)}"` : ''}>`;
  const t = title ? `<title>${escapeXml(title)}</title>` : '';
  return `${head}\n${t}<rect width="100%" height="100%" fill="${THEME.background}"/>\n${body}\n</svg>\n`;
}

/**
 * A short deterministic id from content (FNV-1a), so clip-path ids differ between charts placed in the
 * same HTML page yet the same chart always produces the same SVG (snapshot tests stay stable).
 */
export function contentId(prefix: string, ...parts: (string | number)[]): string {
  let h = 0x811c9dc5;
  for (const p of parts) {
    const s = String(p);
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h = (h ^ 0x2c) >>> 0;
  }
  return `${prefix}-${h.toString(36)}`;
}
