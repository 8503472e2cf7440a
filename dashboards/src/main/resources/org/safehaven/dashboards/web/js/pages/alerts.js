// The live alert feed: the latest alerts matching the filters, then every new one as it is raised
// (server-sent events), without reloading. A correction of an alert replaces its row (it is the same alert,
// as its latest revision says); a withdrawn alert leaves the feed. A force's token sees its own force's
// alerts only: the API decides that, the page cannot widen it.

import {el, byId, clear} from '../lib/dom.js';
import {requireSession} from '../lib/session.js';
import {startPage, showError, clearError, liveStatus, panelMessage} from '../lib/layout.js';
import {getJson} from '../lib/api.js';
import {FORCES, RULES, SEVERITIES, isForce, forceName, ruleName, humanise, number} from '../lib/format.js';
import {followAlerts} from '../lib/stream.js';
import {alertsTable, upsertAlert, removeAlert, alertSentence, correctionSentence, removalSentence}
  from '../lib/alerts-view.js';

const LIST_DAYS = 90;
const LIST_SIZE = 50;

const session = await requireSession();
if (startPage(session, 'alerts')) {
  const form = byId('filters');
  let filters = readFilters(new URLSearchParams(location.search));
  renderFilters(form, filters);
  let feed = start(filters);
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    filters = {
      force: session.role === 'FORCE' ? '' : form.elements.force.value,
      rule: [...form.querySelectorAll('input[name=rule]:checked')].map(i => i.value),
      severity: [...form.querySelectorAll('input[name=severity]:checked')].map(i => i.value),
    };
    const q = new URLSearchParams();
    if (filters.force) q.set('force', filters.force);
    filters.rule.forEach(r => q.append('rule', r));
    filters.severity.forEach(s => q.append('severity', s));
    history.replaceState(null, '', location.pathname + (q.toString() ? '?' + q : ''));
    feed.stop();
    feed = start(filters);
  });
}

function readFilters(q) {
  return {
    force: session.role === 'FORCE' ? '' : (isForce(q.get('force')) ? q.get('force') : ''),
    rule: q.getAll('rule').filter(r => RULES.includes(r)),
    severity: q.getAll('severity').filter(s => SEVERITIES.includes(s)),
  };
}

function checkboxes(name, legend, values, checked, label) {
  return el('div', {class: 'govuk-form-group'},
    el('fieldset', {class: 'govuk-fieldset'},
      el('legend', {class: 'govuk-fieldset__legend govuk-fieldset__legend--s'}, legend),
      el('div', {class: 'govuk-checkboxes govuk-checkboxes--small', 'data-module': 'govuk-checkboxes'},
        values.map(v => el('div', {class: 'govuk-checkboxes__item'},
          el('input', {class: 'govuk-checkboxes__input', id: name + '-' + v, name, type: 'checkbox', value: v,
            checked: checked.includes(v)}),
          el('label', {class: 'govuk-label govuk-checkboxes__label', for: name + '-' + v}, label(v)))))));
}

function renderFilters(form, f) {
  clear(form);
  if (session.role === 'FORCE') {
    form.append(el('div', {class: 'govuk-form-group'},
      el('p', {class: 'govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1'}, 'Force'),
      el('p', {class: 'govuk-body'}, forceName(session.force))));
  } else {
    form.append(el('div', {class: 'govuk-form-group'},
      el('label', {class: 'govuk-label govuk-label--s', for: 'force'}, 'Force'),
      el('select', {class: 'govuk-select', id: 'force', name: 'force'},
        el('option', {value: '', selected: !f.force}, 'All forces'),
        FORCES.map(s => el('option', {value: s, selected: f.force === s}, forceName(s))))));
  }
  form.append(
    checkboxes('rule', 'Rule', RULES, f.rule, ruleName),
    checkboxes('severity', 'Severity', SEVERITIES, f.severity, humanise),
    el('button', {type: 'submit', class: 'govuk-button govuk-button--secondary sh-inline-button',
      'data-module': 'govuk-button', id: 'apply-filters'}, 'Apply filters'));
}

/** Loads the latest alerts for the filters, then follows new ones; returns {stop()}. */
function start(f) {
  clearError();
  const feedHost = byId('feed');
  feedHost.setAttribute('aria-busy', 'true');
  delete feedHost.dataset.loaded;
  const params = {force: f.force, rule: f.rule, severity: f.severity};
  let wrap = null;
  let live = 0;
  let stopped = false;
  // What arrived live before the first page of alerts: applied in arrival order once it is shown.
  const pending = [];
  const add = (alert, previous = null) => {
    if (!wrap) {
      pending.push({alert, previous});
      return;
    }
    const {replaced} = upsertAlert(wrap, alert, 500);
    if (replaced || previous !== null) {
      byId('live-announcer').textContent = correctionSentence(alert) + '.';
    } else {
      live += 1;
      byId('live-count').textContent = number(live) + (live === 1 ? ' new alert' : ' new alerts') + ' since the feed started.';
      byId('live-announcer').textContent = alertSentence(alert) + '.';
    }
    const empty = document.getElementById('feed-empty');
    if (empty) empty.remove();
  };
  const remove = removal => {
    if (!wrap) {
      pending.push({removal});
      return;
    }
    if (removeAlert(wrap, removal.alertId)) byId('live-announcer').textContent = removalSentence(removal);
  };

  const stream = followAlerts({
    params,
    onAlert: add,
    onRemove: remove,
    onState: (state, message) => liveStatus(byId('live-status'), state, message),
    onGap: () => refill(),
  });

  async function refill() {
    const from = new Date(Date.now() - LIST_DAYS * 24 * 3600 * 1000).toISOString();
    try {
      const r = await getJson('/api/v1/alerts', {...params, from, size: LIST_SIZE});
      if (stopped) return;
      if (!wrap) {
        byId('feed-summary').textContent = 'The latest ' + number(r.items.length) + ' of ' + number(r.total)
          + ' alerts of the last ' + LIST_DAYS + ' days' + describe(f) + ', newest first. New alerts appear at the top.';
        wrap = alertsTable(r.items, 'Alerts, newest first');
        wrap.id = 'feed-table';
        clear(feedHost);
        if (!r.items.length) {
          feedHost.append(el('p', {class: 'govuk-body sh-panel-message', id: 'feed-empty'}, 'No alerts yet.'));
        }
        feedHost.append(wrap);
        r.items.forEach(a => stream.remember(a.alertId, a.revision));
        const listed = new Map(r.items.map(a => [a.alertId, a.revision || 1]));
        for (const op of pending.splice(0)) {
          if (op.removal) remove(op.removal);
          else if (!(listed.get(op.alert.alertId) >= (op.alert.revision || 1))) add(op.alert, op.previous);
        }
      } else {
        // After a reconnect: alerts raised or corrected during the gap, oldest first so the newest ends on top.
        const shown = new Map([...wrap.querySelectorAll('tr[data-alert-id]')]
          .map(tr => [tr.dataset.alertId, Number(tr.dataset.revision) || 1]));
        r.items.filter(a => !(shown.get(a.alertId) >= (a.revision || 1))).reverse().forEach(a => {
          stream.remember(a.alertId, a.revision);
          add(a, shown.has(a.alertId) ? shown.get(a.alertId) : null);
        });
      }
      feedHost.setAttribute('aria-busy', 'false');
      feedHost.dataset.loaded = 'true';
    } catch (e) {
      if (!wrap) panelMessage(feedHost, e.message);
      showError(e.message);
      feedHost.setAttribute('aria-busy', 'false');
      feedHost.dataset.loaded = 'failed';
    }
  }

  refill();
  return {
    stop() {
      stopped = true;
      stream.stop();
    },
  };
}

function describe(f) {
  const parts = [];
  if (f.force) parts.push(forceName(f.force));
  if (session.role === 'FORCE') parts.push(forceName(session.force));
  if (f.rule.length) parts.push(f.rule.map(ruleName).join(' or '));
  if (f.severity.length) parts.push(f.severity.map(s => humanise(s).toLowerCase()).join(' or ') + ' severity');
  return parts.length ? ' (' + parts.join('; ') + ')' : '';
}
