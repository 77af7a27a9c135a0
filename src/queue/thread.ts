// One of `dyad worker --concurrency N`'s threads: a whole worker (its own knowledge,
// store and queue connections), so that N batches are analysed on N cores at once.
import { parentPort, workerData } from 'node:worker_threads';
import { startWorker, type WorkerOptions } from './worker.js';

export type ThreadMessage =
  | { type: 'ready' }
  | { type: 'batch'; jobs: number; added: number; unchanged: number; errors: number }
  | { type: 'error'; file: string; reason: string; warning?: boolean }
  | { type: 'corpus'; mode: string; reason?: string; stories: number }
  | { type: 'stopped' }
  | { type: 'failed'; message: string };

const port = parentPort!;
const send = (m: ThreadMessage) => port.postMessage(m);
const options = workerData as Omit<WorkerOptions, 'onBatch' | 'onError' | 'onCorpus'>;

try {
  const worker = await startWorker({
    ...options,
    onBatch: (b) => send({ type: 'batch', ...b }),
    onError: (e) => send({ type: 'error', file: e.file, reason: e.reason, warning: e.warning }),
    onCorpus: (u) => send({ type: 'corpus', ...u }),
  });
  port.on('message', (m: { type: 'stop' }) => {
    if (m.type === 'stop') void worker.stop().then(() => send({ type: 'stopped' }), (err: Error) => send({ type: 'failed', message: err.message }));
  });
  send({ type: 'ready' });
} catch (err) {
  send({ type: 'failed', message: (err as Error).message });
}
