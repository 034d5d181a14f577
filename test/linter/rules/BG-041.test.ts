import { testRule } from '../../helpers/rule-tester.js';

testRule('BG-041', {
  valid: [
    { name: 'a 4 s poll', files: { 'static/js/page.js': 'setInterval(() => this.pollStatus(), 4000);\n' } },
    { name: 'folded 5 * 1000', files: { 'static/js/page.js': 'setInterval(() => pollStatus(), 5 * 1000);\n' } },
    { name: 'a clock ticking every second is not a poll', files: { 'static/js/clock.js': 'setInterval(() => tick(), 1000);\n' } },
    { name: 'not a frontend file', files: { 'src/server/poller.ts': 'setInterval(() => pollStatus(), 1000);\n' } },
    { name: 'an interval that cannot be known', files: { 'web/page.tsx': 'export const P = (ms: number) => { setInterval(() => pollJob(), ms); return <p/>; };\n' } },
    { name: 'a one-off setTimeout that does not reschedule', files: { 'static/js/a.js': 'setTimeout(() => checkStatus(), 500);\n' } },
    { name: 'refetchInterval false', files: { 'web/q.tsx': 'useQuery({ queryKey: ["job"], refetchInterval: false });\n' } },
    { name: 'a method named setInterval on another object', files: { 'static/js/a.js': 'scheduler.setInterval(() => pollStatus(), 100);\n' } },
  ],
  invalid: [
    {
      name: 'imported constant from another file',
      files: {
        'static/js/config.js': 'export const POLL_MS = 1000;\n',
        'static/js/page.js': "import { POLL_MS } from './config.js';\n\nsetInterval(() => this.pollStatus(), POLL_MS);\n",
      },
      errors: [{ file: 'static/js/page.js', line: 3, column: 38, messageId: 'tooFrequent', data: { what: 'polling', value: 1000, minMs: 3000, maxMs: 5000 } }],
    },
    {
      name: 'ten seconds feels unresponsive',
      files: { 'static/admin/js/jobs.js': 'const timer = setInterval(async () => {\n  await fetch(`/api/jobs/${id}`);\n}, 10000);\n' },
      errors: [{ line: 3, messageId: 'tooSlow', data: { what: 'polling', value: 10000, minMs: 3000, maxMs: 5000 } }],
    },
    {
      name: 'self-rescheduling setTimeout',
      files: { 'web/hooks/useJob.ts': 'export function poll() {\n  fetch("/api/status");\n  setTimeout(poll, 1500);\n}\n' },
      errors: [{ line: 3, column: 20, messageId: 'tooFrequent', data: { what: 'polling', value: 1500, minMs: 3000, maxMs: 5000 } }],
    },
    {
      name: 'self-rescheduling setTimeout in a method named by a string literal (functionName reads the literal)',
      files: { 'web/poller.ts': "export class Poller {\n  'poll'() {\n    fetch('/api/status');\n    setTimeout(this.poll, 1000);\n  }\n}\n" },
      errors: [{ line: 4, column: 27, messageId: 'tooFrequent', data: { what: 'polling', value: 1000, minMs: 3000, maxMs: 5000 } }],
    },
    {
      name: 'TanStack refetchInterval, SWR refreshInterval and runtime client intervalMs, through an enum',
      files: {
        'web/components/Status.tsx':
          'enum Every { Second = 1000 }\n' +
          'export function S() {\n' +
          '  useQuery({ queryKey: ["job"], refetchInterval: Every.Second });\n' +
          '  useSWR("/api/task", fetcher, { refreshInterval: 60 * Every.Second });\n' +
          '  pollJob(id, { intervalMs: 2000 });\n' +
          '  return <div />;\n' +
          '}\n',
      },
      errors: [
        { line: 3, column: 50, messageId: 'tooFrequent', data: { what: 'polling (refetchInterval)', value: 1000, minMs: 3000, maxMs: 5000 } },
        { line: 4, messageId: 'tooSlow', data: { what: 'polling (refreshInterval)', value: 60000, minMs: 3000, maxMs: 5000 } },
        { line: 5, messageId: 'tooFrequent', data: { what: 'polling (intervalMs)', value: 2000, minMs: 3000, maxMs: 5000 } },
      ],
    },
    {
      name: 'conditional intervals (TanStack Query and SWR in a job hook): each numeric branch judged; false, undefined and 0 stop polling',
      files: {
        'web/hooks/useImportJob.ts': [
          "import { useQuery } from '@tanstack/react-query';",
          "import useSWR from 'swr';",
          '',
          'export function useImportJob(jobId: string, live: boolean) {',
          '  const job = useQuery({',
          "    queryKey: ['import-job', jobId],",
          '    queryFn: () => fetchJob(jobId),',
          "    refetchInterval: (query) => (query.state.data?.status === 'running' ? 1000 : false),",
          '  });',
          "  const logs = useSWR(`/api/jobs/${jobId}/logs`, fetcher, { refreshInterval: live ? 2000 : undefined });",
          '  const progress = useSWR(`/api/jobs/${jobId}/progress`, fetcher, { refreshInterval: live ? 4000 : 0 });',
          '  return { job, logs, progress };',
          '}',
          '',
        ].join('\n'),
      },
      errors: [
        { line: 8, column: 75, messageId: 'tooFrequent', data: { what: 'polling (refetchInterval)', value: 1000, minMs: 3000, maxMs: 5000 } },
        { line: 10, messageId: 'tooFrequent', data: { what: 'polling (refreshInterval)', value: 2000, minMs: 3000, maxMs: 5000 } },
      ],
    },
    {
      name: 'window.setInterval with a namespace-imported constant',
      files: {
        'static/js/intervals.js': 'export const FAST = 500;\n',
        'static/js/p.js': "import * as I from './intervals.js';\nwindow.setInterval(() => refreshProgress(), I.FAST);\n",
      },
      errors: [{ file: 'static/js/p.js', line: 2, messageId: 'tooFrequent', data: { what: 'polling', value: 500, minMs: 3000, maxMs: 5000 } }],
    },
  ],
});
