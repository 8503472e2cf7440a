// Pure functions from API answers to what the charts and tables show. No DOM, no fetch.

import {RULES, IMMIGRATION_RECIPIENTS, countValue} from './format.js';

const DAY = 24 * 3600 * 1000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Time buckets for a list of UTC days: days up to 92 of them, then weeks (7-day blocks from the first
 * day), then calendar months beyond two years. Returns {labels, keys, indexOf(day) → bucket index or -1}.
 */
export function timeBuckets(days) {
  const unit = days.length <= 92 ? 'day' : days.length <= 731 ? 'week' : 'month';
  const keys = [];
  const labels = [];
  const index = new Map();
  days.forEach((d, i) => {
    let key;
    if (unit === 'day') key = d;
    else if (unit === 'week') key = days[i - (i % 7)];
    else key = d.slice(0, 7);
    if (!index.has(key)) {
      index.set(key, keys.length);
      keys.push(key);
      labels.push(bucketLabel(unit, key));
    }
    index.set(d, index.get(key));
  });
  return {unit, keys, labels, indexOf: day => (index.has(day) ? index.get(day) : -1)};
}

function bucketLabel(unit, key) {
  const y = key.slice(0, 4);
  const m = MONTHS[Number(key.slice(5, 7)) - 1];
  if (unit === 'month') return m + ' ' + y;
  const d = String(Number(key.slice(8, 10)));
  return (unit === 'week' ? 'w/c ' : '') + d + ' ' + m + (unit === 'week' ? ' ' + y : '');
}

/** Alerts per bucket and rule from daily metrics: {RULE: [count per bucket]}, suppressed counts as 0. */
export function alertsOverTime(metrics, buckets) {
  const series = Object.fromEntries(RULES.map(r => [r, buckets.keys.map(() => 0)]));
  for (const m of metrics) {
    const i = buckets.indexOf(String(m.day).slice(0, 10));
    if (i < 0) continue;
    for (const r of RULES) series[r][i] += countValue(m.alertsByRule?.[r]) || 0;
  }
  return series;
}

/** Adds one live alert to the series made by alertsOverTime; false when it falls outside the buckets. */
export function addAlertToSeries(series, buckets, alert) {
  const i = buckets.indexOf(String(alert.eventTime).slice(0, 10));
  if (i < 0 || !series[alert.rule]) return false;
  series[alert.rule][i] += 1;
  return true;
}

/** Forces by their alerts in the metrics, most first (ties by slug): [{force, total, byRule}]. */
export function forcesByBreaches(metrics) {
  const byForce = new Map();
  for (const m of metrics) {
    const f = byForce.get(m.force) || {force: m.force, total: 0, byRule: Object.fromEntries(RULES.map(r => [r, 0]))};
    for (const r of RULES) {
      const n = countValue(m.alertsByRule?.[r]) || 0;
      f.byRule[r] += n;
      f.total += n;
    }
    byForce.set(m.force, f);
  }
  return rank([...byForce.values()]);
}

export function rank(forces) {
  return forces.filter(f => f.total > 0).sort((a, b) => b.total - a.total || a.force.localeCompare(b.force));
}

/** Adds one live alert to a ranking made by forcesByBreaches (in place) and re-sorts it. */
export function addAlertToRanking(ranking, alert) {
  let f = ranking.find(x => x.force === alert.force);
  if (!f) {
    f = {force: alert.force, total: 0, byRule: Object.fromEntries(RULES.map(r => [r, 0]))};
    ranking.push(f);
  }
  f.total += 1;
  if (f.byRule[alert.rule] !== undefined) f.byRule[alert.rule] += 1;
  return rank(ranking);
}

/**
 * Disclosures to immigration recipients per force from /flows?groupBy=force,recipient groups:
 * [{force, total, IMMIGRATION_ENFORCEMENT, BORDER_FORCE, UK_VISAS_AND_IMMIGRATION}], most first.
 */
export function immigrationFlowsPerForce(groups) {
  const byForce = new Map();
  for (const g of groups) {
    if (!IMMIGRATION_RECIPIENTS.includes(g.recipient)) continue;
    const f = byForce.get(g.force) || {force: g.force, total: 0,
      ...Object.fromEntries(IMMIGRATION_RECIPIENTS.map(r => [r, 0]))};
    const n = countValue(g.disclosures) || 0;
    f[g.recipient] += n;
    f.total += n;
    byForce.set(g.force, f);
  }
  return [...byForce.values()].filter(f => f.total > 0)
    .sort((a, b) => b.total - a.total || a.force.localeCompare(b.force));
}

/** Delay bands for the delayed-sharing distribution, in hours (lower bound inclusive). */
export const DELAY_BANDS = [
  {label: 'Up to 7 days', max: 7 * 24},
  {label: '7 to 14 days', max: 14 * 24},
  {label: '14 to 30 days', max: 30 * 24},
  {label: '30 to 60 days', max: 60 * 24},
  {label: '60 to 90 days', max: 90 * 24},
  {label: '90 to 180 days', max: 180 * 24},
  {label: '180 days to 1 year', max: 365 * 24},
  {label: 'Over 1 year', max: Infinity},
];

export function delayBand(hours) {
  return DELAY_BANDS.findIndex(b => hours <= b.max);
}

/** The distribution of DELAYED_SHARING delays by band and phase: {WHILE_CASE_OPEN: [...], AFTER_CASE_CLOSED: [...]}. */
export function delayHistogram(alerts) {
  const out = {WHILE_CASE_OPEN: DELAY_BANDS.map(() => 0), AFTER_CASE_CLOSED: DELAY_BANDS.map(() => 0)};
  for (const a of alerts) {
    if (a.rule !== 'DELAYED_SHARING' || a.delayHours === null || a.delayHours === undefined) continue;
    const phase = a.phase === 'AFTER_CASE_CLOSED' ? 'AFTER_CASE_CLOSED' : 'WHILE_CASE_OPEN';
    out[phase][delayBand(Number(a.delayHours))] += 1;
  }
  return out;
}

export function median(values) {
  const v = values.filter(x => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** The lanes of the lineage timeline, top to bottom. */
export const LANES = ['REPORT', 'CASE_STATUS', 'PNC_QUERY', 'DISCLOSURE', 'ALERT'];

/**
 * A lineage chain's entries with the delay each one marks: for a PNC query, a disclosure or a case
 * status, the time since the report it belongs to (the report it names, else the most recent report
 * before it that gave the person a protected role); for an alert, the rule's own delay where it carries
 * one (DELAYED_SHARING), else the same measure. Returns [{entry, kind, time (ms), baseReportId,
 * baseTime (ms), delayHours}] in the chain's order.
 */
export function lineageRows(entries) {
  const reports = new Map();
  for (const e of entries) {
    if (e.kind === 'REPORT' && e.reportId && e.reportedAt) reports.set(e.reportId, Date.parse(e.reportedAt));
  }
  return entries.map(e => {
    const time = Date.parse(e.time);
    let baseReportId = null;
    let baseTime = null;
    if (e.kind !== 'REPORT') {
      if (e.reportId && reports.has(e.reportId)) {
        baseReportId = e.reportId;
        baseTime = reports.get(e.reportId);
      } else {
        const held = (e.protectedRoles || [])
          .map(r => ({id: r.reportId, t: Date.parse(r.reportedAt)}))
          .filter(r => Number.isFinite(r.t) && r.t <= time)
          .sort((a, b) => (e.reportId && a.id === e.reportId ? -1 : 0) || b.t - a.t);
        if (held.length) {
          baseReportId = held[0].id;
          baseTime = held[0].t;
        } else {
          // The most recent report of the chain before this entry (a person's chain of several reports).
          for (const [id, t] of reports) {
            if (t <= time && (baseTime === null || t > baseTime)) {
              baseReportId = id;
              baseTime = t;
            }
          }
        }
      }
    }
    let delayHours = baseTime === null ? null : (time - baseTime) / 3600000;
    if (e.kind === 'ALERT' && e.delayHours !== null && e.delayHours !== undefined) delayHours = Number(e.delayHours);
    return {entry: e, kind: e.kind, time, baseReportId, baseTime, delayHours};
  });
}

export const HOURS_PER_DAY = 24;
export {DAY};
