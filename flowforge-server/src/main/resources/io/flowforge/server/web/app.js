// FlowForge's page: plain JavaScript over the JSON API, no build step. Every value from the
// server is written with textContent, never as HTML.
'use strict';

const $ = (id) => document.getElementById(id);
const DEFAULT_PORTS = { 'sql-server': 1433, postgresql: 5432, mysql: 3306 };
const NEW_SOURCE = '__new__';
let token = sessionStorage.getItem('flowforge-token') || '';
let schema = null;
let polling = null;

async function api(method, path, body) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = 'Bearer ' + token;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = response.status === 204 ? null : await response.json();
  if (response.status === 401) $('auth').hidden = false;
  if (!response.ok) {
    const e = data && data.error ? data.error : { message: 'HTTP ' + response.status, problems: [] };
    const error = new Error(e.message);
    error.problems = e.problems || [];
    throw error;
  }
  return data;
}

function show(el, text, ok) {
  el.textContent = text;
  el.className = ok === undefined ? '' : ok ? 'ok' : 'bad';
}

function option(select, value, text) {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = text;
  select.appendChild(o);
  return o;
}

function cell(row, text) {
  const td = document.createElement('td');
  td.textContent = text === null || text === undefined ? '' : String(text);
  row.appendChild(td);
  return td;
}

async function start() {
  try {
    const health = await api('GET', 'api/health');
    for (const type of health.connectors) option($('type'), type, type);
    $('type').value = health.connectors.includes('postgresql') ? 'postgresql' : health.connectors[0];
    $('port').value = DEFAULT_PORTS[$('type').value] || '';
    await loadSources(health.demo_source);
    await loadRuns();
  } catch (e) {
    show($('connection-result'), e.message, false);
  }
}

async function loadSources(select) {
  const data = await api('GET', 'api/sources');
  const s = $('source-select');
  s.textContent = '';
  for (const source of data.sources) option(s, source.id, source.name + ' (' + source.type + ')');
  option(s, NEW_SOURCE, 'New connection…');
  s.value = select && data.sources.some((x) => x.id === select) ? select : NEW_SOURCE;
  await sourceChanged();
}

async function sourceChanged() {
  const id = $('source-select').value;
  $('connection-form').hidden = id !== NEW_SOURCE;
  clearTables();
  if (id !== NEW_SOURCE) await loadTables(id);
}

function sourceConfig() {
  const connection = {};
  const fields = { host: 'host', database: 'database', username: 'username', password: 'password', jdbcUrl: 'jdbc-url' };
  for (const [key, id] of Object.entries(fields)) {
    const v = $(id).value.trim();
    if (v) connection[key] = key === 'password' ? $(id).value : v;
  }
  if ($('port').value) connection.port = Number($('port').value);
  return { type: $('type').value, connection };
}

async function testConnection() {
  const result = $('connection-result');
  show(result, 'Testing…');
  $('test-connection').disabled = true;
  try {
    const config = sourceConfig();
    const test = await api('POST', 'api/test-connection/database', config);
    if (!test.success) {
      show(result, '✗ ' + test.message, false);
      return;
    }
    const saved = await api('POST', 'api/sources', config);
    $('password').value = '';
    show(result, '✓ ' + test.message + ' — saved as “' + saved.name + '”', true);
    await loadSources(saved.id);
  } catch (e) {
    show(result, '✗ ' + e.message, false);
  } finally {
    $('test-connection').disabled = false;
  }
}

function clearTables() {
  const t = $('table-select');
  t.textContent = '';
  option(t, '', '(choose a source first)');
  t.disabled = true;
  $('schema-table').hidden = true;
  $('run-button').disabled = true;
  show($('table-message'), '');
  schema = null;
}

async function loadTables(sourceId) {
  const t = $('table-select');
  try {
    const data = await api('GET', 'api/database/tables?source_id=' + encodeURIComponent(sourceId));
    t.textContent = '';
    option(t, '', data.tables.length + ' tables: choose one');
    for (const table of data.tables) option(t, table.qualified_name, table.qualified_name + (table.kind === 'view' ? ' (view)' : ''));
    t.disabled = false;
  } catch (e) {
    show($('table-message'), '✗ ' + e.message, false);
  }
}

async function loadSchema() {
  const table = $('table-select').value;
  const body = $('schema-table').querySelector('tbody');
  body.textContent = '';
  $('run-button').disabled = true;
  schema = null;
  if (!table) return;
  try {
    schema = await api('GET', 'api/database/schema?source_id=' + encodeURIComponent($('source-select').value)
      + '&table=' + encodeURIComponent(table));
    const delta = $('delta-column');
    delta.textContent = '';
    for (const c of schema.columns) {
      const row = document.createElement('tr');
      cell(row, c.name);
      cell(row, c.source_type);
      cell(row, c.arrow_type || 'unsupported: ' + c.unsupported_reason);
      cell(row, c.nullable ? 'yes' : 'no');
      cell(row, c.key ? 'key' : '');
      body.appendChild(row);
      option(delta, c.name, c.name);
    }
    $('schema-table').hidden = false;
    show($('table-message'), schema.columns.length + ' columns' + (schema.primary_key.length ? ', key ' + schema.primary_key.join(', ') : ''));
    $('bronze-table').value = 'bronze_' + table.split('.').pop().toLowerCase().replace(/[^a-z0-9_.-]/g, '_');
    $('run-button').disabled = false;
  } catch (e) {
    show($('table-message'), '✗ ' + e.message, false);
  }
}

function storage() {
  if ($('dest-local').checked) {
    const path = $('local-path').value.trim();
    return path ? { type: 'local', path } : undefined;
  }
  const s3 = { type: 's3', endpoint: $('s3-endpoint').value.trim(), bucket: $('s3-bucket').value.trim(),
    accessKey: $('s3-access-key').value.trim(), secretKey: $('s3-secret-key').value };
  if ($('s3-region').value.trim()) s3.region = $('s3-region').value.trim();
  return s3;
}

async function runLoad() {
  const bronze = $('bronze-table').value.trim();
  const databaseConfig = { tableName: $('table-select').value };
  if ($('incremental').checked) {
    databaseConfig.isIncremental = true;
    databaseConfig.deltaColumn = $('delta-column').value;
  }
  const destination = { bronzeConfig: { tableName: bronze } };
  const st = storage();
  if (st) destination.storage = st;
  const job = { job_id: bronze || 'job', source_config: { source_id: $('source-select').value, databaseConfig },
    destination_config: destination };
  $('run-result').hidden = true;
  $('run-progress').hidden = true;
  try {
    const run = await api('POST', 'api/jobs', job);
    $('run-button').disabled = true;
    $('cancel-button').hidden = false;
    $('cancel-button').dataset.run = run.id;
    render(run);
    polling = setInterval(() => poll(run.id), 400);
  } catch (e) {
    show($('run-status'), '✗ ' + e.message, false);
  }
}

async function poll(id) {
  try {
    const run = await api('GET', 'api/jobs/' + id);
    render(run);
    if (!['queued', 'running', 'cancelling'].includes(run.status)) {
      clearInterval(polling);
      $('run-button').disabled = false;
      $('cancel-button').hidden = true;
      await loadRuns();
    }
  } catch (e) {
    clearInterval(polling);
    show($('run-status'), '✗ ' + e.message, false);
  }
}

function render(run) {
  const p = run.progress;
  const bar = $('run-progress');
  if (p && p.percent !== null) {
    bar.hidden = false;
    bar.value = p.percent;
  }
  let text = run.id + ': ' + run.status;
  if (p) text += ' — ' + p.rows.toLocaleString('en') + ' rows, ' + p.rows_per_second.toLocaleString('en') + ' rows/s'
    + (p.percent === null ? '' : ', ' + p.percent + '%');
  const failed = run.status === 'failed' || run.status === 'cancelled';
  const done = run.status === 'success' || run.status === 'no_new_data';
  show($('run-status'), text + (run.error ? '\n' + run.error.message : ''), done ? true : failed ? false : undefined);
  if (run.result) {
    const r = run.result;
    const dl = $('run-result');
    dl.textContent = '';
    const item = (k, v, id) => {
      const dt = document.createElement('dt');
      dt.textContent = k;
      const dd = document.createElement('dd');
      dd.textContent = v === null || v === undefined ? '—' : String(v);
      if (id) dd.id = id;
      dl.append(dt, dd);
    };
    item('Status', r.status, 'result-status');
    item('Rows', r.records_processed, 'result-rows');
    item('File', r.bronze_file_path, 'result-file');
    item('Size', r.file_size_bytes + ' bytes');
    item('Watermark', r.watermark_after ? r.watermark_after.value + ' (' + r.watermark_after.type + ')' : null, 'result-watermark');
    item('Batch', r.batch_id);
    item('Time', r.timings.total_ms + ' ms');
    item('Message', r.message);
    dl.hidden = false;
    if (done) bar.value = 100;
  }
}

async function cancelRun() {
  try {
    render(await api('POST', 'api/jobs/' + $('cancel-button').dataset.run + '/cancel'));
  } catch (e) {
    show($('run-status'), '✗ ' + e.message, false);
  }
}

async function loadRuns() {
  const data = await api('GET', 'api/jobs?limit=20');
  const body = $('runs-table').querySelector('tbody');
  body.textContent = '';
  for (const run of data.runs) {
    const row = document.createElement('tr');
    cell(row, run.id);
    cell(row, run.source.table);
    cell(row, run.bronze_table);
    cell(row, run.status);
    cell(row, run.result ? run.result.records_processed : run.progress ? run.progress.rows : '');
    cell(row, new Date(run.submitted_at).toLocaleString());
    body.appendChild(row);
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('source-select').addEventListener('change', sourceChanged);
  $('type').addEventListener('change', () => { $('port').value = DEFAULT_PORTS[$('type').value] || ''; });
  $('test-connection').addEventListener('click', testConnection);
  $('table-select').addEventListener('change', loadSchema);
  $('incremental').addEventListener('change', () => { $('delta-column').disabled = !$('incremental').checked; });
  for (const id of ['dest-local', 'dest-s3']) {
    $(id).addEventListener('change', () => {
      $('local-fields').hidden = !$('dest-local').checked;
      $('s3-fields').hidden = $('dest-local').checked;
    });
  }
  $('run-button').addEventListener('click', runLoad);
  $('cancel-button').addEventListener('click', cancelRun);
  $('token-save').addEventListener('click', () => {
    token = $('token').value;
    sessionStorage.setItem('flowforge-token', token);
    $('auth').hidden = true;
    start();
  });
  start();
});
