// How values read on the page: force names, rules, severities, times in UTC, delays, counts.

const FORCE_NAMES = {
  'btp': 'British Transport Police',
  'city-of-london': 'City of London',
  'metropolitan': 'Metropolitan Police',
  'dyfed-powys': 'Dyfed-Powys',
  'west-mercia': 'West Mercia',
};

/** The 43 territorial forces of England and Wales and BTP, by their data.police.uk slugs. */
export const FORCES = ['avon-and-somerset', 'bedfordshire', 'cambridgeshire', 'cheshire', 'city-of-london',
  'cleveland', 'cumbria', 'derbyshire', 'devon-and-cornwall', 'dorset', 'durham', 'dyfed-powys', 'essex',
  'gloucestershire', 'greater-manchester', 'gwent', 'hampshire', 'hertfordshire', 'humberside', 'kent',
  'lancashire', 'leicestershire', 'lincolnshire', 'merseyside', 'metropolitan', 'norfolk', 'north-wales',
  'north-yorkshire', 'northamptonshire', 'northumbria', 'nottinghamshire', 'south-wales', 'south-yorkshire',
  'staffordshire', 'suffolk', 'surrey', 'sussex', 'thames-valley', 'warwickshire', 'west-mercia',
  'west-midlands', 'west-yorkshire', 'wiltshire', 'btp'];

export function isForce(slug) {
  return FORCES.includes(slug);
}

export function forceName(slug) {
  if (!slug) return 'Unknown force';
  if (FORCE_NAMES[slug]) return FORCE_NAMES[slug];
  return slug.split('-').map(w => (w === 'and' || w === 'of') ? w : w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

export const RULES = ['PNC_IMMIGRATION_CHECK', 'SHARED_AT_REPORT', 'DELAYED_SHARING', 'SYSTEMATIC_DEFERRAL'];
const RULE_NAMES = {
  PNC_IMMIGRATION_CHECK: 'PNC immigration check',
  SHARED_AT_REPORT: 'Shared at report',
  DELAYED_SHARING: 'Delayed sharing',
  SYSTEMATIC_DEFERRAL: 'Systematic deferral',
};
export function ruleName(rule) {
  return RULE_NAMES[rule] || humanise(rule);
}

export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM'];
const SEVERITY_COLOURS = {CRITICAL: 'red', HIGH: 'orange', MEDIUM: 'yellow'};
export function severityColour(severity) {
  return SEVERITY_COLOURS[severity] || 'grey';
}

export const IMMIGRATION_RECIPIENTS = ['IMMIGRATION_ENFORCEMENT', 'BORDER_FORCE', 'UK_VISAS_AND_IMMIGRATION'];
const RECIPIENT_NAMES = {
  IMMIGRATION_ENFORCEMENT: 'Immigration Enforcement',
  BORDER_FORCE: 'Border Force',
  UK_VISAS_AND_IMMIGRATION: 'UK Visas and Immigration',
  SOCIAL_SERVICES: 'Social services',
  CPS: 'CPS',
  OTHER_FORCE: 'Another force',
};
export function recipientName(r) {
  return RECIPIENT_NAMES[r] || humanise(r);
}

const PHASE_NAMES = {WHILE_CASE_OPEN: 'While the case was open', AFTER_CASE_CLOSED: 'After the case closed'};
export function phaseName(p) {
  return PHASE_NAMES[p] || humanise(p);
}

/** DOMESTIC_ABUSE → "Domestic abuse"; PNC_MARKER → "PNC marker" (known acronyms kept). */
export function humanise(symbol) {
  if (symbol === null || symbol === undefined || symbol === '') return '';
  const acronyms = new Set(['PNC', 'NCCU', 'CPS', 'UK', 'IE']);
  return String(symbol).split('_').map((w, i) => {
    if (acronyms.has(w)) return w;
    const lower = w.toLowerCase();
    return i === 0 ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
  }).join(' ');
}

const DATE_TIME = new Intl.DateTimeFormat('en-GB', {day: 'numeric', month: 'short', year: 'numeric',
  hour: '2-digit', minute: '2-digit', timeZone: 'UTC', hourCycle: 'h23'});
const DATE = new Intl.DateTimeFormat('en-GB', {day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC'});

/** "20 Jun 2026, 10:00 UTC": the platform's times are UTC, and the page says so. */
export function dateTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : DATE_TIME.format(d) + ' UTC';
}

export function date(isoOrDate) {
  const d = isoOrDate instanceof Date ? isoOrDate : new Date(isoOrDate);
  return Number.isNaN(d.getTime()) ? '' : DATE.format(d);
}

/** 1174 → "48 days 22 hours"; 5 → "5 hours"; 0 → "0 hours". */
export function delay(hours) {
  if (hours === null || hours === undefined || !Number.isFinite(Number(hours))) return '';
  const h = Math.round(Number(hours));
  const days = Math.floor(Math.abs(h) / 24);
  const rest = Math.abs(h) % 24;
  const sign = h < 0 ? '−' : '';
  const parts = [];
  if (days) parts.push(days + (days === 1 ? ' day' : ' days'));
  if (rest || !days) parts.push(rest + (rest === 1 ? ' hour' : ' hours'));
  return sign + parts.join(' ');
}

/** A short delay for chart labels: "+48 d 22 h". */
export function shortDelay(hours) {
  const h = Math.round(Number(hours));
  const days = Math.floor(Math.abs(h) / 24);
  const rest = Math.abs(h) % 24;
  return (h < 0 ? '−' : '+') + (days ? days + ' d ' : '') + rest + ' h';
}

const NUMBER = new Intl.NumberFormat('en-GB');
export function number(n) {
  return n === null || n === undefined ? '' : NUMBER.format(n);
}

/** The API's count objects: {"count": 12, "suppressed": false} or {"count": null, "suppressed": true}. */
export function countValue(c) {
  if (c === null || c === undefined) return 0;
  if (typeof c === 'number') return c;
  return c.suppressed ? null : (c.count ?? 0);
}
export function isSuppressed(c) {
  return c !== null && typeof c === 'object' && c.suppressed === true;
}
