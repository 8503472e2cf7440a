// Panels the overview and the force page share: headline figures, alerts by rule over time, the delay
// distribution and the latest alerts, each able to take live alerts.

import {el, clear, append, table, dataDetails} from './dom.js';
import {RULES, ruleName, number, delay, phaseName, countValue, isSuppressed} from './format.js';
import {timeBuckets, alertsOverTime, addAlertToSeries, delayHistogram, DELAY_BANDS, median} from './aggregate.js';
import {daysOf} from './period.js';
import {stackedBars, RULE_COLOURS} from './charts.js';
import {panelMessage} from './layout.js';
import {alertsTable, upsertAlert, removeAlert} from './alerts-view.js';
import {whenIndexed} from './api.js';

/** Marks a panel as loaded (or failed); screen readers hear aria-busy, tests wait for data-loaded. */
export function done(panel, ok = true) {
  panel.setAttribute('aria-busy', 'false');
  panel.dataset.loaded = ok ? 'true' : 'failed';
}

export function busy(panel) {
  panel.setAttribute('aria-busy', 'true');
  delete panel.dataset.loaded;
}

/** Runs a panel's loader; a failure shows the API's message in the panel instead of the whole page failing. */
export async function load(panel, messageHost, fn) {
  busy(panel);
  try {
    await fn();
    done(panel, true);
  } catch (e) {
    panelMessage(messageHost, e.message || 'This panel could not be loaded.');
    done(panel, false);
  }
}

/** Headline figures: [{key, label, value}] into a grid of cards; returns setters by key. */
export function figures(host, items) {
  clear(host);
  const setters = {};
  for (const f of items) {
    const value = el('span', {class: 'sh-figure__value', id: 'figure-' + f.key}, f.value);
    host.append(el('div', {class: 'sh-figure'}, value, el('span', {class: 'sh-figure__label'}, f.label)));
    setters[f.key] = v => { value.textContent = v; };
  }
  host.setAttribute('aria-busy', 'false');
  host.dataset.loaded = 'true';
  return setters;
}

/**
 * Alerts by rule over time from daily metrics; returns {add(alert)} to count a live alert in.
 */
export function alertsOverTimePanel({chartHost, dataHost, metrics, period, scopeText}) {
  const buckets = timeBuckets(daysOf(period));
  const series = alertsOverTime(metrics, buckets);
  const render = () => {
    const total = RULES.reduce((n, r) => n + series[r].reduce((a, b) => a + b, 0), 0);
    const description = 'Stacked bar chart of ' + number(total) + ' alerts ' + scopeText + ' per ' + buckets.unit
      + ', ' + period.label + ', by rule: ' + RULES.map(r => ruleName(r) + ' ' + number(series[r].reduce((a, b) => a + b, 0))).join(', ') + '.';
    stackedBars(chartHost, {
      categories: buckets.labels,
      series: RULES.map(r => ({name: ruleName(r), data: series[r], colour: RULE_COLOURS[r]})),
      description,
      valueName: 'Alerts',
    });
    const rows = buckets.labels.map((label, i) => [label, ...RULES.map(r => ({text: number(series[r][i]), numeric: true})),
      {text: number(RULES.reduce((n, r) => n + series[r][i], 0)), numeric: true}])
      .filter(r => r.slice(1).some(c => c.text !== '0'));
    clear(dataHost).append(dataDetails('Show the data as a table',
      rows.length ? table({caption: 'Alerts by rule per ' + buckets.unit, id: 'table-alerts-time',
        columns: [{label: buckets.unit === 'day' ? 'Day' : buckets.unit === 'week' ? 'Week' : 'Month'},
          ...RULES.map(r => ({label: ruleName(r), numeric: true})), {label: 'Total', numeric: true}], rows})
        : el('p', {class: 'govuk-body'}, 'No alerts in this period.')));
    return total;
  };
  render();
  return {
    add(alert) {
      if (addAlertToSeries(series, buckets, alert)) render();
    },
  };
}

/**
 * The delayed-sharing delays: a histogram by band and phase from the DELAYED_SHARING alerts fetched
 * (oversight and forces see alerts), plus the API's percentiles per phase.
 */
export function delaysPanel({chartHost, dataHost, alerts, total, delayGroups, scopeText}) {
  const hist = delayHistogram(alerts);
  const phases = ['WHILE_CASE_OPEN', 'AFTER_CASE_CLOSED'];
  const n = alerts.length;
  stackedBars(chartHost, {
    categories: DELAY_BANDS.map(b => b.label),
    series: [
      {name: phaseName('WHILE_CASE_OPEN'), data: hist.WHILE_CASE_OPEN, colour: '#d4351c'},
      {name: phaseName('AFTER_CASE_CLOSED'), data: hist.AFTER_CASE_CLOSED, colour: '#1d70b8'},
    ],
    description: 'Bar chart of the delays of ' + number(n) + ' delayed-sharing disclosures ' + scopeText
      + ', by band of delay since the report and by whether the case was still open.',
    valueName: 'Disclosures',
  });
  const percentileRows = phases.map(p => {
    const g = (delayGroups || []).find(x => x.phase === p);
    if (!g) return [phaseName(p), {text: '0', numeric: true}, '', '', ''];
    const count = isSuppressed(g.count) ? '[c]' : number(countValue(g.count));
    return [phaseName(p), {text: count, numeric: true}, {text: delay(g.p50Hours), numeric: true},
      {text: delay(g.p90Hours), numeric: true}, {text: delay(g.maxHours), numeric: true}];
  });
  const histRows = DELAY_BANDS.map((b, i) => [b.label, {text: number(hist.WHILE_CASE_OPEN[i]), numeric: true},
    {text: number(hist.AFTER_CASE_CLOSED[i]), numeric: true}]);
  append(clear(dataHost), [
    table({caption: 'Delay since the report, by phase', id: 'table-delay-percentiles',
      columns: [{label: 'Phase'}, {label: 'Disclosures', numeric: true}, {label: 'Median', numeric: true},
        {label: '90th percentile', numeric: true}, {label: 'Longest', numeric: true}], rows: percentileRows}),
    total > n ? el('p', {class: 'govuk-body-s'}, 'The chart shows the ' + number(n) + ' most recent of '
      + number(total) + ' delayed-sharing alerts; the table above covers all of them.') : null,
    dataDetails('Show the chart data as a table', table({caption: 'Delayed-sharing disclosures by delay band',
      id: 'table-delay-bands',
      columns: [{label: 'Delay since report'}, {label: phaseName('WHILE_CASE_OPEN'), numeric: true},
        {label: phaseName('AFTER_CASE_CLOSED'), numeric: true}], rows: histRows}))]);
  return median(alerts.filter(a => a.delayHours !== null && a.delayHours !== undefined).map(a => Number(a.delayHours)));
}

/**
 * The latest alerts, newest first; returns {add(alert)} for live ones (a correction replaces its row) and
 * {remove(alertId)} for withdrawn ones.
 */
export function latestAlertsPanel({host, alerts, caption, max = 10}) {
  clear(host);
  if (!alerts.length) {
    host.append(el('p', {class: 'govuk-body sh-panel-message', id: 'latest-empty'}, 'No alerts in this period yet.'));
  }
  const wrap = alertsTable(alerts, caption);
  wrap.id = 'latest-table';
  host.append(wrap);
  return {
    add(alert) {
      const empty = document.getElementById('latest-empty');
      if (empty) empty.remove();
      upsertAlert(wrap, alert, max);
    },
    remove(alertId) {
      removeAlert(wrap, alertId);
    },
  };
}

/**
 * For pages that count alerts: a correction or a withdrawal can move an alert to another rule or out of every
 * count, and the page cannot tell from the stream alone what it counted before (the counts came from the API).
 * So it reloads its numbers from the API, once the index holds the new revision; corrections arriving together
 * cause one reload. Returns (alertId, revision) => void.
 */
export function reloadAfterCorrections(reload, settleMs = 300) {
  let timer = null;
  return (alertId, revision) => {
    whenIndexed(alertId, revision).then(() => {
      clearTimeout(timer);
      timer = setTimeout(reload, settleMs);
    });
  };
}

/** Whether a live alert belongs in the period shown. */
export function inPeriod(alert, period) {
  const t = Date.parse(alert.eventTime);
  return t >= period.from.getTime() && t < period.to.getTime();
}
