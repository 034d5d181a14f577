/**
 * The example page: triggers an import, shows its status while it runs (polling every 4 s), and
 * picks the running import up again when the page is reopened (BG-040). Bundle it for the browser
 * (e.g. `npx esbuild examples/runtime/public/app.ts --bundle --outfile=examples/runtime/public/app.js`).
 */
import { pollJob, resumeActiveJob, triggerJob, type JobRecordJson } from 'bg-lint/client';

const TASK = 'products.import';
const api = { baseUrl: '/api/jobs' };
let activeTask: JobRecordJson | null = null;
let stopPolling: AbortController | null = null;

function render(job: JobRecordJson | null): void {
  const banner = document.querySelector<HTMLElement>('#status')!;
  const button = document.querySelector<HTMLButtonElement>('#import')!;
  button.disabled = job !== null && (job.status === 'pending' || job.status === 'running');
  banner.textContent = job
    ? `Import ${job.status}${job.progress ? ` — ${JSON.stringify(job.progress)}` : ''}${job.error_message ? `: ${job.error_message}` : ''}`
    : 'No import running';
}

function startPolling(jobId: string): void {
  stopPolling?.abort();
  stopPolling = new AbortController();
  pollJob(jobId, {
    ...api,
    intervalMs: 4000,
    signal: stopPolling.signal,
    onUpdate: (job) => {
      activeTask = job;
      render(job);
    },
  }).catch((error: unknown) => {
    if (!stopPolling?.signal.aborted) render(null);
    console.warn('Stopped polling', error);
  });
}

async function startImport(): Promise<void> {
  const names = Array.from({ length: 200 }, (_, i) => `product-${i}`);
  const { job_id } = await triggerJob(TASK, { args: [names], triggered_by: 'api:web', dedup_key: 'products-import' }, api);
  startPolling(job_id);
}

document.addEventListener('DOMContentLoaded', () => {
  // Reopened while an import runs? Show it and keep polling it.
  resumeActiveJob(TASK, api)
    .then((job) => {
      activeTask = job;
      render(job);
      if (job) startPolling(job.id);
    })
    .catch((error: unknown) => console.warn('Could not check for an active import', error));
  document.querySelector('#import')!.addEventListener('click', () => {
    startImport().catch((error: unknown) => console.warn('Could not start the import', error));
  });
});

window.addEventListener('pagehide', () => stopPolling?.abort());
export { activeTask };
