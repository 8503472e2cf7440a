// Researchers' page: historical aggregates only, never a person or a report. Flows grouped by the
// dimensions chosen and delays by phase, offence or force, with every count under 10 withheld by the API
// (shown as [c]), and the same answers as CSV files.

import {el, byId, clear, table} from '../lib/dom.js';
import {requireSession} from '../lib/session.js';
import {startPage, showError, clearError} from '../lib/layout.js';
import {getJson, downloadCsv} from '../lib/api.js';
import {periodForm, apiRange} from '../lib/period.js';
import {forceName, humanise, recipientName, phaseName, delay, number, countValue, isSuppressed} from '../lib/format.js';
import {load} from '../lib/panels.js';

const FLOW_DIMENSIONS = [
  {key: 'force', label: 'Force'},
  {key: 'month', label: 'Month'},
  {key: 'recipient', label: 'Recipient'},
  {key: 'channel', label: 'Channel'},
  {key: 'offence', label: 'Offence'},
];
const DELAY_DIMENSIONS = [
  {key: 'phase', label: 'Phase'},
  {key: 'offence', label: 'Offence'},
  {key: 'force', label: 'Force'},
];

const session = await requireSession();
if (startPage(session, 'research')) {
  const q = new URLSearchParams(location.search);
  const state = {
    flowsBy: dims(q.getAll('flowsBy'), FLOW_DIMENSIONS, ['force']),
    delaysBy: dims(q.getAll('delaysBy'), DELAY_DIMENSIONS, ['phase']),
    period: null,
  };
  const {form, period} = periodForm({presets: ['90d', '12m', '3y', '5y'], defaultKey: '12m',
    onChange: p => { state.period = p; refresh(); },
    extra: () => ({flowsBy: state.flowsBy, delaysBy: state.delaysBy})});
  state.period = period;
  byId('period-host').append(form);
  dimensionForm(byId('flows-form'), 'flowsBy', 'Group flows by', FLOW_DIMENSIONS, state.flowsBy, v => {
    state.flowsBy = v;
    remember(state);
    flows(state);
  });
  dimensionForm(byId('delays-form'), 'delaysBy', 'Group delays by', DELAY_DIMENSIONS, state.delaysBy, v => {
    state.delaysBy = v;
    remember(state);
    delays(state);
  });
  byId('flows-csv').addEventListener('click', () => download('/api/v1/flows',
    {...apiRange(state.period), groupBy: state.flowsBy.join(',')}, 'flows', state));
  byId('delays-csv').addEventListener('click', () => download('/api/v1/delays',
    {...apiRange(state.period), groupBy: state.delaysBy.join(',')}, 'delays', state));

  function refresh() {
    clearError();
    if (state.period.invalid) showError(state.period.invalid);
    flows(state);
    delays(state);
  }
  refresh();
}

function dims(values, allowed, dflt) {
  const keys = values.flatMap(v => v.split(',')).filter(v => allowed.some(d => d.key === v));
  return keys.length ? [...new Set(keys)] : dflt;
}

function remember(state) {
  const q = new URLSearchParams(location.search);
  q.delete('flowsBy');
  q.delete('delaysBy');
  state.flowsBy.forEach(d => q.append('flowsBy', d));
  state.delaysBy.forEach(d => q.append('delaysBy', d));
  history.replaceState(null, '', location.pathname + '?' + q);
}

function dimensionForm(form, name, legend, dimensions, checked, onChange) {
  clear(form).append(
    el('div', {class: 'govuk-form-group'},
      el('fieldset', {class: 'govuk-fieldset'},
        el('legend', {class: 'govuk-fieldset__legend govuk-fieldset__legend--s'}, legend),
        el('div', {class: 'govuk-checkboxes govuk-checkboxes--small', 'data-module': 'govuk-checkboxes'},
          dimensions.map(d => el('div', {class: 'govuk-checkboxes__item'},
            el('input', {class: 'govuk-checkboxes__input', id: name + '-' + d.key, name, type: 'checkbox', value: d.key,
              checked: checked.includes(d.key)}),
            el('label', {class: 'govuk-label govuk-checkboxes__label', for: name + '-' + d.key}, d.label)))))),
    el('button', {type: 'submit', class: 'govuk-button govuk-button--secondary sh-inline-button',
      'data-module': 'govuk-button'}, 'Group'));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    const v = [...form.querySelectorAll('input:checked')].map(i => i.value);
    onChange(v.length ? v : [dimensions[0].key]);
  });
}

function dimensionValue(key, value) {
  if (value === null || value === undefined) return key === 'recipient' ? 'None (PNC check)' : 'Not known';
  if (key === 'force') return forceName(value);
  if (key === 'recipient') return recipientName(value);
  if (key === 'month') return value;
  return humanise(value);
}

/** A count cell: the number, or [c] with its meaning for screen readers. */
function countCell(c) {
  if (isSuppressed(c)) {
    return {node: el('span', {}, el('span', {'aria-hidden': 'true'}, '[c]'),
      el('span', {class: 'govuk-visually-hidden'}, 'withheld, fewer than 10')), numeric: true, className: 'sh-suppressed'};
  }
  return {text: number(countValue(c)), numeric: true};
}

function hoursCell(h, withheld) {
  if (withheld) {
    return {node: el('span', {}, el('span', {'aria-hidden': 'true'}, '[c]'),
      el('span', {class: 'govuk-visually-hidden'}, 'withheld')), numeric: true, className: 'sh-suppressed'};
  }
  return {text: h === null || h === undefined ? '' : delay(h), numeric: true};
}

function flows(state) {
  const host = byId('flows-table');
  load(byId('panel-flows'), host, async () => {
    const r = await getJson('/api/v1/flows', {...apiRange(state.period), groupBy: state.flowsBy.join(',')});
    const suppressed = r.groups.reduce((n, g) => n + (isSuppressed(g.disclosures) ? 1 : 0)
      + (isSuppressed(g.pncImmigrationChecks) ? 1 : 0), 0);
    clear(host).append(
      el('p', {class: 'govuk-body', id: 'flows-summary'}, number(r.groups.length) + ' groups, ' + state.period.label
        + (suppressed ? '; ' + number(suppressed) + ' counts withheld' : '') + '.'),
      r.groups.length ? table({caption: 'Flows by ' + state.flowsBy.map(d => FLOW_DIMENSIONS.find(x => x.key === d).label
        .toLowerCase()).join(' and '), id: 'flows-data',
      columns: [...state.flowsBy.map(d => ({label: FLOW_DIMENSIONS.find(x => x.key === d).label})),
        {label: 'Disclosures', numeric: true}, {label: 'PNC immigration checks', numeric: true}],
      rows: r.groups.map(g => [...state.flowsBy.map(d => dimensionValue(d, g[d])), countCell(g.disclosures),
        countCell(g.pncImmigrationChecks)])}) : el('p', {class: 'govuk-body'}, 'No flows in this period.'));
  });
}

function delays(state) {
  const host = byId('delays-table');
  load(byId('panel-delays'), host, async () => {
    const r = await getJson('/api/v1/delays', {...apiRange(state.period), groupBy: state.delaysBy.join(',')});
    clear(host).append(r.groups.length ? table({caption: 'Delays since the report, by ' + state.delaysBy.map(d =>
      DELAY_DIMENSIONS.find(x => x.key === d).label.toLowerCase()).join(' and '), id: 'delays-data',
    columns: [...state.delaysBy.map(d => ({label: DELAY_DIMENSIONS.find(x => x.key === d).label})),
      {label: 'Disclosures', numeric: true}, {label: 'Median', numeric: true}, {label: '90th percentile', numeric: true},
      {label: 'Longest', numeric: true}],
    rows: r.groups.map(g => {
      const withheld = isSuppressed(g.count);
      return [...state.delaysBy.map(d => d === 'phase' ? phaseName(g[d]) : dimensionValue(d, g[d])), countCell(g.count),
        hoursCell(g.p50Hours, withheld), hoursCell(g.p90Hours, withheld), hoursCell(g.maxHours, withheld)];
    })}) : el('p', {class: 'govuk-body'}, 'No delayed sharing in this period.'));
  });
}

async function download(path, params, what, state) {
  const status = byId('download-status');
  const name = 'safehaven-' + what + '-' + state.period.from.toISOString().slice(0, 10) + '-to-'
    + new Date(state.period.to.getTime() - 1).toISOString().slice(0, 10) + '.csv';
  try {
    clearError();
    const text = await downloadCsv(path, params, name);
    status.textContent = 'Downloaded ' + name + ' (' + number(Math.max(0, text.trim().split('\n').length - 1)) + ' rows).';
    status.dataset.file = name;
  } catch (e) {
    showError(e.message);
  }
}

