// Charts with ECharts (from its WebJar, as an ES module). Every chart has: a text description for screen
// readers (aria-label on its container), decal patterns so series differ without colour, GOV.UK colours
// with enough contrast, tooltips without inline styles (the CSP forbids them), and a resize on any change
// of its container's width (narrow screens, rotating a phone). Each chart's numbers are also in a table
// next to it; the chart is never the only way to read them.

import * as echarts from '/vendor/echarts/dist/echarts.esm.min.js';

export const COLOURS = ['#1d70b8', '#d4351c', '#f47738', '#4c2c92', '#00703c', '#28a197', '#d53880', '#b58840',
  '#505a5f'];
export const RULE_COLOURS = {
  PNC_IMMIGRATION_CHECK: '#4c2c92',
  SHARED_AT_REPORT: '#d4351c',
  DELAYED_SHARING: '#f47738',
  SYSTEMATIC_DEFERRAL: '#1d70b8',
};
export const RECIPIENT_COLOURS = {
  IMMIGRATION_ENFORCEMENT: '#d4351c',
  BORDER_FORCE: '#1d70b8',
  UK_VISAS_AND_IMMIGRATION: '#4c2c92',
};
const TEXT = '#0b0c0c';
const SECONDARY = '#505a5f';
const FONT = 'arial, sans-serif';

export function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
}

const observed = new WeakMap();

/** Draws (or redraws) a chart in a container. */
export function draw(container, option, description) {
  const chart = echarts.getInstanceByDom(container) || echarts.init(container, null, {renderer: 'canvas'});
  chart.setOption({
    animationDuration: 300,
    textStyle: {fontFamily: FONT, color: TEXT},
    aria: {enabled: true, label: {enabled: true, description}, decal: {show: true}},
    ...option,
  }, true);
  container.dataset.chartReady = 'true';
  if (!observed.has(container) && 'ResizeObserver' in window) {
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(container);
    observed.set(container, ro);
  }
  return chart;
}

function axisTooltip(title) {
  return params => {
    const list = Array.isArray(params) ? params : [params];
    const head = title ? title(list[0]) : list[0].axisValueLabel ?? list[0].name;
    const lines = list.filter(p => p.value !== 0 && p.value !== null && p.value !== undefined)
      .map(p => escapeHtml(p.seriesName) + ': ' + escapeHtml(Array.isArray(p.value) ? p.value[1] : p.value));
    return [escapeHtml(head), ...lines].join('<br>');
  };
}

const grid = (extra = {}) => ({left: 8, right: 16, top: 64, bottom: 8, containLabel: true, ...extra});
const legend = {top: 0, left: 0, type: 'scroll', textStyle: {color: TEXT, fontFamily: FONT}};

/**
 * Stacked bars over categories.
 * @param categories  x labels (or y labels when horizontal)
 * @param series      [{name, data: [numbers], colour}]
 */
export function stackedBars(container, {categories, series, horizontal = false, description, valueName}) {
  const categoryAxis = {type: 'category', data: categories, axisLabel: {color: TEXT, hideOverlap: true},
    axisTick: {alignWithLabel: true}, inverse: horizontal};
  const valueAxis = {type: 'value', minInterval: 1, name: valueName, nameTextStyle: {color: SECONDARY},
    axisLabel: {color: TEXT}, splitLine: {lineStyle: {color: '#b1b4b6'}}};
  return draw(container, {
    color: series.map(s => s.colour),
    legend,
    grid: grid(),
    tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}, confine: true, formatter: axisTooltip()},
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series: series.map(s => ({name: s.name, type: 'bar', stack: 'total', data: s.data, barMaxWidth: 28,
      emphasis: {focus: 'series'}})),
  }, description);
}

/** Grouped (side-by-side) bars. */
export function groupedBars(container, {categories, series, description, valueName}) {
  return draw(container, {
    color: series.map(s => s.colour),
    legend,
    grid: grid(),
    tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}, confine: true, formatter: axisTooltip()},
    xAxis: {type: 'category', data: categories, axisLabel: {color: TEXT, interval: 0, rotate: categories.length > 5 ? 30 : 0}},
    yAxis: {type: 'value', minInterval: 1, name: valueName, nameTextStyle: {color: SECONDARY}, axisLabel: {color: TEXT}},
    series: series.map(s => ({name: s.name, type: 'bar', data: s.data, barMaxWidth: 28})),
  }, description);
}

/**
 * A lineage timeline: one lane per kind of entry, a point per entry, and for each entry with a delay a
 * bracket from its report's time to its own, labelled with the delay.
 *
 * @param lanes   [{key, label}] top to bottom
 * @param points  [{lane (index), time (ms), label, colour, symbol}]
 * @param delays  [{lane, from (ms), to (ms), label}]
 */
export function timeline(container, {lanes, points, delays, description}) {
  const laneLabels = lanes.map(l => l.label);
  const delaySeries = {
    name: 'Delay since report',
    type: 'custom',
    renderItem: (params, api) => {
      const lane = api.value(0);
      const start = api.coord([api.value(1), lane]);
      const end = api.coord([api.value(2), lane]);
      const y = start[1] - 14;
      const colour = '#d4351c';
      return {
        type: 'group',
        children: [
          {type: 'line', shape: {x1: start[0], y1: y, x2: end[0], y2: y}, style: {stroke: colour, lineWidth: 2}},
          {type: 'line', shape: {x1: start[0], y1: y - 5, x2: start[0], y2: y + 5}, style: {stroke: colour, lineWidth: 2}},
          {type: 'line', shape: {x1: end[0], y1: y - 5, x2: end[0], y2: y + 5}, style: {stroke: colour, lineWidth: 2}},
          {type: 'text', x: (start[0] + end[0]) / 2, y: y - 4,
            style: {text: api.value(3), fill: colour, font: 'bold 12px arial, sans-serif', align: 'center',
              verticalAlign: 'bottom'}},
        ],
      };
    },
    encode: {x: [1, 2], y: 0},
    data: delays.map(d => [d.lane, d.from, d.to, d.label]),
    tooltip: {show: false},
    z: 1,
  };
  const pointSeries = {
    name: 'Events',
    type: 'scatter',
    symbolSize: 14,
    data: points.map(p => ({value: [p.time, p.lane], name: p.label, itemStyle: {color: p.colour},
      symbol: p.symbol || 'circle'})),
    label: {show: true, position: 'bottom', formatter: p => p.name, color: TEXT, fontSize: 11, distance: 6},
    labelLayout: {hideOverlap: true},
    z: 2,
  };
  const times = points.map(p => p.time);
  const span = Math.max(...times) - Math.min(...times);
  const pad = Math.max(span * 0.06, 3600 * 1000);
  return draw(container, {
    grid: grid({top: 16, left: 8, right: 24}),
    tooltip: {trigger: 'item', confine: true, formatter: p => escapeHtml(p.name) + '<br>'
      + escapeHtml(new Date(p.value[0]).toISOString().replace('T', ' ').slice(0, 16) + ' UTC')},
    xAxis: {type: 'time', min: Math.min(...times) - pad, max: Math.max(...times) + pad,
      axisLabel: {color: TEXT, hideOverlap: true,
        formatter: {year: '{yyyy}', month: '{MMM} {yyyy}', day: '{d} {MMM}', hour: '{HH}:{mm}', minute: '{HH}:{mm}'}},
      splitLine: {show: true, lineStyle: {color: '#f3f2f1'}}},
    yAxis: {type: 'category', data: laneLabels, inverse: true, axisLabel: {color: TEXT, fontWeight: 'bold'},
      splitLine: {show: true, lineStyle: {color: '#b1b4b6'}}},
    series: [delaySeries, pointSeries],
    aria: {enabled: true, label: {enabled: true, description}, decal: {show: false}},
  }, description);
}
