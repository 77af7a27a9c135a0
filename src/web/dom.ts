// A tiny DOM builder. Article data only ever becomes text nodes (never HTML),
// so nothing from an article can inject markup or script.
type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, string | number | boolean | null | undefined | ((e: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    // through CSSOM: the server's content security policy refuses style attributes
    else if (k === 'style') el.style.cssText = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

const SVG = 'http://www.w3.org/2000/svg';

export function s(tag: string, attrs: Record<string, string | number> = {}, ...children: (Node | string)[]): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}

/** Text with the given [start, end) ranges wrapped in <mark> (search hits). */
export function marked(text: string, marks: [number, number][]): Node[] {
  const out: Node[] = [];
  let at = 0;
  for (const [start, end] of [...marks].sort((x, y) => x[0] - y[0])) {
    if (start < at || end > text.length) continue;
    out.push(document.createTextNode(text.slice(at, start)), h('mark', {}, text.slice(start, end)));
    at = end;
  }
  out.push(document.createTextNode(text.slice(at)));
  return out;
}
