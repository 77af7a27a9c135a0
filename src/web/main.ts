// Hash router: every view is a URL (#/story/ID, #/article/ID?hl=START-END, ...),
// so any event or quote can be linked to and opened with its characters marked.
import './style.css';
import { h } from './dom.js';
import { current, urlWith, type Filters } from './filters.js';
import { TYPES } from './ui.js';
import { actorView, actorsView } from './views/actor.js';
import { articleView } from './views/article.js';
import { articlesView } from './views/articles.js';
import { claimsView } from './views/claims.js';
import { eventsView } from './views/events.js';
import { mapView } from './views/map.js';
import { networkView } from './views/network.js';
import { overviewView } from './views/overview.js';
import { searchView } from './views/search.js';
import { storiesView } from './views/stories.js';
import { storyView } from './views/story.js';

const app = document.getElementById('app')!;
let generation = 0;

function resolve(path: string[], params: URLSearchParams): Promise<Node> {
  const [head, id] = path;
  switch (head) {
    case undefined: return storiesView(params);
    case 'story': return storyView(id!);
    case 'article': return articleView(id!, params);
    case 'actor': return actorView(id!, params);
    case 'actors': return actorsView();
    case 'events': return eventsView(params);
    case 'articles': return articlesView(params);
    case 'claims': return claimsView(params);
    case 'search': return searchView(params);
    case 'overview': return overviewView();
    case 'network': return networkView(params);
    case 'map': return mapView();
    default: return Promise.resolve(h('p', { class: 'empty' }, 'No such page. ', h('a', { href: '#/' }, 'Back to the stories.')));
  }
}

async function route(): Promise<void> {
  const mine = ++generation;
  const raw = location.hash.replace(/^#\/?/, '');
  const [pathPart = '', query = ''] = raw.split('?');
  const path = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query);
  for (const a of document.querySelectorAll<HTMLAnchorElement>('header nav a')) {
    const target = a.getAttribute('href')!.replace(/^#\/?/, '');
    a.classList.toggle('on', target === (path[0] ?? '') || (target === '' && path[0] === 'story'));
  }
  app.setAttribute('aria-busy', 'true');
  let view: Node;
  try {
    view = await resolve(path, params);
  } catch (err) {
    view = h('p', { class: 'error' }, `Could not load this page: ${(err as Error).message}`);
  }
  if (mine !== generation) return;
  app.replaceChildren(view);
  app.removeAttribute('aria-busy');
  const hl = document.getElementById('hl');
  if (hl) hl.scrollIntoView({ block: 'center' });
  else window.scrollTo(0, 0);
  const title = app.querySelector('h1')?.textContent;
  document.title = title ? `${title} · dyad` : 'dyad';
}

// The global filters: the form shows what the URL says; changing it changes the URL, and
// every view reads the URL, so a filtered page can be reloaded or shared as it is.
const filterForm = document.getElementById('global-filters') as HTMLFormElement;
const typeSelect = filterForm.elements.namedItem('type') as HTMLSelectElement;
for (const t of TYPES) typeSelect.append(h('option', { value: t }, t));
function showFilters(): void {
  const f = current();
  for (const k of ['from', 'to', 'country', 'type'] as const) (filterForm.elements.namedItem(k) as HTMLInputElement).value = f[k] ?? '';
  (filterForm.elements.namedItem('copies') as HTMLInputElement).checked = f.copies;
}
function applyFilters(f: Filters): void {
  history.pushState(null, '', urlWith(f));
  showFilters();
  void route();
}
filterForm.addEventListener('submit', (ev) => {
  ev.preventDefault();
  const data = new FormData(filterForm);
  const text = (k: string) => String(data.get(k) ?? '').trim() || undefined;
  applyFilters({ from: text('from'), to: text('to'), country: text('country')?.toUpperCase(), type: text('type'), copies: data.get('copies') === '1' });
});
// The copies switch acts at once; the other fields wait for Apply.
(filterForm.elements.namedItem('copies') as HTMLInputElement).addEventListener('change', () => filterForm.requestSubmit());
(filterForm.elements.namedItem('clear') as HTMLButtonElement).addEventListener('click', () => applyFilters({ copies: false }));
window.addEventListener('popstate', () => {
  showFilters();
  void route();
});
showFilters();

const form = document.getElementById('search-form') as HTMLFormElement;
form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  const q = String(new FormData(form).get('q') ?? '').trim();
  if (q) location.hash = `#/search?${new URLSearchParams({ q })}`;
});

window.addEventListener('hashchange', () => void route());
void route();
