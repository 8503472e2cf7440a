// A force's page: what a force's token sees (its own alerts and trends only), and what oversight sees when
// it drills down into one force. The API confines a FORCE token to its own force whatever the page asks;
// the page asks only for that force.

import {el, byId, clear, table, dataDetails, link} from '../lib/dom.js';
import {requireSession} from '../lib/session.js';
import {startPage, showError, clearError, liveStatus} from '../lib/layout.js';
import {getJson, getAllPages, getMetrics} from '../lib/api.js';
import {periodForm, apiRange} from '../lib/period.js';
import {FORCES, isForce, forceName, IMMIGRATION_RECIPIENTS, recipientName, number, delay, countValue} from '../lib/format.js';
import {stackedBars, RECIPIENT_COLOURS} from '../lib/charts.js';
import {figures, load, alertsOverTimePanel, delaysPanel, latestAlertsPanel, inPeriod, reloadAfterCorrections}
  from '../lib/panels.js';
import {followAlerts} from '../lib/stream.js';
import {alertSentence, correctionSentence, removalSentence} from '../lib/alerts-view.js';

let generation = 0;

const session = await requireSession();
if (startPage(session, 'force')) {
  const requested = new URLSearchParams(location.search).get('force');
  if (session.role === 'FORCE' && requested && requested !== session.force) {
    // The API would refuse too (403); say so plainly rather than show empty panels.
    title(requested);
    showError('Your token gives access to ' + forceName(session.force) + ' only.');
    byId('force-picker').append(el('p', {class: 'govuk-body'},
      link('/force.html', 'Go to ' + forceName(session.force))));
  } else if (session.role === 'FORCE') {
    start(session.force);
  } else if (requested && isForce(requested)) {
    start(requested);
  } else {
    if (requested) showError('Choose a force from the list.');
    picker();
  }
}

function title(slug) {
  byId('force-title').textContent = forceName(slug);
  byId('force-caption').textContent = session.role === 'FORCE' ? 'Your force' : 'Force';
  document.title = forceName(slug) + ' – Safe Haven';
}

function picker() {
  byId('force-title').textContent = 'Forces';
  const select = el('select', {class: 'govuk-select', id: 'force-select', name: 'force'},
    FORCES.map(f => el('option', {value: f}, forceName(f))));
  byId('force-picker').append(el('form', {method: 'get', action: '/force.html', class: 'sh-filters'},
    el('div', {class: 'govuk-form-group sh-inline-group'},
      el('label', {class: 'govuk-label', for: 'force-select'}, 'Force'), select),
    el('button', {type: 'submit', class: 'govuk-button sh-inline-button', 'data-module': 'govuk-button'}, 'Show force')));
}

function start(force) {
  title(force);
  byId('force-content').hidden = false;
  let view = null;
  const {form, period} = periodForm({presets: ['7d', '30d', '90d', '12m'], defaultKey: '30d',
    onChange: p => show(p), extra: () => (session.role === 'FORCE' ? {} : {force})});
  byId('period-host').append(form);
  show(period);

  let liveCount = 0;
  const reload = reloadAfterCorrections(() => view && show(view.period));
  followAlerts({
    params: session.role === 'FORCE' ? {} : {force},
    onAlert: (alert, previous) => {
      if (!view || alert.force !== force) return;
      if (previous !== null) {
        // A correction: its row is replaced now, the numbers are reloaded once the index has it.
        view.correct(alert);
        byId('live-count').textContent = correctionSentence(alert) + '.';
        reload(alert.alertId, alert.revision);
        return;
      }
      if (!inPeriod(alert, view.period)) return;
      liveCount += 1;
      byId('live-count').textContent = number(liveCount) + (liveCount === 1 ? ' new alert' : ' new alerts')
        + ' since this page opened. ' + alertSentence(alert) + '.';
      view.add(alert);
    },
    onRemove: removal => {
      if (!view) return;
      view.remove(removal.alertId);
      byId('live-count').textContent = removalSentence(removal);
      reload(removal.alertId, removal.revision);
    },
    onState: (state, message) => liveStatus(byId('live-status'), state, message),
    onGap: () => view && show(view.period),
  });

  function show(p) {
    clearError();
    if (p.invalid) showError(p.invalid);
    view = forceView(force, p);
  }
}

function forceView(force, period) {
  const gen = ++generation;
  const stale = () => gen !== generation;
  const range = apiRange(period);
  const scope = {force};
  const scopeText = 'in ' + forceName(force);
  const live = {total: 0, latest: null, overTime: null};
  const setFigure = figures(byId('figures'), [
    {key: 'alerts', label: 'breach alerts, ' + period.label, value: '…'},
    {key: 'disclosures', label: 'disclosures to immigration recipients', value: '…'},
    {key: 'checks', label: 'PNC immigration-status checks', value: '…'},
    {key: 'median-delay', label: 'median delay of delayed sharing', value: '…'},
  ]);

  load(byId('panel-latest'), byId('latest'), async () => {
    const r = await getJson('/api/v1/alerts', {...range, ...scope, size: 20});
    if (stale()) return;
    live.total = r.total;
    setFigure.alerts(number(r.total));
    live.latest = latestAlertsPanel({host: byId('latest'), alerts: r.items, max: 20,
      caption: 'The 20 most recent alerts of ' + forceName(force)});
  });

  load(byId('panel-alerts-time'), byId('chart-alerts-time'), async () => {
    const metrics = await getMetrics(period, scope);
    if (stale()) return;
    live.overTime = alertsOverTimePanel({chartHost: byId('chart-alerts-time'), dataHost: byId('data-alerts-time'),
      metrics, period, scopeText});
  });

  load(byId('panel-flows'), byId('chart-flows'), async () => {
    const [byMonth, totals] = await Promise.all([
      getJson('/api/v1/flows', {...range, ...scope, groupBy: 'month,recipient', recipient: IMMIGRATION_RECIPIENTS}),
      getJson('/api/v1/flows', {...range, ...scope, groupBy: 'force'}),
    ]);
    if (stale()) return;
    const months = [...new Set(byMonth.groups.map(g => g.month))].sort();
    const cell = (m, r) => countValue(byMonth.groups.find(g => g.month === m && g.recipient === r)?.disclosures) || 0;
    const disclosures = byMonth.groups.reduce((n, g) => n + (countValue(g.disclosures) || 0), 0);
    setFigure.disclosures(number(disclosures));
    setFigure.checks(number(totals.groups.reduce((n, g) => n + (countValue(g.pncImmigrationChecks) || 0), 0)));
    stackedBars(byId('chart-flows'), {
      categories: months,
      series: IMMIGRATION_RECIPIENTS.map(r => ({name: recipientName(r), data: months.map(m => cell(m, r)),
        colour: RECIPIENT_COLOURS[r]})),
      valueName: 'Disclosures',
      description: 'Stacked bar chart: ' + number(disclosures) + ' disclosures to immigration recipients ' + scopeText
        + ' by month and recipient.',
    });
    const rows = months.map(m => [m, ...IMMIGRATION_RECIPIENTS.map(r => ({text: number(cell(m, r)), numeric: true}))]);
    clear(byId('data-flows')).append(dataDetails('Show the data as a table', rows.length
      ? table({caption: 'Disclosures to immigration recipients by month', id: 'table-flows',
        columns: [{label: 'Month'}, ...IMMIGRATION_RECIPIENTS.map(r => ({label: recipientName(r), numeric: true}))], rows})
      : el('p', {class: 'govuk-body'}, 'No disclosures to immigration recipients in this period.')));
  });

  load(byId('panel-delays'), byId('chart-delays'), async () => {
    const [alerts, groups] = await Promise.all([
      getAllPages('/api/v1/alerts', {...range, ...scope, rule: 'DELAYED_SHARING'}, {limit: 5000}),
      getJson('/api/v1/delays', {...range, ...scope, groupBy: 'phase'}),
    ]);
    if (stale()) return;
    const med = delaysPanel({chartHost: byId('chart-delays'), dataHost: byId('data-delays'), alerts: alerts.items,
      total: alerts.total, delayGroups: groups.groups, scopeText});
    setFigure['median-delay'](med === null ? 'none' : delay(med));
  });

  return {
    period,
    add(alert) {
      live.total += 1;
      setFigure.alerts(number(live.total));
      if (live.latest) live.latest.add(alert);
      if (live.overTime) live.overTime.add(alert);
    },
    correct(alert) {
      if (live.latest && inPeriod(alert, period)) live.latest.add(alert);
    },
    remove(alertId) {
      if (live.latest) live.latest.remove(alertId);
    },
  };
}
