// The sign-in page: a pasted token is checked with the server, kept in sessionStorage, and the browser
// goes on to the page it came from or to the role's home page.

import {initAll} from '/vendor/govuk-frontend/dist/govuk/govuk-frontend.min.js';
import {el, byId, clear} from '../lib/dom.js';
import {markJsEnabled, showError, clearError} from '../lib/layout.js';
import {describe, storeToken, normaliseToken, safeNext, HOME, PAGES, token, signOut} from '../lib/session.js';

markJsEnabled();
initAll();

const form = byId('sign-in-form');
const input = byId('token');
const group = byId('token-group');
const fieldError = byId('token-error');
const params = new URLSearchParams(location.search);

if (params.get('reason') === 'expired') {
  byId('sign-in-notice').append(el('div', {class: 'govuk-notification-banner', role: 'region',
    'aria-labelledby': 'notice-title', 'data-module': 'govuk-notification-banner'},
  el('div', {class: 'govuk-notification-banner__header'},
    el('h2', {class: 'govuk-notification-banner__title', id: 'notice-title'}, 'Important')),
  el('div', {class: 'govuk-notification-banner__content'},
    el('p', {class: 'govuk-notification-banner__heading'},
      'Your token is no longer accepted: it may have been revoked. Sign in again.'))));
}

function destination(session) {
  const next = safeNext(params.get('next'));
  if (next) {
    const page = next.slice(1, next.indexOf('.html'));
    if ((PAGES[session.role] || []).includes(page)) return next;
  }
  return HOME[session.role] || '/index.html';
}

function fieldProblem(message) {
  group.classList.add('govuk-form-group--error');
  input.classList.add('govuk-input--error');
  clear(fieldError).append(el('span', {class: 'govuk-visually-hidden'}, 'Error:'), ' ' + message);
  fieldError.hidden = false;
  input.setAttribute('aria-describedby', 'token-hint token-error');
  showError(message);
  const link = document.querySelector('.sh-error-message');
  if (link) {
    clear(link).append(el('a', {href: '#token'}, message));
  }
}

function clearProblem() {
  group.classList.remove('govuk-form-group--error');
  input.classList.remove('govuk-input--error');
  fieldError.hidden = true;
  input.setAttribute('aria-describedby', 'token-hint');
  clearError();
}

form.addEventListener('submit', async ev => {
  ev.preventDefault();
  clearProblem();
  const t = normaliseToken(input.value);
  if (!t) {
    fieldProblem('Enter your API token');
    return;
  }
  if (!/^sh_[A-Za-z0-9_-]{20,100}$/.test(t)) {
    fieldProblem('Enter the whole token: it starts with sh_ followed by letters, digits, - and _');
    return;
  }
  const button = byId('sign-in');
  button.disabled = true;
  try {
    const session = await describe(t);
    storeToken(t);
    input.value = '';
    location.assign(destination(session));
  } catch (e) {
    fieldProblem(e.message);
  } finally {
    button.disabled = false;
  }
});

// Already signed in in this tab: go straight on (a revoked token is forgotten and the form stays).
const existing = token();
if (existing && params.get('reason') !== 'expired') {
  describe(existing).then(s => location.replace(destination(s))).catch(() => signOut());
}
