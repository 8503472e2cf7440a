// How one alert reads in a table: when, which rule, how severe, which force, what flowed where, the delay,
// and links to its lineage (report and person).

import {el, link, tag, row, table} from './dom.js';
import {ruleName, severityColour, humanise, forceName, dateTime, delay, recipientName, phaseName} from './format.js';

export const ALERT_COLUMNS = [
  {label: 'When (UTC)'},
  {label: 'Rule'},
  {label: 'Severity'},
  {label: 'Force'},
  {label: 'What happened'},
  {label: 'Delay since report', numeric: true},
  {label: 'Lineage'},
];

function what(a) {
  const parts = [];
  if (a.recipient) parts.push('Disclosed to ' + recipientName(a.recipient) + (a.channel ? ' by ' + humanise(a.channel) : ''));
  else if (a.rule === 'PNC_IMMIGRATION_CHECK') parts.push('PNC immigration-status check');
  if (a.rule === 'SYSTEMATIC_DEFERRAL' && a.windowDisclosures !== undefined) {
    parts.push(a.windowDisclosures + ' delayed disclosures in 90 days, ' + a.windowAfterClosure + ' soon after closure');
  }
  if (a.offence) parts.push(humanise(a.offence) + ' report');
  if (a.phase) parts.push(phaseName(a.phase).toLowerCase());
  if (a.mixedRoles) parts.push('person is also a suspect or offender');
  return parts.join('; ');
}

function lineageLinks(a) {
  const links = [];
  if (a.reportId) {
    links.push(link('/lineage.html?report=' + encodeURIComponent(a.reportId), 'Report ' + a.reportId,
      {class: 'govuk-link sh-lineage-report'}));
  }
  if (a.personRef) {
    if (links.length) links.push(el('br'));
    links.push(link('/lineage.html?person=' + encodeURIComponent(a.personRef), 'Person ' + a.personRef.slice(0, 10) + '…',
      {class: 'govuk-link sh-lineage-person', 'aria-label': 'Lineage of person ' + a.personRef.slice(0, 10)}));
  }
  return links.length ? el('span', {}, links) : '';
}

export function alertCells(a) {
  return [
    el('time', {datetime: a.eventTime}, dateTime(a.eventTime)),
    ruleName(a.rule),
    tag(humanise(a.severity), severityColour(a.severity)),
    forceName(a.force),
    what(a),
    a.delayHours !== null && a.delayHours !== undefined ? delay(a.delayHours) : '',
    lineageLinks(a),
  ];
}

/** A row for one alert, carrying its id, revision and force for the page (and tests) to find it. */
export function alertRow(a) {
  const tr = row(alertCells(a), ALERT_COLUMNS);
  tr.dataset.alertId = a.alertId;
  tr.dataset.revision = String(a.revision || 1);
  tr.dataset.force = a.force;
  tr.dataset.rule = a.rule;
  return tr;
}

function rowOf(wrap, alertId) {
  return [...wrap.querySelectorAll('tbody tr[data-alert-id]')].find(tr => tr.dataset.alertId === alertId) || null;
}

export function alertsTable(alerts, caption) {
  const wrap = table({caption, columns: ALERT_COLUMNS, rows: []});
  const body = wrap.querySelector('tbody');
  alerts.forEach(a => body.append(alertRow(a)));
  return wrap;
}

/**
 * Shows a live alert in a table made by alertsTable, highlighted: a correction (a newer revision of an alert
 * the table shows) replaces its row where it is; a new alert goes on top. Keeps at most `max` rows.
 * Returns {row, replaced}.
 */
export function upsertAlert(wrap, a, max = 200) {
  const body = wrap.querySelector('tbody');
  body.querySelectorAll('.sh-new').forEach(r => r.classList.remove('sh-new'));
  const tr = alertRow(a);
  tr.classList.add('sh-new');
  const old = rowOf(wrap, a.alertId);
  if (old) {
    old.replaceWith(tr);
  } else {
    body.prepend(tr);
  }
  while (body.rows.length > max) body.deleteRow(body.rows.length - 1);
  return {row: tr, replaced: Boolean(old)};
}

/** Takes an alert out of a table made by alertsTable (withdrawn, or no longer matching); true if it was there. */
export function removeAlert(wrap, alertId) {
  const old = rowOf(wrap, alertId);
  if (old) old.remove();
  return Boolean(old);
}

export function alertSentence(a) {
  return 'New alert: ' + ruleName(a.rule) + ', ' + humanise(a.severity).toLowerCase() + ', ' + forceName(a.force);
}

export function correctionSentence(a) {
  return 'Alert corrected: now ' + ruleName(a.rule) + ', ' + humanise(a.severity).toLowerCase() + ', '
    + forceName(a.force);
}

export function removalSentence(r) {
  return r.withdrawn ? 'An alert was withdrawn.' : 'A corrected alert no longer matches the filters.';
}
