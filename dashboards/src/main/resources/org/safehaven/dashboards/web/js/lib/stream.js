// Live alerts from GET /api/v1/alerts/stream (server-sent events).
//
// Why not EventSource: it cannot send an Authorization header, and the alternatives (the token in the
// URL, or a cookie) put the token where URLs and cookies go: server and proxy logs, browser history,
// CSRF. So the stream is read with fetch(), which sends the bearer token in its header like every other
// call, and the text/event-stream format is parsed here. What EventSource would have done is done here
// too: reconnect with back-off after a drop, and tell the page when a gap may have lost alerts, so it
// can fetch them (the API does not replay missed events).

import {apiUrl} from './api.js';
import {token, signOut, toSignIn} from './session.js';

/**
 * Parses an event stream as the HTML standard defines it, line by line: a line starting with ':' is a
 * comment (reported at once: the server's ': connected' ends with a single newline, no blank line); other
 * lines are fields of the current event; a blank line dispatches it. Feed it text as it arrives; it returns
 * what completed ({event, data, id} or {comment}) and keeps a partial line for the next chunk.
 */
export class EventStreamParser {
  constructor() {
    this.buffer = '';
    this.reset();
  }

  reset() {
    this.event = '';
    this.data = [];
    this.id = null;
  }

  push(text) {
    this.buffer += text;
    const out = [];
    let m;
    while ((m = /\r\n|\n|\r/.exec(this.buffer)) !== null) {
      // A lone CR at the end of a chunk may be the first half of CRLF: wait for the next chunk.
      if (m[0] === '\r' && m.index === this.buffer.length - 1) break;
      const line = this.buffer.slice(0, m.index);
      this.buffer = this.buffer.slice(m.index + m[0].length);
      if (line === '') {
        if (this.data.length) out.push({event: this.event || 'message', data: this.data.join('\n'), id: this.id});
        this.reset();
      } else if (line.startsWith(':')) {
        out.push({comment: line.slice(1).trim()});
      } else {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        let value = colon < 0 ? '' : line.slice(colon + 1);
        if (value.startsWith(' ')) value = value.slice(1);
        if (field === 'event') this.event = value;
        else if (field === 'data') this.data.push(value);
        else if (field === 'id') this.id = value;
      }
    }
    return out;
  }
}

/**
 * Follows live alerts until stop() is called.
 *
 * An alert has revisions: 1 when raised, then one more for each correction (a later event changed what it
 * says, even its rule) or withdrawal. The stream sends event 'alert' for a new alert and for a correction,
 * and event 'remove' ({alertId, revision, withdrawn}) when an alert is withdrawn or a correction no longer
 * matches the stream's filters. Only what is newer than the revision already shown reaches the page, so a
 * page shows each alert once, as its latest revision says.
 *
 * @param params   filters: {force, rule, severity} (arrays allowed)
 * @param onAlert  called with (alert, previous): the alert (the shape the API documents); previous is the
 *                 revision the page already had for it (a correction: replace, do not add), or null (new)
 * @param onRemove called with ({alertId, revision, withdrawn}): the page must no longer show that alert
 * @param onState  called with 'connecting', 'live', 'reconnecting', or 'stopped' (and a message)
 * @param onGap    called after a reconnect: alerts raised while disconnected were not delivered
 * @returns {stop(), remember(alertId, revision)}
 */
export function followAlerts({params = {}, onAlert, onRemove = () => {}, onState = () => {}, onGap = () => {}}) {
  let stopped = false;
  let controller = null;
  let backoff = 1000;
  let connectedOnce = false;
  // alertId -> the highest revision the page has (shown, or removed).
  const seen = new Map();
  const newer = (id, revision) => !(seen.has(id) && seen.get(id) >= revision);

  async function run() {
    while (!stopped) {
      controller = new AbortController();
      onState(connectedOnce ? 'reconnecting' : 'connecting');
      try {
        const res = await fetch(apiUrl('/api/v1/alerts/stream', params), {
          headers: {Accept: 'text/event-stream', Authorization: 'Bearer ' + token()},
          cache: 'no-store',
          signal: controller.signal,
        });
        if (res.status === 401) {
          signOut();
          toSignIn('expired');
          return;
        }
        if (!res.ok || !res.body) {
          // 400/403: the filters or the role do not allow this stream; retrying will not help.
          if (res.status >= 400 && res.status < 500) {
            let message = 'The live feed is not available to your token.';
            try {
              message = (await res.json()).message || message;
            } catch (e) {
              // keep the default
            }
            onState('stopped', message);
            return;
          }
          throw new Error('stream answered ' + res.status);
        }
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        const parser = new EventStreamParser();
        for (;;) {
          const {value, done} = await reader.read();
          if (done) break;
          for (const item of parser.push(value)) {
            if (item.comment !== undefined) {
              // The server's first comment means the subscription is registered: from here on, alerts arrive.
              if (item.comment === 'connected') {
                onState('live');
                backoff = 1000;
                if (connectedOnce) onGap();
                connectedOnce = true;
              }
              continue;
            }
            if (item.event !== 'alert' && item.event !== 'remove') continue;
            let data;
            try {
              data = JSON.parse(item.data);
            } catch (e) {
              continue;
            }
            const revision = Number(data.revision) || 1;
            if (!data.alertId || !newer(data.alertId, revision)) continue;
            const previous = seen.has(data.alertId) ? seen.get(data.alertId) : null;
            seen.set(data.alertId, revision);
            if (item.event === 'alert') onAlert(data, previous);
            else onRemove(data);
          }
        }
      } catch (e) {
        if (stopped) break;
      }
      if (stopped) break;
      onState('reconnecting');
      await new Promise(r => setTimeout(r, backoff));
      backoff = Math.min(backoff * 2, 30000);
    }
    onState('stopped');
  }

  run();
  return {
    stop() {
      stopped = true;
      if (controller) controller.abort();
    },
    /** Marks an alert already shown (from a page of /alerts) so the stream sends only newer revisions of it. */
    remember(alertId, revision = 1) {
      if (newer(alertId, revision)) seen.set(alertId, revision);
    },
  };
}
