// The nutrient coverage chart of a plan: for the week (average a day) or one day, one bar per
// nutrient with a target, as % of that target (of the minimum, else of the maximum), with the minimum
// and maximum drawn as marks and the status in words beside it (met / below the minimum / above the
// maximum), never in colour alone. Bars are inline SVG made with createElementNS and coloured by CSS
// classes (the CSP forbids style attributes); the same numbers are in a table for screen readers and
// for anyone who prefers it.
//
// The numbers come from the plan document (docs/plan-json.md): `days[].people[].totals` are the
// verified totals a person eats each day; the week's total is their sum and its average a day that
// sum ÷ days. Targets are `people[].targets` (per day). The week's verdict per nutrient is the plan's
// own `coverage[]` (made from unrounded totals), the day's is worked out here from the day's total.

import {h, newId, num} from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';

/** Names of the nutrients of the registry, as the targets screen shows them. */
export const NUTRIENT_NAMES = {
  energy_kcal: 'Energy', protein_g: 'Protein', carbohydrate_g: 'Carbohydrate', fiber_g: 'Dietary fiber',
  fat_g: 'Fat', saturated_fat_g: 'Saturated fat', sugars_g: 'Sugars', calcium_mg: 'Calcium', iron_mg: 'Iron',
  magnesium_mg: 'Magnesium', phosphorus_mg: 'Phosphorus', potassium_mg: 'Potassium', sodium_mg: 'Sodium',
  zinc_mg: 'Zinc', copper_mg: 'Copper', manganese_mg: 'Manganese', selenium_ug: 'Selenium',
  vitamin_a_rae_ug: 'Vitamin A (RAE)', vitamin_c_mg: 'Vitamin C', vitamin_d_ug: 'Vitamin D',
  vitamin_e_mg: 'Vitamin E (α-tocopherol)', vitamin_k_ug: 'Vitamin K', thiamin_mg: 'Thiamin',
  riboflavin_mg: 'Riboflavin', niacin_mg: 'Niacin', pantothenic_acid_mg: 'Pantothenic acid',
  vitamin_b6_mg: 'Vitamin B6', folate_dfe_ug: 'Folate (DFE)', vitamin_b12_ug: 'Vitamin B12', choline_mg: 'Choline',
  linolenic_18_3_g: 'α-Linolenic acid', linoleic_g: 'Linoleic acid', cholesterol_mg: 'Cholesterol',
  trans_fat_g: 'Trans fat', water_g: 'Water', alcohol_g: 'Alcohol',
};

export function nutrientName(id) {
  return NUTRIENT_NAMES[id] || String(id).replace(/_(g|mg|ug|kcal|kj)$/, '').replace(/_/g, ' ');
}

const STATUS_TEXT = {met: 'Met', low: 'Below the minimum', high: 'Above the maximum'};
const STATUS_ICON = {met: '✓', low: '▼', high: '▲'};

// The day totals are rounded to 4 significant digits: a total at its bound may read a hair under it.
const TOLERANCE = 5e-4;
function below(value, min) {
  return min !== null && min !== undefined && value < min * (1 - TOLERANCE);
}
function above(value, max) {
  return max !== null && max !== undefined && value > max * (1 + TOLERANCE);
}

/** The days of the plan and its people, as the chart's selectors offer them. */
export function planShape(doc) {
  const days = (doc.days || []).map((d) => d.day);
  const people = (doc.people || []).map((p) => p.id);
  return {days, people};
}

/**
 * One row per nutrient with a target for `person`: on `day` (1-based) or, with day null, for the
 * week. value is the amount a day (the day's total, or the week's total ÷ days), percent is of the
 * minimum (else of the maximum), minPct/maxPct place the marks on the same scale.
 */
export function coverageRows(doc, person, day) {
  const who = (doc.people || []).find((p) => p.id === person) || (doc.people || [])[0];
  if (!who) return [];
  const totalsOf = (d) => {
    const entry = (d.people || []).find((p) => p.person === who.id);
    return entry ? entry.totals || {} : {};
  };
  const days = doc.days || [];
  const coverage = ((doc.coverage || []).find((c) => c.person === who.id) || {}).nutrients || [];
  const verdict = new Map(coverage.map((c) => [c.nutrient, c]));
  // Nutrients in the order the plan's coverage lists them, then any other target.
  const order = [...coverage.map((c) => c.nutrient),
    ...Object.keys(who.targets || {}).filter((n) => !verdict.has(n))];
  const rows = [];
  for (const nutrient of order) {
    const t = (who.targets || {})[nutrient];
    if (!t) continue;
    const min = t.min ?? null;
    const max = t.max ?? null;
    const base = min ?? max;
    if (!base) continue;
    let value;
    let total = null;
    let status;
    let daysLow = 0;
    let daysHigh = 0;
    if (day === null || day === undefined) {
      total = days.reduce((sum, d) => sum + (Number(totalsOf(d)[nutrient]) || 0), 0);
      value = days.length ? total / days.length : 0;
      for (const d of days) {
        const v = Number(totalsOf(d)[nutrient]) || 0;
        if (below(v, min)) daysLow += 1;
        if (above(v, max)) daysHigh += 1;
      }
      const c = verdict.get(nutrient);
      if (c) {
        status = c.status === 'ok' ? 'met' : c.status === 'high' ? 'high' : 'low';
        daysLow = c.days_below_min ?? daysLow;
        daysHigh = c.days_above_max ?? daysHigh;
      } else if (t.averaging === 'weekly') {
        status = below(value, min) ? 'low' : above(value, max) ? 'high' : 'met';
      } else {
        status = daysLow ? 'low' : daysHigh ? 'high' : 'met';
      }
    } else {
      const d = days.find((x) => x.day === day);
      value = d ? Number(totalsOf(d)[nutrient]) || 0 : 0;
      status = below(value, min) ? 'low' : above(value, max) ? 'high' : 'met';
    }
    const c = verdict.get(nutrient);
    rows.push({
      nutrient, name: nutrientName(nutrient), unit: t.unit || '', averaging: t.averaging || 'daily',
      value, total, min, max, base, basis: min !== null ? 'min' : 'max',
      percent: (value / base) * 100,
      minPct: min !== null ? (min / base) * 100 : null,
      maxPct: max !== null ? (max / base) * 100 : null,
      status, daysLow, daysHigh, days: days.length,
      // A weekly target on one day: the day's amount is shown, but only the week's average counts.
      weeklyOnDay: day !== null && day !== undefined && t.averaging === 'weekly',
      outOfReach: (day === null || day === undefined) && !!c && c.status === 'short',
    });
  }
  return rows;
}

/** The status in words, e.g. "Below the minimum on 2 of 7 days". */
export function statusText(row) {
  let text = STATUS_TEXT[row.status];
  if (row.days && row.averaging === 'daily' && row.total !== null) {
    const parts = [];
    if (row.daysLow) parts.push(`below the minimum on ${row.daysLow} of ${row.days} days`);
    if (row.daysHigh) parts.push(`above the maximum on ${row.daysHigh} of ${row.days} days`);
    if (parts.length) text = parts.join(', ').replace(/^./, (c) => c.toUpperCase());
    else if (row.status === 'met') text = 'Met every day';
  }
  if (row.weeklyOnDay) text += ' today; the week’s average is what counts';
  if (row.outOfReach) text += ' (out of reach with the recipes your restrictions allow)';
  return text;
}

function targetText(row) {
  const u = row.unit;
  const parts = [];
  if (row.min !== null) parts.push(`at least ${num(row.min, 2)} ${u}`);
  if (row.max !== null) parts.push(`at most ${num(row.max, 2)} ${u}`);
  return `${parts.join(', ')} a day${row.averaging === 'weekly' ? ' on the week’s average' : ''}`;
}

function svg(tag, attrs = {}) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  }
  return el;
}

/** The scale of a chart: 0 to the largest bar or mark, rounded up to 50 %, between 150 and 300 %. */
export function scaleOf(rows) {
  const top = Math.max(100, ...rows.map((r) => Math.max(r.percent, r.maxPct || 0)));
  return Math.min(300, Math.max(150, Math.ceil(top / 50) * 50));
}

/** The SVG bar of one row on a 0..scale % axis: track, grid lines every 100 %, bar, marks. */
function bar(row, scale) {
  const x = (pct) => Math.min(100, Math.max(0, (pct / scale) * 100));
  const mark = (pct) => Math.min(99.5, x(pct));  // a 3 px line at the right edge stays visible
  const el = svg('svg', {viewBox: '0 0 100 12', preserveAspectRatio: 'none', class: 'cov-bar', 'aria-hidden': 'true',
    focusable: 'false'});
  el.append(svg('rect', {x: 0, y: 2, width: 100, height: 8, class: 'cov-track'}));
  for (let g = 100; g < scale; g += 100) {
    el.append(svg('line', {x1: x(g), x2: x(g), y1: 0, y2: 12, class: 'cov-grid', 'vector-effect': 'non-scaling-stroke'}));
  }
  el.append(svg('rect', {x: 0, y: 2, width: x(row.percent), height: 8, class: 'cov-fill'}));
  // A bar longer than the scale ends in a white arrowhead: it goes on (the text gives the number).
  if (row.percent > scale) el.append(svg('polygon', {points: '96.5,3.5 99.5,6 96.5,8.5', class: 'cov-over'}));
  if (row.minPct !== null) {
    el.append(svg('line', {x1: mark(row.minPct), x2: mark(row.minPct), y1: 0, y2: 12, class: 'cov-min',
      'vector-effect': 'non-scaling-stroke'}));
  }
  if (row.maxPct !== null) {
    // A maximum beyond the scale is drawn at its right edge (the text gives the number).
    el.append(svg('line', {x1: mark(row.maxPct), x2: mark(row.maxPct), y1: 0, y2: 12,
      class: row.maxPct > scale ? 'cov-max cov-off-scale' : 'cov-max', 'vector-effect': 'non-scaling-stroke'}));
  }
  return el;
}

/**
 * The chart of `rows`: a list of rows (name, bar, amount and % of target, status in words) and the
 * same numbers as a table. `label` names what is shown ("the week, average a day", "day 3").
 */
export function coverageChart(rows, label) {
  const scale = scaleOf(rows);
  const titleId = newId('cov');
  const counts = {met: 0, low: 0, high: 0};
  for (const r of rows) if (!r.weeklyOnDay) counts[r.status] += 1;
  const weeklyCount = rows.filter((r) => r.weeklyOnDay).length;
  const summary = `${counts.met} met, ${counts.low} below the minimum, ${counts.high} above the maximum` +
    (weeklyCount ? `; ${weeklyCount} checked on the week’s average only` : '');
  const list = h('ul', {class: 'cov-rows', 'aria-labelledby': titleId}, rows.map((r) => {
    const cls = r.weeklyOnDay ? 'weekly' : r.status;
    return h('li', {
      class: `cov-row status-${cls}`, 'data-nutrient': r.nutrient, 'data-value': r.value, 'data-percent': r.percent,
      'data-min': r.min ?? '', 'data-max': r.max ?? '', 'data-status': r.status,
    },
    h('span', {class: 'cov-name'}, r.name),
    bar(r, scale),
    h('span', {class: 'cov-amount'}, `${num(r.value, r.value >= 100 ? 0 : 2)} ${r.unit}`,
      h('span', {class: 'cov-pct'}, ` · ${num(r.percent, 0)} % of ${r.basis === 'min' ? 'min' : 'max'}`)),
    h('span', {class: 'cov-status'}, h('span', {'aria-hidden': 'true'}, `${r.weeklyOnDay ? '○' : STATUS_ICON[r.status]} `),
      statusText(r)),
    h('span', {class: 'cov-target'}, targetText(r)));
  }));
  const weekly = rows.some((r) => r.total !== null);
  const table = h('details', {class: 'cov-table'},
    h('summary', {}, 'The numbers as a table'),
    h('div', {class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': `Nutrient coverage, ${label}, table`},
      h('table', {},
        h('caption', {class: 'visually-hidden'}, `Nutrient coverage, ${label}`),
        h('thead', {}, h('tr', {},
          h('th', {scope: 'col'}, 'Nutrient'),
          weekly ? h('th', {scope: 'col'}, 'Week’s total') : null,
          h('th', {scope: 'col'}, weekly ? 'Average a day' : 'Amount'),
          h('th', {scope: 'col'}, 'Minimum'), h('th', {scope: 'col'}, 'Maximum'),
          h('th', {scope: 'col'}, '% of target'), h('th', {scope: 'col'}, 'Status'))),
        h('tbody', {}, rows.map((r) => h('tr', {'data-nutrient': r.nutrient},
          h('th', {scope: 'row'}, r.name),
          weekly ? h('td', {class: 'num'}, `${num(r.total, 1)} ${r.unit}`) : null,
          h('td', {class: 'num'}, `${num(r.value, 2)} ${r.unit}`),
          h('td', {class: 'num'}, r.min !== null ? `${num(r.min, 2)} ${r.unit}` : '—'),
          h('td', {class: 'num'}, r.max !== null ? `${num(r.max, 2)} ${r.unit}` : '—'),
          h('td', {class: 'num'}, `${num(r.percent, 1)} %`),
          h('td', {}, statusText(r))))))));
  return h('figure', {class: 'cov-chart', 'aria-labelledby': titleId, 'data-scale': scale},
    h('figcaption', {id: titleId}, h('strong', {}, `Nutrient coverage, ${label}: `), summary, '.'),
    h('p', {class: 'cov-legend muted'},
      h('span', {class: 'legend-item'}, h('span', {class: 'swatch swatch-met', 'aria-hidden': 'true'}), '✓ met'),
      h('span', {class: 'legend-item'}, h('span', {class: 'swatch swatch-low', 'aria-hidden': 'true'}), '▼ below the minimum'),
      h('span', {class: 'legend-item'}, h('span', {class: 'swatch swatch-high', 'aria-hidden': 'true'}), '▲ above the maximum'),
      weeklyCount ? h('span', {class: 'legend-item'}, h('span', {class: 'swatch swatch-weekly', 'aria-hidden': 'true'}),
        '○ checked on the week’s average') : null,
      h('span', {class: 'legend-item'}, h('span', {class: 'swatch swatch-min', 'aria-hidden': 'true'}), 'minimum'),
      h('span', {class: 'legend-item'}, h('span', {class: 'swatch swatch-max', 'aria-hidden': 'true'}), 'maximum'),
      ` Bars run from 0 to ${scale} % of the target; faint lines every 100 %.`),
    list, table);
}

/**
 * The coverage screen's body: who (when the plan has several people) and which view (the week or a
 * day), then the chart, redrawn in place when either changes. `initialDay` null = the week.
 */
export function coveragePanel(doc, {initialDay = null, onChange} = {}) {
  const {days, people} = planShape(doc);
  const personId = newId('cov-person');
  const viewId = newId('cov-view');
  const personSelect = people.length > 1 ?
    h('select', {id: personId, name: 'person'}, people.map((p) => h('option', {value: p}, p))) : null;
  const viewSelect = h('select', {id: viewId, name: 'view'},
    h('option', {value: 'week'}, `The week (${days.length} days, average a day)`),
    days.map((d) => h('option', {value: String(d), selected: d === initialDay}, `Day ${d}`)));
  const holder = h('div', {class: 'cov-holder', 'aria-live': 'polite'});
  const draw = () => {
    const person = personSelect ? personSelect.value : people[0];
    const day = viewSelect.value === 'week' ? null : Number(viewSelect.value);
    const label = `${day === null ? 'the week, average a day' : `day ${day}`}${people.length > 1 ? ` (${person})` : ''}`;
    holder.replaceChildren(coverageChart(coverageRows(doc, person, day), label));
    if (onChange) onChange(day);
  };
  const controls = h('div', {class: 'cov-controls'},
    personSelect ? h('div', {class: 'field'}, h('label', {for: personId}, 'Person'), personSelect) : null,
    h('div', {class: 'field'}, h('label', {for: viewId}, 'Show'), viewSelect));
  personSelect?.addEventListener('change', draw);
  viewSelect.addEventListener('change', draw);
  draw();
  return h('div', {class: 'cov-panel'}, controls, holder);
}
