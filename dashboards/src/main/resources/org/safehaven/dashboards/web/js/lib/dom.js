// Building DOM without innerHTML: every value from the API reaches the page as text, never as markup,
// so nothing an event carries (a report id, a reason) can inject script or style.

/**
 * el('a', {class: 'govuk-link', href: '/x'}, 'text', otherNode)
 * Attributes: 'class', 'text' (textContent), 'dataset' (object), booleans (true sets, false omits),
 * everything else through setAttribute. Children: nodes, strings (as text), null/undefined/false (skipped),
 * or arrays of those.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') node.textContent = String(v);
    else if (k === 'dataset') Object.entries(v).forEach(([dk, dv]) => { node.dataset[dk] = String(dv); });
    else if (v === true) node.setAttribute(k, '');
    else node.setAttribute(k, String(v));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error('the page has no element #' + id);
  return node;
}

/**
 * A GOV.UK table. columns: [{label, numeric}], rows: arrays of cells; a cell is text, a Node, or
 * {node|text, numeric, className}. Wrapped in a focusable scroll region so a wide table scrolls
 * sideways on a narrow screen and can be scrolled with the keyboard.
 */
export function table({caption, columns, rows, id, small = true}) {
  const head = el('thead', {class: 'govuk-table__head'},
    el('tr', {class: 'govuk-table__row'},
      columns.map(c => el('th', {scope: 'col',
        class: 'govuk-table__header' + (c.numeric ? ' govuk-table__header--numeric' : '')}, c.label))));
  const body = el('tbody', {class: 'govuk-table__body'},
    rows.map(r => row(r, columns)));
  const t = el('table', {class: 'govuk-table' + (small ? ' govuk-table--small-text-until-tablet' : ''), id},
    caption ? el('caption', {class: 'govuk-table__caption govuk-table__caption--s'}, caption) : null,
    head, body);
  return el('div', {class: 'sh-table-scroll', tabindex: '0', role: 'region',
    'aria-label': caption || 'Table'}, t);
}

export function row(cells, columns = []) {
  return el('tr', {class: 'govuk-table__row'}, cells.map((c, i) => cell(c, columns[i] || {}, i)));
}

function cell(c, column, i) {
  const spec = (c !== null && typeof c === 'object' && !(c instanceof Node)) ? c : {node: c};
  const numeric = spec.numeric ?? column.numeric;
  const tag = i === 0 && column.rowHeader ? 'th' : 'td';
  const attrs = {class: (tag === 'th' ? 'govuk-table__header' : 'govuk-table__cell')
      + (numeric ? ' govuk-table__cell--numeric' : '') + (spec.className ? ' ' + spec.className : '')};
  if (tag === 'th') attrs.scope = 'row';
  return el(tag, attrs, spec.node ?? spec.text ?? '');
}

/** A GOV.UK details element holding a chart's data as a table (the chart's accessible equivalent). */
export function dataDetails(summary, content) {
  return el('details', {class: 'govuk-details sh-data-details'},
    el('summary', {class: 'govuk-details__summary'},
      el('span', {class: 'govuk-details__summary-text'}, summary)),
    el('div', {class: 'govuk-details__text'}, content));
}

export function tag(text, colour) {
  return el('strong', {class: 'govuk-tag' + (colour ? ' govuk-tag--' + colour : '')}, text);
}

export function link(href, text, attrs = {}) {
  return el('a', {class: 'govuk-link', href, ...attrs}, text);
}
