// Hash router: every view is a URL (#/story/ID, #/article/ID?hl=START-END, ...),
// so any event or quote can be linked to and opened with its characters marked.
import './style.css';
import { h } from './dom.js';
import { actorView, actorsView } from './views/actor.js';
import { articleView } from './views/article.js';
import { articlesView } from './views/articles.js';
import { claimsView } from './views/claims.js';
import { eventsView } from './views/events.js';
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

const form = document.getElementById('search-form') as HTMLFormElement;
form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  const q = String(new FormData(form).get('q') ?? '').trim();
  if (q) location.hash = `#/search?${new URLSearchParams({ q })}`;
});

window.addEventListener('hashchange', () => void route());
void route();
