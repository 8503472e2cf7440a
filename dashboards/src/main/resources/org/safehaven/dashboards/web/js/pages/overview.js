// The national overview for oversight: alerts by rule over time, disclosures to immigration recipients per
// force, forces ranked by breach alerts, the delayed-sharing delay distribution and the latest alerts, for
// a chosen period, updated live as alerts are raised.

import {el, byId, clear, table, dataDetails, link} from '../lib/dom.js';
import {requireSession} from '../lib/session.js';
import {startPage, showError, clearError, liveStatus} from '../lib/layout.js';
import {getJson, getAllPages, getMetrics} from '../lib/api.js';
import {periodForm, apiRange} from '../lib/period.js';
import {forcesByBreaches, addAlertToRanking, immigrationFlowsPerForce} from '../lib/aggregate.js';
import {RULES, IMMIGRATION_RECIPIENTS, ruleName, recipientName, forceName, number, delay, countValue} from '../lib/format.js';
import {stackedBars, RULE_COLOURS, RECIPIENT_COLOURS} from '../lib/charts.js';
import {figures, load, alertsOverTimePanel, delaysPanel, latestAlertsPanel, inPeriod, reloadAfterCorrections}
  from '../lib/panels.js';
import {followAlerts} from '../lib/stream.js';
import {alertSentence, correctionSentence, removalSentence} from '../lib/alerts-view.js';

const TOP = 15;
// A period change starts a new view; answers that arrive for an older one are dropped.
let generation = 0;

const session = await requireSession();
if (startPage(session, 'overview')) {
  let view = null;
  const {form, period} = periodForm({presets: ['7d', '30d', '90d', '12m'], defaultKey: '30d', onChange: p => show(p)});
  byId('period-host').append(form);
  show(period);

  let liveCount = 0;
  const reload = reloadAfterCorrections(() => view && show(view.period));
  followAlerts({
    onAlert: (alert, previous) => {
      if (!view) return;
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
    view = overview(p);
  }
}

function overview(period) {
  const gen = ++generation;
  const stale = () => gen !== generation;
  const range = apiRange(period);
  const live = {total: 0, latest: null, overTime: null, ranking: null, renderRanking: null};
  const setFigure = figures(byId('figures'), [
    {key: 'alerts', label: 'breach alerts, ' + period.label, value: '…'},
    {key: 'disclosures', label: 'disclosures to immigration recipients', value: '…'},
    {key: 'checks', label: 'PNC immigration-status checks', value: '…'},
    {key: 'median-delay', label: 'median delay of delayed sharing', value: '…'},
  ]);

  load(byId('panel-latest'), byId('latest'), async () => {
    const r = await getJson('/api/v1/alerts', {...range, size: 10});
    if (stale()) return;
    live.total = r.total;
    setFigure.alerts(number(r.total));
    live.latest = latestAlertsPanel({host: byId('latest'), alerts: r.items, caption: 'The 10 most recent alerts'});
  });

  const metrics = getMetrics(period);
  load(byId('panel-alerts-time'), byId('chart-alerts-time'), async () => {
    const m = await metrics;
    if (stale()) return;
    live.overTime = alertsOverTimePanel({chartHost: byId('chart-alerts-time'), dataHost: byId('data-alerts-time'),
      metrics: m, period, scopeText: 'across England and Wales'});
  });
  load(byId('panel-ranking'), byId('chart-ranking'), async () => {
    const m = await metrics;
    if (stale()) return;
    live.ranking = forcesByBreaches(m);
    live.renderRanking = () => ranking(live.ranking);
    live.renderRanking();
  });

  load(byId('panel-flows'), byId('chart-flows'), async () => {
    const [byRecipient, byForce] = await Promise.all([
      getJson('/api/v1/flows', {...range, groupBy: 'force,recipient', recipient: IMMIGRATION_RECIPIENTS}),
      getJson('/api/v1/flows', {...range, groupBy: 'force'}),
    ]);
    if (stale()) return;
    const forces = immigrationFlowsPerForce(byRecipient.groups);
    const checks = new Map(byForce.groups.map(g => [g.force, countValue(g.pncImmigrationChecks) || 0]));
    setFigure.disclosures(number(forces.reduce((n, f) => n + f.total, 0)));
    setFigure.checks(number([...checks.values()].reduce((a, b) => a + b, 0)));
    flows(forces, checks);
  });

  load(byId('panel-delays'), byId('chart-delays'), async () => {
    const [alerts, groups] = await Promise.all([
      getAllPages('/api/v1/alerts', {...range, rule: 'DELAYED_SHARING'}, {limit: 5000}),
      getJson('/api/v1/delays', {...range, groupBy: 'phase'}),
    ]);
    if (stale()) return;
    const med = delaysPanel({chartHost: byId('chart-delays'), dataHost: byId('data-delays'), alerts: alerts.items,
      total: alerts.total, delayGroups: groups.groups, scopeText: 'across England and Wales'});
    setFigure['median-delay'](med === null ? 'none' : delay(med));
  });

  return {
    period,
    add(alert) {
      live.total += 1;
      setFigure.alerts(number(live.total));
      if (live.latest) live.latest.add(alert);
      if (live.overTime) live.overTime.add(alert);
      if (live.ranking) {
        live.ranking = addAlertToRanking(live.ranking, alert);
        live.renderRanking();
      }
    },
    correct(alert) {
      if (live.latest && inPeriod(alert, period)) live.latest.add(alert);
    },
    remove(alertId) {
      if (live.latest) live.latest.remove(alertId);
    },
  };
}

function flows(forces, checks) {
  const top = forces.slice(0, TOP);
  stackedBars(byId('chart-flows'), {
    categories: top.map(f => forceName(f.force)),
    series: IMMIGRATION_RECIPIENTS.map(r => ({name: recipientName(r), data: top.map(f => f[r]), colour: RECIPIENT_COLOURS[r]})),
    horizontal: true,
    valueName: 'Disclosures',
    description: 'Horizontal stacked bar chart: disclosures to immigration recipients by force, the ' + top.length
      + ' forces with most first. ' + top.slice(0, 5).map(f => forceName(f.force) + ' ' + number(f.total)).join(', ') + '.',
  });
  const all = new Set([...forces.map(f => f.force), ...[...checks.keys()].filter(k => checks.get(k) > 0)]);
  const rows = [...all].map(slug => {
    const f = forces.find(x => x.force === slug) || {total: 0};
    return {slug, f};
  }).sort((a, b) => b.f.total - a.f.total || a.slug.localeCompare(b.slug)).map(({slug, f}) => [
    link('/force.html?force=' + encodeURIComponent(slug), forceName(slug)),
    ...IMMIGRATION_RECIPIENTS.map(r => ({text: number(f[r] || 0), numeric: true})),
    {text: number(f.total), numeric: true},
    {text: number(checks.get(slug) || 0), numeric: true},
  ]);
  clear(byId('data-flows')).append(dataDetails('Show all forces as a table', rows.length
    ? table({caption: 'Disclosures to immigration recipients and PNC immigration-status checks, by force',
      id: 'table-flows',
      columns: [{label: 'Force'}, ...IMMIGRATION_RECIPIENTS.map(r => ({label: recipientName(r), numeric: true})),
        {label: 'All immigration recipients', numeric: true}, {label: 'PNC immigration checks', numeric: true}], rows})
    : el('p', {class: 'govuk-body'}, 'No disclosures to immigration recipients in this period.')));
}

function ranking(ranked) {
  const top = ranked.slice(0, TOP);
  stackedBars(byId('chart-ranking'), {
    categories: top.map(f => forceName(f.force)),
    series: RULES.map(r => ({name: ruleName(r), data: top.map(f => f.byRule[r]), colour: RULE_COLOURS[r]})),
    horizontal: true,
    valueName: 'Alerts',
    description: 'Horizontal stacked bar chart: forces ranked by breach alerts, most first. '
      + top.slice(0, 5).map((f, i) => (i + 1) + '. ' + forceName(f.force) + ' ' + number(f.total)).join(', ') + '.',
  });
  const rows = ranked.map((f, i) => [{text: String(i + 1), numeric: true},
    link('/force.html?force=' + encodeURIComponent(f.force), forceName(f.force)),
    ...RULES.map(r => ({text: number(f.byRule[r]), numeric: true})),
    {text: number(f.total), numeric: true}]);
  clear(byId('data-ranking')).append(rows.length
    ? dataDetails('Show the ranking as a table', table({caption: 'Forces ranked by breach alerts', id: 'table-ranking',
      columns: [{label: 'Rank', numeric: true}, {label: 'Force'}, ...RULES.map(r => ({label: ruleName(r), numeric: true})),
        {label: 'Total', numeric: true}], rows}))
    : el('p', {class: 'govuk-body'}, 'No breach alerts in this period.'));
}
