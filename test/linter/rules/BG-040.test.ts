import { testRule } from '../../helpers/rule-tester.js';

testRule('BG-040', {
  valid: [
    {
      name: 'Alpine: init() checks through a method of the same object',
      files: {
        'static/js/imports.js': [
          "Alpine.data('imports', () => ({",
          '  init() { this.checkActiveTask(); },',
          '  async checkActiveTask() {},',
          "  async start() { await fetch('/api/imports', { method: 'POST' }); },",
          '}));',
        ].join('\n'),
      },
    },
    {
      name: 'React: useEffect resumes the active job (TS)',
      files: {
        'web/components/ImportPage.tsx': [
          "import { triggerJob, resumeActiveJob } from 'bg-lint/client';",
          'export function ImportPage() {',
          "  useEffect(() => { resumeActiveJob('import').then(setJob); }, []);",
          "  return <button onClick={() => triggerJob('import')}>Import</button>;",
          '}',
        ].join('\n'),
      },
    },
    {
      name: 'Vue onMounted, through a same-file function',
      files: {
        'src/components/Export.ts': [
          'async function restore() { await getActiveJob(); }',
          'export default defineComponent({',
          '  setup() {',
          '    onMounted(() => restore());',
          "    const start = () => axios.post('/api/exports', {});",
          '    return { start };',
          '  },',
          '});',
        ].join('\n'),
      },
    },
    {
      name: 'Angular ngOnInit and a DOMContentLoaded listener',
      files: {
        'src/app/ui/scan.component.ts': [
          "@Component({ selector: 'app-scan', template: '' })",
          'export class ScanComponent {',
          '  ngOnInit() { this.api.findActiveJob().subscribe(); }',
          "  start() { this.http.post('/api/scans', {}).subscribe(); }",
          '}',
        ].join('\n'),
        'static/js/sync.js': [
          "document.addEventListener('DOMContentLoaded', () => { fetchActiveJob(); });",
          "Alpine.data('sync', () => ({ go() { return fetch(`${BASE}/api/sync`, { method: 'post' }); } }));",
        ].join('\n'),
      },
    },
    {
      name: 'not a trigger: a GET fetch, a POST to a non-trigger path, /prune',
      files: {
        'static/js/page.js': [
          "Alpine.data('p', () => ({",
          "  load() { return fetch('/api/imports'); },",
          "  save() { return axios.post('/api/settings', {}); },",
          "  prune() { return fetch('/api/prune', { method: 'POST' }); },",
          '}));',
        ].join('\n'),
      },
    },
    {
      name: 'not a page file: a backend service posting to another service',
      files: { 'src/services/client.ts': "export const go = () => axios.post('/api/imports', {});\n" },
    },
    {
      name: 'a map.get and the trigger word only in a comment',
      files: { 'web/Page.tsx': "// fetch('/api/imports', { method: 'POST' })\nexport const P = () => <p>{map.get('import')}</p>;\n" },
    },
  ],
  invalid: [
    {
      name: 'Alpine page posting with fetch, no check on load (JS)',
      files: {
        'static/js/imports.js': [
          "Alpine.data('imports', () => ({",
          '  init() { this.loadList(); },',
          '  async start() {',
          "    await fetch('/api/imports', { method: 'POST', body: new FormData(this.$refs.form) });",
          '  },',
          '}));',
        ].join('\n'),
      },
      errors: [{ line: 4, column: 11, messageId: 'noStatusOnLoad', data: { trigger: 'POST /api/imports' } }],
    },
    {
      name: 'React page with axios.post and triggerJob, an effect that does something else (TS)',
      files: {
        'web/pages/Exports.tsx': [
          "import { triggerJob as trigger } from 'bg-lint/client';",
          "const API = '/api/v1';",
          'export default function Exports() {',
          '  useEffect(() => { loadExports(); }, []);',
          '  const start = async () => {',
          '    await axios.post(`${API}/collections.export`, { format: "csv" });',
          "    await trigger('export');",
          '  };',
          '  return <button onClick={start}>Export</button>;',
          '}',
        ].join('\n'),
      },
      errors: [
        { line: 6, messageId: 'noStatusOnLoad', data: { trigger: 'POST /api/v1/collections.export' } },
        { line: 7, messageId: 'noStatusOnLoad', data: { trigger: 'trigger() (triggerJob)' } },
      ],
    },
    {
      name: 'the active-job check exists but not on load',
      files: {
        'src/components/Scan.ts': [
          'export default defineComponent({',
          '  setup() {',
          "    const start = () => api.post('/api/scans/run', {});",
          '    const refresh = () => checkActiveTask();',
          '    return { start, refresh };',
          '  },',
          '});',
        ].join('\n'),
      },
      errors: [{ line: 3, messageId: 'noStatusOnLoad', data: { trigger: 'POST /api/scans/run' } }],
    },
    {
      name: 'axios({ method: "post", url }) in an x-data page',
      files: {
        'static/js/sync.js': "window.syncPage = () => ({ go() { return axios({ method: 'post', url: '/api/sync' }); } });\n// used by x-data=\"syncPage()\"\n",
      },
      errors: [{ line: 1, messageId: 'noStatusOnLoad', data: { trigger: 'POST /api/sync' } }],
    },
    {
      // The text prefilter admits a page by its trigger's own word: `method` alone (the verb is
      // folded, no `post` is written), the trigger call's name alone.
      name: 'a POST method folded from a constant, and a trigger call with no other word',
      files: {
        'web/pages/Imports.tsx': [
          "const VERB = 'P' + 'OST';",
          'export default function Imports() {',
          "  const start = () => fetch('/api/imports', { method: VERB });",
          '  return <button onClick={start}>Import</button>;',
          '}',
        ].join('\n'),
        'web/pages/Sync.tsx': [
          "import { triggerJob } from 'bg-lint/client';",
          "export const Sync = () => <button onClick={() => triggerJob('sync')}>Sync</button>;",
        ].join('\n'),
      },
      errors: [
        { file: 'web/pages/Imports.tsx', line: 3, messageId: 'noStatusOnLoad', data: { trigger: 'POST /api/imports' } },
        { file: 'web/pages/Sync.tsx', line: 2, messageId: 'noStatusOnLoad', data: { trigger: 'triggerJob()' } },
      ],
    },
  ],
});
