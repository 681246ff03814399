// A worker thread of the page-work pool: analyses the pages it is sent, one at a time. Killing it
// is how a page's deadline is enforced (page-work-pool.ts).
import { parentPort } from 'node:worker_threads';
import { analysePage, type PageAnalysis, type PageAnalysisRequest } from './page-analysis.js';

export interface PageTask extends PageAnalysisRequest {
  id: number;
}

export type PageTaskResult =
  | { id: number; ok: true; analysis: PageAnalysis }
  | { id: number; ok: false; error: string }
  /** Sent once, when the worker has loaded its modules: a page's deadline starts from here. */
  | { ready: true };

if (!parentPort) throw new Error('page-worker.js runs as a worker thread of the page-work pool');
const port = parentPort;
port.on('message', (task: PageTask) => {
  let reply: PageTaskResult;
  try {
    reply = { id: task.id, ok: true, analysis: analysePage(task) };
  } catch (err) {
    reply = { id: task.id, ok: false, error: String((err as Error)?.stack ?? err) };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true } satisfies PageTaskResult);
