// Who acts on whom: the actor network drawn by cytoscape (force-directed), under
// the global filters, with its own filters for the weakest ties and the tone.
import { api, type Network, type NetworkEdge } from '../api.js';
import { h } from '../dom.js';
import { narrowing } from '../filters.js';
import { actorLink, empty, href, plural, section } from '../ui.js';

const TONES = { all: 'all', conflict: 'conflictual on average', coop: 'cooperative on average' } as const;
type Tone = keyof typeof TONES;

const toneOf = (e: NetworkEdge) => (e.intensity < 0 ? 'conflict' : e.intensity > 0 ? 'coop' : 'neutral');
const COLORS = { conflict: '#c4543a', coop: '#3a72c4', neutral: '#8a94a3' };

export async function networkView(params: URLSearchParams): Promise<Node> {
  const min = Math.max(1, Number(params.get('min') ?? 1) || 1);
  const tone = (params.get('tone') ?? 'all') in TONES ? (params.get('tone') ?? 'all') as Tone : 'all';
  const net = await api<Network>('network');
  const edges = net.edges.filter((e) => e.weight >= min && (tone === 'all' || toneOf(e) === tone));
  const used = new Set(edges.flatMap((e) => [e.source, e.target]));
  const nodes = net.nodes.filter((n) => used.has(n.id));
  const form = h('form', { class: 'filters' },
    h('label', {}, 'At least', h('input', { type: 'number', name: 'min', min: 1, value: min }), ' events'),
    h('label', {}, 'Ties', h('select', { name: 'tone' }, ...Object.entries(TONES).map(([k, label]) => h('option', { value: k, selected: k === tone }, label)))),
    h('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const data = new FormData(form);
    location.hash = `#/network?${new URLSearchParams({ min: String(data.get('min') ?? 1), tone: String(data.get('tone') ?? 'all') })}`;
  });
  const box = h('div', { class: 'cy', role: 'img', 'aria-label': `Network of ${plural(nodes.length, 'actor')} and ${plural(edges.length, 'tie')}` });
  const narrow = narrowing();
  const view = h('div', { class: 'network-view' },
    h('h1', {}, 'Network'),
    narrow.length ? h('p', { class: 'filter-note' }, `Filtered: ${narrow.join(', ')}.`) : null,
    form,
    edges.length === 0 ? empty('No ties between actors match.') : h('figure', { class: 'chart-box' }, box,
      h('figcaption', {}, 'Arrows point from the actor who acts to the one acted upon; width: number of events; blue: cooperative on average, red: conflictual. Click an actor to open it.')),
    edges.length === 0 ? null : section('Ties', h('div', { class: 'table-wrap' }, h('table', { class: 'ties' },
      h('thead', {}, h('tr', {}, ...['Source', 'Target', 'Events', 'Mean intensity'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ...edges.map((e) => h('tr', {},
        h('td', {}, actorLink(e.source)), h('td', {}, actorLink(e.target)),
        h('td', { class: 'num' }, h('a', { href: href.events({ source: e.source, target: e.target }) }, String(e.weight))),
        h('td', { class: 'num' }, (e.intensity / e.weight).toFixed(1))))))))); 
  if (edges.length > 0) {
    // cytoscape is loaded with the view that needs it, and drawn once the box is on the page.
    const { default: cytoscape } = await import('cytoscape');
    const maxNode = Math.max(...nodes.map((n) => n.events));
    const maxEdge = Math.max(...edges.map((e) => e.weight));
    requestAnimationFrame(() => {
      const cy = cytoscape({
        container: box,
        elements: [
          ...nodes.map((n) => ({ data: { id: n.id, label: n.id, size: 22 + (38 * n.events) / maxNode } })),
          ...edges.map((e, i) => ({ data: { id: `e${i}`, source: e.source, target: e.target, width: 1.5 + (7 * e.weight) / maxEdge, color: COLORS[toneOf(e)], weight: e.weight } })),
        ],
        style: [
          // Labels under the node, in the page's ink: a long code (ASEAN, ECOWAS) does not fit inside a small one.
          { selector: 'node', style: { width: 'data(size)', height: 'data(size)', label: 'data(label)', 'background-color': '#15202e', color: '#15202e', 'font-size': 11, 'text-valign': 'bottom', 'text-halign': 'center', 'text-margin-y': 3, 'font-family': 'monospace' } },
          { selector: 'edge', style: { width: 'data(width)', 'line-color': 'data(color)', 'target-arrow-color': 'data(color)', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', opacity: 0.8 } },
        ],
        // Seeded, not random: the same data gives the same picture.
        layout: { name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 90 },
        wheelSensitivity: 0.3,
      });
      cy.on('tap', 'node', (ev) => (location.hash = href.actor(ev.target.id() as string)));
      box.dataset.nodes = String(cy.nodes().length);
      box.dataset.edges = String(cy.edges().length);
    });
  }
  return view;
}
