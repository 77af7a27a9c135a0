import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { articleId, ingest } from './index.js';
import { parseCsv } from './manifest.js';
import { simpleFrontMatter } from './text.js';
import { parse as parseYaml } from 'yaml';

/** A fresh folder holding the given files (string or bytes), created for one test. */
function fixture(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-ingest-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const LEAD = 'The foreign ministers of Chile and Peru met in Lima on Monday to discuss a fishing quota.';

test('plain text with front matter gives its metadata; without, the text is kept whole', async () => {
  const dir = fixture({
    'a.txt': `---\ntitle: Ministers meet in Lima\noutlet: Example Wire\npublished: 2026-03-02\nurl: https://example.org/a\nbyline: Ana Example\n---\n${LEAD}\n`,
    'b.txt': `Ministers meet in Lima\n\n${LEAD}\n`,
  });
  const { articles, errors } = await ingest([dir]);
  assert.deepEqual(errors, []);
  const [a, b] = articles;
  assert.equal(a!.title, 'Ministers meet in Lima');
  assert.equal(a!.outlet, 'Example Wire');
  assert.equal(a!.published, '2026-03-02');
  assert.equal(a!.url, 'https://example.org/a');
  assert.equal(a!.byline, 'Ana Example');
  assert.equal(a!.text.trim(), LEAD);
  assert.equal(b!.title ?? null, null);
  assert.ok(b!.text.startsWith('Ministers meet in Lima\n'));
});

test('markdown loses its syntax but keeps its lines', async () => {
  const dir = fixture({ 'a.md': `# Ministers meet in Lima\n\n**Lima** — ${LEAD} See [the statement](https://example.org/s).\n\n![map](map.png)\n` });
  const { articles } = await ingest([dir]);
  const text = articles[0]!.text;
  assert.ok(text.startsWith('Ministers meet in Lima\n'));
  assert.ok(text.includes(`Lima — ${LEAD} See the statement.`));
  assert.ok(!/[#*!\]]/.test(text));
});

test('HTML pages give metadata from the page and one paragraph per line', async () => {
  const paragraphs = Array.from({ length: 6 }, (_, i) => `Paragraph ${i + 1} of the report says the ministers of Chile and Peru discussed quotas, ports and patrols for a long time.`);
  const html = `<!doctype html><html><head><title>Lima talks | Example</title>
    <meta property="og:title" content="Ministers meet in Lima">
    <meta property="og:site_name" content="Example Times">
    <meta property="article:published_time" content="2026-03-02T09:30:00Z">
    <meta name="author" content="Ana Example">
    <link rel="canonical" href="https://example.org/lima">
    <script>var x = "not text";</script></head>
    <body><nav><a href="/">Home</a></nav><article><h1>Ministers meet in Lima</h1>
    ${paragraphs.map((p) => `<p>${p.replace('quotas', '<em>quotas</em>')}</p>`).join('\n')}
    </article><footer>Footer links</footer></body></html>`;
  const { articles, errors } = await ingest([fixture({ 'page.html': html })]);
  assert.deepEqual(errors, []);
  const a = articles[0]!;
  assert.equal(a.format, 'html');
  assert.equal(a.title, 'Ministers meet in Lima');
  assert.equal(a.outlet, 'Example Times');
  assert.equal(a.published, '2026-03-02T09:30:00Z');
  assert.equal(a.byline, 'Ana Example');
  assert.equal(a.url, 'https://example.org/lima');
  const lines = a.text.split('\n');
  for (const p of paragraphs) assert.ok(lines.includes(p), `missing line: ${p}`);
  assert.ok(!a.text.includes('not text'));
});

test('HTML pages without Open Graph tags give metadata from JSON-LD', async () => {
  const ld = { '@context': 'https://schema.org', '@graph': [{ '@type': 'WebSite', name: 'x' }, { '@type': 'NewsArticle', headline: 'Ministers meet in Lima', datePublished: '2026-03-05T08:00:00Z', author: [{ '@type': 'Person', name: 'Ana Example' }, { name: 'Ben Example' }], publisher: { name: 'Example News' } }] };
  const body = Array.from({ length: 5 }, (_, i) => `<p>${LEAD} Paragraph ${i + 1}.</p>`).join('');
  const html = `<html><head><title>Ministers meet in Lima - Example News</title><script type="application/ld+json">${JSON.stringify(ld)}</script></head><body><article>${body}</article></body></html>`;
  const a = (await ingest([fixture({ 'p.htm': html })])).articles[0]!;
  assert.deepEqual([a.title, a.outlet, a.published, a.byline], ['Ministers meet in Lima', 'Example News', '2026-03-05T08:00:00Z', 'Ana Example, Ben Example']);
});

test('JSON objects and arrays; an item without text is an error, the others are read', async () => {
  const dir = fixture({
    'one.json': JSON.stringify({ id: 'x1', title: 'T', outlet: 'O', url: 'https://example.org/1', published: '2026-03-02', text: LEAD }),
    'many.json': JSON.stringify([{ title: 'A', body: LEAD }, { title: 'B' }, { title: 'C', html: `<p>${LEAD}</p><p>Second.</p>` }]),
  });
  const { articles, errors } = await ingest([dir]);
  assert.deepEqual(articles.map((a) => a.path.slice(dir.length + 1)), ['many.json#1', 'many.json#3', 'one.json']);
  assert.equal(articles[1]!.text, `${LEAD}\nSecond.`);
  assert.equal(articles[2]!.id, 'x1');
  assert.equal(articles[2]!.outlet, 'O');
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.file, join(dir, 'many.json#2'));
  assert.match(errors[0]!.reason, /no text, body or html/);
});

test('news-API JSON wraps its list and names fields its own way', async () => {
  const api = { status: 'ok', articles: [{ source: { name: 'Example News' }, author: 'Ana Example', title: 'T', publishedAt: '2026-03-02T10:00:00Z', url: 'https://example.org/n', content: LEAD }] };
  const { articles, errors } = await ingest([fixture({ 'api.json': JSON.stringify(api) })]);
  assert.deepEqual(errors, []);
  const a = articles[0]!;
  assert.deepEqual([a.outlet, a.byline, a.published, a.url, a.text], ['Example News', 'Ana Example', '2026-03-02T10:00:00Z', 'https://example.org/n', LEAD]);
});

test('UTF-16 text with a byte order mark is read', async () => {
  const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LEAD, 'utf16le')]);
  const { articles, errors } = await ingest([fixture({ 'w.txt': bytes })]);
  assert.deepEqual(errors, []);
  assert.equal(articles[0]!.text, LEAD);
});

test('JSONL: a malformed line is an error naming its line number, the other lines are read', async () => {
  const dir = fixture({ 'a.jsonl': [JSON.stringify({ text: LEAD }), '{"text": "broken', '', JSON.stringify({ body: 'Second article text.' })].join('\n') });
  const { articles, errors } = await ingest([dir]);
  assert.equal(articles.length, 2);
  assert.deepEqual(articles.map((a) => a.path.slice(dir.length + 1)), ['a.jsonl#1', 'a.jsonl#3'], 'a broken line still counts as an item, so numbers stay put when it is fixed');
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.file, join(dir, 'a.jsonl'));
  assert.match(errors[0]!.reason, /^line 2: malformed JSON/);
});

test('RSS items and Atom entries are articles, their HTML content turned into paragraphs', async () => {
  const rss = `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
    <channel><title>Example Feed</title>
    <item><title>First item</title><link>https://example.org/1</link><pubDate>Tue, 03 Mar 2026 10:00:00 GMT</pubDate><dc:creator>Ana Example</dc:creator>
      <content:encoded><![CDATA[<p>${LEAD}</p><p>Officials &amp; experts attended.</p>]]></content:encoded></item>
    <item><title>Second item</title><link>https://example.org/2</link><description>Plain description text.</description></item>
    </channel></rss>`;
  const atom = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Example Atom</title>
    <entry><title type="text">Atom entry</title><link rel="alternate" href="https://example.org/a1"/><updated>2026-03-04T08:00:00Z</updated>
      <author><name>Ben Example</name></author><content type="html">&lt;p&gt;${LEAD}&lt;/p&gt;&lt;p&gt;Next paragraph.&lt;/p&gt;</content></entry>
    <entry><title>XHTML entry</title><link href="https://example.org/a2"/><updated>2026-03-04T09:00:00Z</updated>
      <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>${LEAD}</p><p>Officials <b>and</b> experts attended.</p></div></content></entry></feed>`;
  const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
    <channel><title>Example RDF</title></channel><item><title>RDF item</title><link>https://example.org/r1</link><description>${LEAD}</description></item></rdf:RDF>`;
  const dir = fixture({ 'news.rss': rss, 'news.atom': atom, 'old.xml': rdf });
  const { articles, errors } = await ingest([dir]);
  assert.deepEqual(errors, []);
  const [a1, a2, r1, r2, old] = articles;
  assert.equal(a2!.text, `${LEAD}\nOfficials and experts attended.`);
  assert.equal(a1!.path, join(dir, 'news.atom#1'));
  assert.equal(a1!.title, 'Atom entry');
  assert.equal(a1!.url, 'https://example.org/a1');
  assert.equal(a1!.byline, 'Ben Example');
  assert.equal(a1!.outlet, 'Example Atom');
  assert.equal(a1!.text, `${LEAD}\nNext paragraph.`);
  assert.equal(r1!.path, join(dir, 'news.rss#1'));
  assert.equal(r1!.outlet, 'Example Feed');
  assert.equal(r1!.published, 'Tue, 03 Mar 2026 10:00:00 GMT');
  assert.equal(r1!.byline, 'Ana Example');
  assert.equal(r1!.text, `${LEAD}\nOfficials & experts attended.`);
  assert.equal(r2!.text, 'Plain description text.');
  assert.deepEqual([old!.path, old!.outlet, old!.title, old!.url, old!.text], [join(dir, 'old.xml#1'), 'Example RDF', 'RDF item', 'https://example.org/r1', LEAD]);
});

test('manifests: folder manifest and --manifest add metadata by relative path or basename; hidden and _ files skipped', async () => {
  const dir = fixture({
    'manifest.jsonl': `${JSON.stringify({ path: 'sub/b.txt', outlet: 'Folder Outlet', published: '2026-01-01' })}\n`,
    'sub/b.txt': LEAD,
    'a.txt': LEAD,
    '_gold.json': '{"not": "an article"}',
    '.hidden.txt': LEAD,
  });
  // Outside the folder, so rows match by basename.
  const other = fixture({ 'meta.csv': 'path,outlet,title\n"a.txt","Wire, Ltd","A ""quoted"" title"\nb.txt,Override,\n' });
  const { articles, errors } = await ingest([dir], { manifest: join(other, 'meta.csv') });
  assert.deepEqual(errors, []);
  assert.deepEqual(articles.map((a) => a.path.slice(dir.length + 1)), ['a.txt', 'sub/b.txt']);
  assert.equal(articles[0]!.outlet, 'Wire, Ltd');
  assert.equal(articles[0]!.title, 'A "quoted" title');
  assert.equal(articles[1]!.outlet, 'Override', 'the --manifest has the last word');
  assert.equal(articles[1]!.published, '2026-01-01');
});

test('CSV parser handles quotes, commas and newlines in fields', () => {
  assert.deepEqual(parseCsv('a,b\n"x, y","line\nbreak"\r\n"say ""hi""",\n'), [['a', 'b'], ['x, y', 'line\nbreak'], ['say "hi"', '']]);
});

test('bad inputs each give one clear error and never stop the batch', async () => {
  const dir = fixture({
    'empty.txt': '',
    'binary.txt': new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x10]),
    'latin1.txt': new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x65, 0x77, 0x73]),
    'cut.html': '<html><head><title>x</title></head><body><p>Some text that is cut',
    'notxml.rss': 'this is not a feed at all',
    'badxml.xml': '<rss><channel><item><title>x</item></channel></rss>',
    'notes.pdf': 'whatever',
    'big.txt': 'x'.repeat(2048),
    'good.txt': LEAD,
  });
  const missing = join(dir, 'missing.txt');
  const { articles, errors } = await ingest([dir, missing], { maxBytes: 1024 });
  assert.deepEqual(articles.map((a) => a.path), [join(dir, 'good.txt')]);
  const reasons = new Map(errors.map((e) => [e.file.slice(dir.length + 1), e.reason]));
  assert.equal(errors.length, 9, JSON.stringify(errors));
  assert.match(reasons.get('empty.txt')!, /empty file/);
  assert.match(reasons.get('binary.txt')!, /binary/);
  assert.match(reasons.get('latin1.txt')!, /UTF-8/);
  assert.match(reasons.get('cut.html')!, /truncated HTML/);
  assert.match(reasons.get('notxml.rss')!, /not XML/);
  assert.match(reasons.get('badxml.xml')!, /not well-formed XML/);
  assert.match(reasons.get('notes.pdf')!, /unknown file type \.pdf/);
  assert.match(reasons.get('big.txt')!, /over the limit of 1024/);
  assert.match(reasons.get('missing.txt')!, /no such file/);
});

test('ids are stable: same source and text, same id; other text, other id', async () => {
  const one = fixture({ 'a.txt': LEAD });
  const two = fixture({ 'a.txt': `${LEAD}\n` });
  const three = fixture({ 'a.txt': `${LEAD} More.` });
  const [a, b, c] = [(await ingest([one])).articles[0]!, (await ingest([two])).articles[0]!, (await ingest([three])).articles[0]!];
  assert.match(a.id!, /^[0-9a-f]{16}$/);
  assert.equal(a.id, b.id);
  assert.notEqual(a.id, c.id);
  assert.notEqual(articleId({ ...a, outlet: 'Other' }), a.id);
});

test('stdin (-) is read and its format recognised', () => {
  const script = `import { ingest } from ${JSON.stringify(new URL('./index.js', import.meta.url).href)};
    const r = await ingest(['-']); process.stdout.write(JSON.stringify(r));`;
  const run = (input: string) =>
    JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { input, cwd: fileURLToPath(new URL('.', import.meta.url)) }).toString());
  const jsonl = run(`${JSON.stringify({ text: LEAD })}\n${JSON.stringify({ text: 'Two.' })}\n`);
  assert.deepEqual(jsonl.articles.map((a: { path: string }) => a.path), ['-#1', '-#2']);
  const text = run(`---\ntitle: From stdin\n---\n${LEAD}\n`);
  assert.equal(text.articles[0].title, 'From stdin');
  assert.deepEqual(run('').errors, [{ file: '-', reason: 'empty file' }]);
});

test('plain key: value front matter is read as YAML reads it; anything else is left to the YAML parser', () => {
  const simple = [
    'title: Talks resume in Geneva\noutlet: Example Wire\npublished: 2026-03-02',
    'url: https://example.org/a?b=1#top\r\nbyline: Ana Example  ',
    'title: Ministers (again) meet, 50% agree',
  ];
  for (const src of simple) assert.deepEqual(simpleFrontMatter(src), parseYaml(src), src);
  const other = ['id: 123', 'title: "Quoted"', 'title: Talks: day two', 'title: Talks # a comment', 'draft: true', 'empty:', 'tags:\n  - a', 'title: a\ntitle: b', 'published: ~', 'rate: 1e3', 'x: -y'];
  for (const src of other) assert.equal(simpleFrontMatter(src), null, src);
});
