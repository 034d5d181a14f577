// The job dashboard's page script: plain browser JavaScript, no build step, no dependencies.
// Everything it shows and does goes through the runtime's HTTP API beside it ({base}/jobs, {base}/tasks),
// and every value from the API is written with textContent, never as HTML.
'use strict';

const BASE = document.body.dataset.base || '';
// Status refresh every 4 s while the page is open (BG-041 asks for 3–5 s).
const POLL_STATUS_MS = 4000;
const LIST_LIMIT = 200;
// Counting by listing: a task type with more jobs than this shows "1000+".
const COUNT_LIMIT = 1000;
const FINAL = ['completed', 'failed', 'completed_with_warnings'];
const STATUS_LABELS = {
  pending: '◷ pending',
  running: '▶ running',
  completed: '✔ completed',
  completed_with_warnings: '⚠ completed with warnings',
  failed: '✖ failed',
};

const $ = (selector) => document.querySelector(selector);

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props || {});
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

async function api(path, init) {
  const response = await fetch(BASE + path, { headers: { accept: 'application/json' }, ...init });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(body.message || `HTTP ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return body;
}

function say(text) {
  const message = $('#message');
  message.textContent = text;
  message.hidden = !text;
}

const TIME_FORMAT = { dateStyle: 'short', timeStyle: 'medium' };

function formatTime(iso) {
  return iso ? new Date(iso).toLocaleString(undefined, TIME_FORMAT) : '—';
}

function formatDuration(job) {
  if (!job.started_at) return '—';
  const end = job.completed_at ? new Date(job.completed_at) : new Date();
  const seconds = Math.max(0, (end.getTime() - new Date(job.started_at).getTime()) / 1000);
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min ${Math.round(seconds % 60)} s` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

function statusBadge(status) {
  return el('span', { className: `status status-${status}`, textContent: STATUS_LABELS[status] || status });
}

// progress is whatever the task passed to ctx.logProgress: a bar when it says how far of how much.
function progressOf(progress) {
  if (!progress || typeof progress !== 'object') return null;
  if (typeof progress.percent === 'number') return { value: progress.percent, max: 100 };
  const total = progress.total;
  if (typeof total !== 'number' || total <= 0) return null;
  const key = Object.keys(progress).find((k) => k !== 'total' && typeof progress[k] === 'number');
  return key ? { value: progress[key], max: total } : null;
}

function progressCell(job) {
  const bar = progressOf(job.progress);
  if (!bar) return job.progress ? el('code', { textContent: JSON.stringify(job.progress) }) : '—';
  const percent = Math.round((100 * Math.min(bar.value, bar.max)) / bar.max);
  const label = `${bar.value}/${bar.max} (${percent}%)`;
  return el(
    'span',
    {},
    el('progress', { value: Math.min(bar.value, bar.max), max: bar.max, title: label, ariaLabel: `Progress ${label}` }),
    el('span', { className: 'progress-label', textContent: label }),
  );
}

function problemsCell(job) {
  const cell = el('div');
  if (job.error_message) cell.append(el('div', { className: 'error', textContent: `✖ ${job.error_message}` }));
  for (const warning of job.warnings || []) {
    cell.append(el('div', { className: 'warning', textContent: `⚠ ${warning.message || JSON.stringify(warning)}` }));
  }
  return cell.childElementCount ? cell : '—';
}

function actionButtons(job) {
  const box = el('div', { className: 'actions' });
  if (job.status === 'failed') {
    box.append(el('button', { type: 'button', textContent: 'Retry', ariaLabel: `Retry job ${job.id}`, onclick: () => retryJob(job) }));
  }
  if (job.status === 'pending') {
    box.append(el('button', { type: 'button', textContent: 'Cancel', ariaLabel: `Cancel job ${job.id}`, onclick: () => cancelJob(job) }));
  }
  if (job.status !== 'running') {
    box.append(
      el('button', { type: 'button', className: 'danger', textContent: 'Delete…', ariaLabel: `Delete job ${job.id}`, onclick: () => askDelete(job) }),
    );
  }
  return box;
}

function jobRow(job) {
  const cell = (content, className) => el('td', className ? { className } : {}, content);
  const row = el(
    'tr',
    {},
    cell(el('a', { href: `#/jobs/${job.id}`, className: 'mono', textContent: job.id.slice(0, 8), title: job.id })),
    cell(job.task),
    cell(statusBadge(job.status)),
    cell(`${job.attempts}/${job.max_attempts}`, 'num'),
    cell(progressCell(job)),
    cell(formatTime(job.started_at)),
    cell(formatTime(job.completed_at)),
    cell(formatDuration(job), 'num'),
    cell(job.triggered_by || '—'),
    cell(problemsCell(job), 'problems'),
    cell(actionButtons(job)),
  );
  row.dataset.jobId = job.id;
  row.dataset.status = job.status;
  return row;
}

function filterQuery() {
  const form = $('#filters');
  const params = new URLSearchParams({ limit: String(LIST_LIMIT) });
  if (form.task.value) params.set('task', form.task.value);
  if (form.status.value) params.set('status', form.status.value);
  if (form.since.value) params.set('since', new Date(Date.now() - Number(form.since.value) * 1000).toISOString());
  return params;
}

let tasks = [];

async function loadTasks() {
  ({ tasks } = await api('/tasks'));
  const select = $('#filter-task');
  const chosen = select.value;
  select.replaceChildren(el('option', { value: '', textContent: 'All tasks' }), ...tasks.map((t) => el('option', { value: t.name, textContent: t.name })));
  select.value = chosen;
}

async function refreshCounts() {
  const rows = await Promise.all(
    tasks.map(async (task) => {
      const { jobs } = await api(`/jobs?${new URLSearchParams({ task: task.name, limit: String(COUNT_LIMIT) })}`);
      const counts = { pending: 0, running: 0, completed: 0, completed_with_warnings: 0, failed: 0 };
      for (const job of jobs) counts[job.status] += 1;
      const capped = jobs.length >= COUNT_LIMIT ? '+' : '';
      return el(
        'tr',
        {},
        el('th', { scope: 'row', textContent: task.name }),
        el('td', { textContent: task.queue || '—' }),
        ...Object.keys(counts).map((status) => el('td', { className: 'num', textContent: `${counts[status]}${counts[status] ? capped : ''}` })),
      );
    }),
  );
  $('#tasks tbody').replaceChildren(...rows);
}

async function refreshJobs() {
  const { jobs } = await api(`/jobs?${filterQuery()}`);
  $('#jobs tbody').replaceChildren(...jobs.map(jobRow));
  $('#jobs-empty').hidden = jobs.length > 0;
  return jobs;
}

function showLive(active) {
  $('#live').textContent = active.length
    ? `${active.length} active job${active.length === 1 ? '' : 's'} · refreshing every ${POLL_STATUS_MS / 1000} s`
    : `No active jobs · refreshing every ${POLL_STATUS_MS / 1000} s`;
}

// On load (BG-040): look for pending and running jobs first, so a returning user sees them.
async function checkActiveTask() {
  const { jobs } = await api('/jobs?status=pending,running&limit=1000');
  showLive(jobs);
  return jobs;
}

async function pollStatus() {
  try {
    if (currentJobId()) {
      await renderJob(currentJobId());
    } else {
      await Promise.all([refreshJobs(), refreshCounts()]);
    }
    await checkActiveTask();
  } catch (error) {
    $('#live').textContent = `Could not refresh: ${error.message}`;
  }
}

async function act(what, run) {
  try {
    await run();
    say(what);
  } catch (error) {
    say(`Refused: ${error.message}`);
  }
  await pollStatus();
}

function retryJob(job) {
  return act(`Retrying ${job.task}: a new job was queued.`, () => api(`/jobs/${job.id}/retry`, { method: 'POST' }));
}

function cancelJob(job) {
  return act(`Cancelled job ${job.id}.`, () => api(`/jobs/${job.id}/cancel`, { method: 'POST' }));
}

// Safe delete (seed 000): the user types the job's name (its id) and the page sends it as X-RESOURCE-NAME.
let deleting = null;
let returnFocus = null;

function askDelete(job) {
  deleting = job;
  returnFocus = document.activeElement;
  $('#delete-name').textContent = job.id;
  $('#delete-input').value = '';
  $('#delete-error').hidden = true;
  $('#delete-dialog').showModal();
  $('#delete-input').focus();
}

function closeDelete() {
  $('#delete-dialog').close();
  deleting = null;
  if (returnFocus && returnFocus.isConnected) returnFocus.focus();
}

async function confirmDelete(event) {
  event.preventDefault();
  const job = deleting;
  const typed = $('#delete-input').value.trim();
  const error = $('#delete-error');
  if (!job) return;
  if (typed !== job.id) {
    error.textContent = 'That is not this job’s name: nothing was deleted.';
    error.hidden = false;
    $('#delete-input').focus();
    return;
  }
  try {
    await api(`/jobs/${job.id}`, { method: 'DELETE', headers: { accept: 'application/json', 'X-RESOURCE-NAME': typed } });
  } catch (failure) {
    error.textContent = `Refused: ${failure.message}`;
    error.hidden = false;
    return;
  }
  closeDelete();
  say(`Deleted job ${job.id}.`);
  if (currentJobId() === job.id) location.hash = '';
  await pollStatus();
}

function currentJobId() {
  const match = /^#\/jobs\/([0-9a-f-]{36})$/i.exec(location.hash);
  return match ? match[1] : null;
}

function definitionList(target, entries) {
  target.replaceChildren(...entries.flatMap(([term, value]) => [el('dt', { textContent: term }), el('dd', {}, value)]));
}

async function renderJob(id) {
  let job;
  try {
    job = await api(`/jobs/${id}`);
  } catch (error) {
    say(error.status === 404 ? `No job ${id}: it may have been deleted.` : error.message);
    location.hash = '';
    return;
  }
  $('#job-heading').textContent = `${job.task} · ${job.id}`;
  $('#job-actions').replaceChildren(actionButtons(job));
  definitionList($('#job-record'), [
    ['Status', statusBadge(job.status)],
    ['Task', job.task],
    ['Queue', job.queue],
    ['Triggered by', job.triggered_by || '—'],
    ['Dedup key', job.dedup_key || '—'],
    ['Progress', progressCell(job)],
    ['Created', formatTime(job.created_at)],
    ['Started', formatTime(job.started_at)],
    ['Completed', formatTime(job.completed_at)],
    ['Duration', formatDuration(job)],
    ['Updated', formatTime(job.updated_at)],
  ]);
  definitionList($('#job-attempts'), [
    ['Attempts', `${job.attempts} of ${job.max_attempts}`],
    ['Last error', job.error_message ? el('span', { className: 'error', textContent: job.error_message }) : '—'],
    ['Next try not before', FINAL.includes(job.status) ? '—' : formatTime(job.run_after)],
    ['Held by worker', job.lease_owner || '—'],
    ['Lease expires', formatTime(job.lease_expires_at)],
  ]);
  $('#job-result').textContent = job.result === null ? '(no result yet)' : JSON.stringify(job.result, null, 2);
  $('#job-args').textContent = JSON.stringify(job.args, null, 2);
  const warnings = job.warnings || [];
  $('#job-warnings').replaceChildren(
    ...(warnings.length ? warnings.map((w) => el('li', { className: 'warning', textContent: w.message || JSON.stringify(w) })) : [el('li', { textContent: 'None' })]),
  );
}

async function showView() {
  const id = currentJobId();
  $('#list-view').hidden = Boolean(id);
  $('#job-view').hidden = !id;
  if (id) {
    await renderJob(id);
    $('#job-heading').focus();
  } else {
    await Promise.all([refreshJobs(), refreshCounts()]);
  }
}

document.addEventListener('DOMContentLoaded', async () => {
  $('#filters').addEventListener('submit', (event) => {
    event.preventDefault();
    refreshJobs().catch((error) => say(error.message));
  });
  $('#filters-reset').addEventListener('click', () => {
    $('#filters').reset();
    refreshJobs().catch((error) => say(error.message));
  });
  $('#delete-form').addEventListener('submit', confirmDelete);
  $('#delete-cancel').addEventListener('click', closeDelete);
  window.addEventListener('hashchange', () => showView().catch((error) => say(error.message)));
  try {
    await checkActiveTask();
    await loadTasks();
    await showView();
  } catch (error) {
    say(`Could not load the jobs: ${error.message}`);
  }
  setInterval(() => pollStatus(), POLL_STATUS_MS);
  document.body.dataset.ready = 'true';
});
