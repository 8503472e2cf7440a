// The time period a page shows: a preset (last 7 days ... last 5 years) or custom dates, read from and
// written to the page's URL so a view can be bookmarked and shared (it carries no data and no token).

import {el} from './dom.js';

const DAY = 24 * 3600 * 1000;
export const PRESETS = [
  {key: '7d', label: 'Last 7 days', days: 7},
  {key: '30d', label: 'Last 30 days', days: 30},
  {key: '90d', label: 'Last 90 days', days: 90},
  {key: '12m', label: 'Last 12 months', days: 365},
  {key: '3y', label: 'Last 3 years', days: 3 * 365},
  {key: '5y', label: 'Last 5 years', days: 5 * 365},
];

/** Today's end (next UTC midnight), so a period always includes the whole of today. */
export function endOfTodayUtc(now = new Date()) {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}

/**
 * {key, label, from: Date, to: Date}: `to` exclusive. Custom dates are inclusive days (to the end of the
 * 'to' day). Invalid input falls back to the default preset, with `invalid` set to say why.
 */
export function resolvePeriod(search, defaultKey = '30d', now = new Date()) {
  const q = new URLSearchParams(search);
  const from = q.get('from');
  const to = q.get('to');
  if (from || to) {
    const f = parseDay(from);
    const t = parseDay(to);
    if (f && t && f.getTime() <= t.getTime()) {
      const end = new Date(t.getTime() + DAY);
      return {key: 'custom', label: 'from ' + from + ' to ' + to, from: f, to: end, fromDay: from, toDay: to};
    }
    const p = resolvePeriod('?period=' + defaultKey, defaultKey, now);
    return {...p, invalid: 'Enter a start date and an end date as YYYY-MM-DD, the start no later than the end.'};
  }
  const preset = PRESETS.find(p => p.key === (q.get('period') || defaultKey)) || PRESETS.find(p => p.key === defaultKey);
  const end = endOfTodayUtc(now);
  return {key: preset.key, label: preset.label.toLowerCase(), from: new Date(end.getTime() - preset.days * DAY), to: end};
}

function parseDay(s) {
  if (!s || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return null;
  const d = new Date(s + 'T00:00:00Z');
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s ? null : d;
}

export function apiRange(period) {
  return {from: period.from.toISOString(), to: period.to.toISOString()};
}

/** The UTC days of a period, as 'YYYY-MM-DD'. */
export function daysOf(period) {
  const out = [];
  for (let t = period.from.getTime(); t < period.to.getTime(); t += DAY) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/**
 * The period form: a select of presets plus custom dates. `presets` limits the choices. On submit the
 * URL's query is updated (history, no reload) and onChange receives the new period.
 */
export function periodForm({id = 'period', presets = ['7d', '30d', '90d', '12m'], defaultKey = '30d', onChange,
  extra = () => ({})}) {
  const current = resolvePeriod(location.search, defaultKey);
  const select = el('select', {class: 'govuk-select', id: id + '-select', name: 'period'},
    PRESETS.filter(p => presets.includes(p.key)).map(p =>
      el('option', {value: p.key, selected: current.key === p.key}, p.label)),
    el('option', {value: 'custom', selected: current.key === 'custom'}, 'Custom dates'));
  const from = el('input', {class: 'govuk-input govuk-input--width-10', id: id + '-from', name: 'from', type: 'date',
    value: current.fromDay || ''});
  const to = el('input', {class: 'govuk-input govuk-input--width-10', id: id + '-to', name: 'to', type: 'date',
    value: current.toDay || ''});
  const custom = el('div', {class: 'sh-custom-dates', hidden: current.key !== 'custom'},
    el('div', {class: 'govuk-form-group sh-inline-group'},
      el('label', {class: 'govuk-label', for: id + '-from'}, 'From'), from),
    el('div', {class: 'govuk-form-group sh-inline-group'},
      el('label', {class: 'govuk-label', for: id + '-to'}, 'To (inclusive)'), to));
  select.addEventListener('change', () => {
    custom.hidden = select.value !== 'custom';
  });
  const form = el('form', {class: 'sh-period-form', id: id + '-form', novalidate: true},
    el('div', {class: 'govuk-form-group sh-inline-group'},
      el('label', {class: 'govuk-label', for: id + '-select'}, 'Period'), select),
    custom,
    el('button', {type: 'submit', class: 'govuk-button govuk-button--secondary sh-inline-button',
      'data-module': 'govuk-button'}, 'Show'));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    const q = new URLSearchParams(location.search);
    ['period', 'from', 'to'].forEach(k => q.delete(k));
    if (select.value === 'custom') {
      q.set('from', from.value);
      q.set('to', to.value);
    } else {
      q.set('period', select.value);
    }
    for (const [k, v] of Object.entries(extra())) {
      q.delete(k);
      (Array.isArray(v) ? v : [v]).filter(x => x).forEach(x => q.append(k, x));
    }
    history.replaceState(null, '', location.pathname + '?' + q.toString());
    onChange(resolvePeriod(location.search, defaultKey));
  });
  return {form, period: current};
}
