// What every page shares: GOV.UK Frontend's start-up, the service navigation for the signed-in role, the
// sign-out link, and how errors and live status are shown.

import {initAll} from '/vendor/govuk-frontend/dist/govuk/govuk-frontend.min.js';
import {el, clear, append} from './dom.js';
import {PAGES, signOut} from './session.js';
import {forceName} from './format.js';

const NAV = [
  {page: 'overview', href: '/overview.html', text: 'National overview'},
  {page: 'force', href: '/force.html', text: 'Forces', forceText: 'Your force'},
  {page: 'alerts', href: '/alerts.html', text: 'Live alerts'},
  {page: 'lineage', href: '/lineage.html', text: 'Case lineage'},
  {page: 'research', href: '/research.html', text: 'Research aggregates'},
];

/** What GOV.UK Frontend's template does with an inline script; here from a module (the CSP allows no inline). */
export function markJsEnabled() {
  document.body.classList.add('js-enabled');
  if ('noModule' in HTMLScriptElement.prototype) document.body.classList.add('govuk-frontend-supported');
}

function roleLabel(session) {
  if (session.role === 'FORCE') return forceName(session.force);
  if (session.role === 'OVERSIGHT') return 'Oversight';
  if (session.role === 'RESEARCHER') return 'Researcher';
  return session.role;
}

/** Fills #sh-nav with the pages the role may open, the current one marked, and a sign-out link. */
export function renderNav(session, current) {
  const host = document.getElementById('sh-nav');
  if (!host) return;
  const allowed = PAGES[session.role] || [];
  const items = NAV.filter(n => allowed.includes(n.page)).map(n => {
    const active = n.page === current;
    const text = session.role === 'FORCE' && n.forceText ? n.forceText : n.text;
    return el('li', {class: 'govuk-service-navigation__item' + (active ? ' govuk-service-navigation__item--active' : '')},
      el('a', {class: 'govuk-service-navigation__link', href: n.href, 'aria-current': active ? 'page' : null},
        active ? el('strong', {class: 'govuk-service-navigation__active-fallback'}, text) : text));
  });
  const signOutLink = el('a', {class: 'govuk-service-navigation__link', href: '/index.html', id: 'sign-out'},
    'Sign out');
  signOutLink.addEventListener('click', () => signOut());
  items.push(el('li', {class: 'govuk-service-navigation__item sh-nav-signout'}, signOutLink));
  clear(host);
  host.append(el('section', {'aria-label': 'Service information',
    class: 'govuk-service-navigation govuk-service-navigation--inverse', 'data-module': 'govuk-service-navigation'},
  el('div', {class: 'govuk-width-container'},
    el('div', {class: 'govuk-service-navigation__container'},
      el('span', {class: 'govuk-service-navigation__service-name'},
        el('a', {href: '/index.html', class: 'govuk-service-navigation__link'}, 'Safe Haven')),
      el('nav', {'aria-label': 'Menu', class: 'govuk-service-navigation__wrapper'},
        el('button', {type: 'button', class: 'govuk-service-navigation__toggle govuk-js-service-navigation-toggle',
          'aria-controls': 'navigation', hidden: true, 'aria-hidden': 'true'}, 'Menu'),
        el('ul', {class: 'govuk-service-navigation__list', id: 'navigation'}, items))))));
  const who = document.getElementById('sh-signed-in');
  if (who) {
    clear(who).append('Signed in as ', el('strong', {}, roleLabel(session)),
      session.role === 'RESEARCHER' ? ' (aggregates only, counts under 10 withheld)' : '');
  }
}

/** Starts a protected page: GOV.UK behaviour, the navigation, and a message if the role may not use it. */
export function startPage(session, current) {
  markJsEnabled();
  renderNav(session, current);
  initAll();
  const allowed = (PAGES[session.role] || []).includes(current);
  if (!allowed) {
    // Nothing of the page's own content: only the message and the way to the pages the role may use.
    const main = document.getElementById('main-content');
    if (main) [...main.children].forEach(c => { if (c.id !== 'sh-errors') c.hidden = true; });
    showError('This page is not available to your token. Use the links above.');
  }
  return allowed;
}

/** A GOV.UK error summary at the top of main, focused so screen readers announce it. */
export function showError(message, target = document.getElementById('sh-errors')) {
  if (!target) return;
  clear(target);
  const summary = el('div', {class: 'govuk-error-summary', 'data-module': 'govuk-error-summary', tabindex: '-1'},
    el('div', {role: 'alert'},
      el('h2', {class: 'govuk-error-summary__title'}, 'There is a problem'),
      el('div', {class: 'govuk-error-summary__body'},
        el('p', {class: 'govuk-body sh-error-message'}, message))));
  target.append(summary);
  summary.focus();
}

export function clearError(target = document.getElementById('sh-errors')) {
  if (target) clear(target);
}

/** A short message in place of a panel's content (no data, or the panel failed). */
export function panelMessage(container, text) {
  clear(container);
  append(container, [el('p', {class: 'govuk-body sh-panel-message'}, text)]);
}

/** The live-feed status tag: what the stream is doing, in words and colour, for sighted and screen-reader users. */
export function liveStatus(node, state, message) {
  const labels = {
    connecting: ['Connecting', 'grey'],
    live: ['Live', 'green'],
    reconnecting: ['Reconnecting', 'yellow'],
    stopped: ['Not live', 'red'],
  };
  const [text, colour] = labels[state] || ['Not live', 'red'];
  node.dataset.state = state;
  clear(node).append(el('strong', {class: 'govuk-tag govuk-tag--' + colour}, text));
  if (message) node.append(' ', el('span', {class: 'govuk-body-s'}, message));
}
