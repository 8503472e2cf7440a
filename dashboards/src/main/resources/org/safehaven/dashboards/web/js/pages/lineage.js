// A case's lineage: the chain for one report or one person (report, case statuses, PNC queries,
// disclosures, alerts) on a timeline, each delay since the report marked, and the same chain as a table.

import {el, byId, clear, append, table, link, tag} from '../lib/dom.js';
import {requireSession} from '../lib/session.js';
import {startPage, showError, clearError} from '../lib/layout.js';
import {getJson} from '../lib/api.js';
import {forceName, humanise, ruleName, recipientName, severityColour, dateTime, delay, shortDelay, phaseName}
  from '../lib/format.js';
import {lineageRows, LANES} from '../lib/aggregate.js';
import {timeline} from '../lib/charts.js';

const REPORT_ID = /^[\x21-\x7E]{1,128}$/;
const PERSON_REF = /^ph_[0-9a-f]{64}$/;
const LANE_LABELS = {REPORT: 'Report', CASE_STATUS: 'Case status', PNC_QUERY: 'PNC query', DISCLOSURE: 'Disclosure',
  ALERT: 'Alert'};

const session = await requireSession();
if (startPage(session, 'lineage')) {
  const form = byId('lineage-form');
  const input = byId('lineage-id');
  const q = new URLSearchParams(location.search);
  const initial = q.get('person') || q.get('report');
  if (initial) {
    input.value = initial;
    show(initial);
  }
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    show(input.value.trim(), true);
  });
}

function fieldError(message) {
  const group = byId('lineage-group');
  const err = byId('lineage-error');
  const input = byId('lineage-id');
  if (message) {
    group.classList.add('govuk-form-group--error');
    input.classList.add('govuk-input--error');
    clear(err).append(el('span', {class: 'govuk-visually-hidden'}, 'Error:'), ' ' + message);
    err.hidden = false;
    input.setAttribute('aria-describedby', 'lineage-hint lineage-error');
    showError(message);
  } else {
    group.classList.remove('govuk-form-group--error');
    input.classList.remove('govuk-input--error');
    err.hidden = true;
    input.setAttribute('aria-describedby', 'lineage-hint');
    clearError();
  }
}

async function show(id, push) {
  fieldError(null);
  const result = byId('lineage-result');
  clear(result);
  delete result.dataset.loaded;
  if (!id) {
    fieldError('Enter a report ID or a person reference');
    return;
  }
  const person = id.startsWith('ph_');
  if (person && !PERSON_REF.test(id)) {
    fieldError('A person reference is ph_ followed by 64 lowercase letters a to f and digits');
    return;
  }
  if (!person && !REPORT_ID.test(id)) {
    fieldError('A report ID is 1 to 128 letters, digits and punctuation, without spaces');
    return;
  }
  if (push) {
    history.replaceState(null, '', location.pathname + '?' + new URLSearchParams({[person ? 'person' : 'report']: id}));
  }
  result.setAttribute('aria-busy', 'true');
  try {
    const chain = await getJson(person ? '/api/v1/lineage/person/' + encodeURIComponent(id)
      : '/api/v1/lineage/' + encodeURIComponent(id));
    render(result, chain, person);
    result.dataset.loaded = 'true';
  } catch (e) {
    if (e.status === 404) {
      append(result, [el('h2', {class: 'govuk-heading-m'}, 'No lineage found'),
        el('p', {class: 'govuk-body', id: 'lineage-not-found'}, person
          ? 'No lineage was found for this person.' : 'No lineage was found for this report.'),
        session.role === 'FORCE' ? el('p', {class: 'govuk-body'},
          'Your token shows ' + forceName(session.force) + '\'s records only.') : null]);
      result.dataset.loaded = 'not-found';
    } else {
      showError(e.message);
      result.dataset.loaded = 'failed';
    }
  } finally {
    result.setAttribute('aria-busy', 'false');
  }
}

function pointLabel(e) {
  switch (e.kind) {
    case 'REPORT': return e.reportId;
    case 'CASE_STATUS': return humanise(e.status);
    case 'PNC_QUERY': return humanise(e.pncReason);
    case 'DISCLOSURE': return recipientName(e.recipient);
    case 'ALERT': return ruleName(e.rule);
    default: return e.kind;
  }
}

function colour(e) {
  switch (e.kind) {
    case 'REPORT': return '#0b0c0c';
    case 'CASE_STATUS': return '#505a5f';
    case 'PNC_QUERY': return e.pncReason === 'IMMIGRATION_STATUS' ? '#4c2c92' : '#1d70b8';
    case 'DISCLOSURE': return e.immigrationRecipient ? '#d4351c' : '#1d70b8';
    case 'ALERT': return '#f47738';
    default: return '#505a5f';
  }
}

const SYMBOLS = {REPORT: 'rect', CASE_STATUS: 'diamond', PNC_QUERY: 'circle', DISCLOSURE: 'triangle', ALERT: 'pin'};

function details(e) {
  switch (e.kind) {
    case 'REPORT': {
      const roles = {};
      (e.persons || []).forEach(p => { roles[p.role] = (roles[p.role] || 0) + 1; });
      return humanise(e.offence) + ' reported; ' + Object.entries(roles)
        .map(([r, n]) => n + ' ' + humanise(r).toLowerCase() + (n > 1 ? 's' : '')).join(', ');
    }
    case 'CASE_STATUS': return 'Case ' + humanise(e.status).toLowerCase();
    case 'PNC_QUERY': return 'PNC query, reason ' + humanise(e.pncReason).toLowerCase()
      + (e.protected ? '; the person held a protected role' : '');
    case 'DISCLOSURE': return 'Disclosed to ' + recipientName(e.recipient) + ' by ' + humanise(e.channel)
      + (e.purpose ? ' for ' + humanise(e.purpose).toLowerCase() : '')
      + (e.protected ? '; the person held a protected role' : '');
    case 'ALERT': return el('span', {}, tag(humanise(e.severity), severityColour(e.severity)), ' ', ruleName(e.rule),
      e.phase ? ' (' + phaseName(e.phase).toLowerCase() + ')' : '');
    default: return '';
  }
}

function render(host, chain, person) {
  const rows = lineageRows(chain.entries);
  const reports = chain.entries.filter(e => e.kind === 'REPORT');
  const title = person ? 'Lineage of person ' + chain.personRef.slice(0, 10) + '…' : 'Lineage of report ' + chain.reportId;
  const flows = rows.filter(r => r.kind === 'PNC_QUERY' || r.kind === 'DISCLOSURE');
  const alerts = rows.filter(r => r.kind === 'ALERT');
  const summary = el('dl', {class: 'govuk-summary-list', id: 'lineage-summary'},
    summaryRow(person ? 'Person reference' : 'Report', person ? el('span', {class: 'sh-mono'}, chain.personRef) : chain.reportId),
    reports.length ? summaryRow(reports.length > 1 ? 'Reports' : 'Reported', reports.map(r =>
      r.reportId + ' (' + forceName(r.force) + ', ' + humanise(r.offence).toLowerCase() + ', ' + dateTime(r.reportedAt) + ')').join('; ')) : null,
    summaryRow('PNC queries and disclosures', String(flows.length)),
    summaryRow('Alerts', alerts.length ? alerts.map(a => ruleName(a.entry.rule)).join(', ') : 'None'),
    chain.truncated ? summaryRow('Note', 'The chain is long; only its first 1,000 entries of each kind are shown.') : null);

  const lanes = LANES.map(k => ({key: k, label: LANE_LABELS[k]}));
  const points = rows.map(r => ({lane: LANES.indexOf(r.kind), time: r.time, label: pointLabel(r.entry),
    colour: colour(r.entry), symbol: SYMBOLS[r.kind]})).filter(p => p.lane >= 0 && Number.isFinite(p.time));
  const delays = rows.filter(r => r.delayHours !== null && r.kind !== 'CASE_STATUS' && r.kind !== 'REPORT')
    .map(r => ({lane: LANES.indexOf(r.kind), from: r.time - r.delayHours * 3600000, to: r.time,
      label: shortDelay(r.delayHours)}));
  const chart = el('div', {class: 'sh-chart sh-chart--timeline', id: 'lineage-chart'});
  const described = delays.length ? ' Delays since the report: ' + rows.filter(r => r.delayHours !== null
    && r.kind !== 'CASE_STATUS' && r.kind !== 'REPORT').map(r => LANE_LABELS[r.kind].toLowerCase() + ' ' + delay(r.delayHours)).join(', ') + '.' : '';

  const tableRows = rows.map(r => {
    const e = r.entry;
    const who = e.personRef && !person ? link('/lineage.html?person=' + encodeURIComponent(e.personRef),
      e.personRef.slice(0, 10) + '…', {'aria-label': 'Lineage of person ' + e.personRef.slice(0, 10)}) : '';
    const tr = [el('time', {datetime: e.time}, dateTime(e.time)), LANE_LABELS[r.kind] || r.kind, forceName(e.force),
      details(e), who,
      {text: r.delayHours !== null && r.kind !== 'REPORT' ? delay(r.delayHours) : '', numeric: true,
        className: r.delayHours !== null && r.kind !== 'REPORT' ? 'sh-delay' : ''}];
    return tr;
  });

  host.append(
    el('h2', {class: 'govuk-heading-m', id: 'lineage-title'}, title),
    summary,
    el('h3', {class: 'govuk-heading-s'}, 'Timeline'),
    chart,
    el('h3', {class: 'govuk-heading-s'}, 'The chain, in order'),
    table({caption: 'Events of the chain, oldest first, with the delay of each since the report', id: 'lineage-table',
      columns: [{label: 'When (UTC)'}, {label: 'Event'}, {label: 'Force'}, {label: 'Details'}, {label: 'Person'},
        {label: 'Delay since report', numeric: true}], rows: tableRows}));
  // Rows carry their kind for the page's readers and tests.
  host.querySelectorAll('#lineage-table tbody tr').forEach((tr, i) => { tr.dataset.kind = rows[i].kind; });
  if (points.length) {
    timeline(chart, {lanes, points, delays, description: 'Timeline of ' + points.length + ' events: '
      + rows.map(r => LANE_LABELS[r.kind]).join(', ') + '.' + described});
  }
}

function summaryRow(key, value) {
  return el('div', {class: 'govuk-summary-list__row'},
    el('dt', {class: 'govuk-summary-list__key'}, key),
    el('dd', {class: 'govuk-summary-list__value'}, value));
}
