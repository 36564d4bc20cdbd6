// The shopping list of a plan (#/plans/:id/shopping): POST /plans/{id}/shopping-list with its options
// (use the pantry first, local-first weights), grouped by vendor (nearest first) and aisle, each
// vendor's total and the overall total, a provenance badge per item (local farm, greenhouse,
// lab-grown, imported, wild-caught; organic; how far it travelled; kg CO2e), items that can be ticked
// off, and "Download CSV" (the same request with ?format=csv, fetched with the bearer token and saved
// through a Blob URL). Ticks are kept in this browser's localStorage per plan, so a reload keeps them.

import {ApiError, api, errorText, token} from '../api.js';
import {h, money, newId, num} from '../dom.js';
import {loadPlan, planNav} from './plan.js';

const PRODUCTION = {
  local_farm: 'Local farm', greenhouse: 'Greenhouse', lab_grown: 'Lab-grown', imported: 'Imported',
  wild_caught: 'Wild-caught',
};
const VENDOR_KINDS = {market_stall: 'market stall', grocer: 'grocer', farm: 'farm', community_kitchen: 'community kitchen'};

/** The localStorage key of a plan's ticked items. */
export function ticksKey(planId) {
  return `hearth.shopping.${planId}`;
}

function loadTicks(planId) {
  try {
    const list = JSON.parse(localStorage.getItem(ticksKey(planId)) || '[]');
    return new Set(Array.isArray(list) ? list : []);
  } catch {
    return new Set();
  }
}

function saveTicks(planId, ticks) {
  try {
    if (ticks.size) localStorage.setItem(ticksKey(planId), JSON.stringify([...ticks]));
    else localStorage.removeItem(ticksKey(planId));
  } catch {
    // Storage full or disabled: ticks then last until the page is left.
  }
}

/** A stable key for a line: the vendor and product (a product is bought once per list). */
function lineKey(vendor, line) {
  return `buy:${vendor.id}:${line.product_id}`;
}

export async function shoppingView(main, {id}, query, alive) {
  main.append(h('h1', {}, 'Shopping list'));
  const answer = await loadPlan(main, id, alive);
  if (!answer) return;
  const doc = answer.plan || answer;
  const currency = (doc.totals && doc.totals.currency) || 'USD';
  const ticks = loadTicks(id);

  const progress = h('div', {class: 'progress', hidden: true, role: 'status', 'aria-live': 'polite'},
    h('progress', {'aria-label': 'Making the shopping list'}),
    h('p', {}, 'Choosing whole packages at the market’s vendors…'));
  const form = h('form', {class: 'card shop-options', novalidate: true, 'aria-labelledby': 'shop-options-title'},
    h('h2', {id: 'shop-options-title'}, 'Options'),
    h('fieldset', {class: 'group'},
      h('legend', {}, 'How to shop'),
      h('div', {class: 'check'},
        h('input', {type: 'checkbox', id: 'shop-pantry', name: 'pantry', checked: query.get('pantry') !== '0'}),
        h('label', {for: 'shop-pantry'}, 'Use what my pantry holds first')),
      h('div', {class: 'check'},
        h('input', {type: 'checkbox', id: 'shop-local', name: 'local_first', checked: query.get('local') === '1'}),
        h('label', {for: 'shop-local'}, 'Prefer local food (counts climate impact, food-miles and non-local food more)'))),
    h('p', {class: 'hint'}, 'Everything is bought at the local market’s vendors, at their prices.'),
    h('div', {class: 'actions'},
      h('button', {type: 'submit', class: 'primary'}, 'Make the shopping list'),
      h('button', {type: 'button', class: 'secondary', id: 'shop-csv'}, 'Download CSV')),
    progress);
  const result = h('div', {class: 'shop-result'});
  main.append(planNav(id, 'shopping'), form, result);

  const options = () => {
    const body = {pantry: form.pantry.checked};
    if (form.local_first.checked) body.local_first = true;
    return body;
  };
  const busy = (on) => {
    for (const b of form.querySelectorAll('button')) b.disabled = on;
    if (on) form.setAttribute('aria-busy', 'true');
    else form.removeAttribute('aria-busy');
  };
  const formMessage = (node) => {
    for (const e of form.querySelectorAll('.form-error, .form-note')) e.remove();
    if (node) form.querySelector('.actions').after(node);
  };

  async function make() {
    busy(true);
    formMessage(null);
    progress.hidden = false;
    try {
      const list = await api('POST', `/plans/${encodeURIComponent(id)}/shopping-list`, options());
      if (!alive()) return;
      result.replaceChildren(...renderList(list, {planId: id, ticks, currency}));
    } catch (err) {
      if (!alive()) return;
      result.replaceChildren();
      formMessage(errorText(err));
    } finally {
      progress.hidden = true;
      busy(false);
    }
  }
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    make();
  });
  form.querySelector('#shop-csv').addEventListener('click', async () => {
    busy(true);
    formMessage(null);
    try {
      const name = await downloadCsv(id, options());
      formMessage(h('p', {class: 'form-note', role: 'status'}, `Saved ${name}.`));
    } catch (err) {
      formMessage(errorText(err));
    } finally {
      busy(false);
    }
  });
  await make();
}

/**
 * Fetches the list as CSV with the bearer token and hands it to the browser as a download (a Blob
 * URL on a temporary <a download>). Resolves to the file name.
 */
async function downloadCsv(planId, body) {
  let response;
  try {
    response = await fetch(`/api/v1/plans/${encodeURIComponent(planId)}/shopping-list?format=csv`, {
      method: 'POST', credentials: 'omit', cache: 'no-store',
      headers: {Authorization: `Bearer ${token()}`, 'Content-Type': 'application/json', Accept: 'text/csv, application/problem+json'},
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, {title: 'No connection', detail: 'The server could not be reached. Check your connection and try again.'});
  }
  if (!response.ok) {
    let problem = {title: response.statusText};
    try {
      problem = await response.json();
    } catch {
      // Not a problem document: keep the status text.
    }
    throw new ApiError(response.status, problem);
  }
  const disposition = response.headers.get('Content-Disposition') || '';
  const m = /filename="([^"]+)"/.exec(disposition);
  const name = m ? m[1] : `shopping-plan-${planId}.csv`;
  const blob = new Blob([await response.arrayBuffer()], {type: 'text/csv'});
  const url = URL.createObjectURL(blob);
  const a = h('a', {href: url, download: name, hidden: true});
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

function badges(line) {
  const s = line.sourcing || {};
  const out = [];
  if (s.production) {
    out.push(h('span', {class: `badge badge-${s.production.replace(/_/g, '-')}`}, PRODUCTION[s.production] || s.production));
  }
  if (s.local && s.production !== 'local_farm') out.push(h('span', {class: 'badge badge-local'}, 'Local'));
  if (s.organic) out.push(h('span', {class: 'badge badge-organic'}, 'Organic'));
  if (s.food_miles_km !== null && s.food_miles_km !== undefined) {
    out.push(h('span', {class: 'badge badge-info', title: s.origin || null}, `${num(s.food_miles_km, 0)} km from ${s.origin || 'origin'}`));
  } else if (s.origin) {
    out.push(h('span', {class: 'badge badge-info'}, `From ${s.origin}`));
  }
  out.push(h('span', {class: 'badge badge-info'}, `${num(s.co2e_kg, 2)} kg CO₂e`,
    s.sources && s.sources.co2e === 'default' ? h('span', {class: 'visually-hidden'}, ' (typical figure)') : null));
  return h('span', {class: 'badges'}, out);
}

function itemRow({key, ticks, planId, label, cost, detail, extra, data}) {
  const id = newId('item');
  const box = h('input', {type: 'checkbox', id, checked: ticks.has(key), 'data-key': key});
  const row = h('li', {class: `shop-item${ticks.has(key) ? ' ticked' : ''}`, ...data},
    h('div', {class: 'shop-item-main'},
      h('div', {class: 'check'}, box, h('label', {for: id}, label)),
      h('span', {class: 'shop-cost'}, cost)),
    detail ? h('p', {class: 'shop-detail muted'}, detail) : null,
    extra);
  box.addEventListener('change', () => {
    if (box.checked) ticks.add(key);
    else ticks.delete(key);
    row.classList.toggle('ticked', box.checked);
    saveTicks(planId, ticks);
  });
  return row;
}

/** The list's sections: summary, one per vendor, unavailable foods, the pantry's part, leftovers. */
function renderList(list, {planId, ticks, currency}) {
  const cur = list.currency || currency;
  const t = list.totals || {};
  const vendors = list.vendors || [];
  const itemCount = vendors.reduce((n, v) => n + v.aisles.reduce((m, a) => m + a.lines.length, 0), 0) +
    (list.unavailable || []).length;
  const summary = h('section', {class: 'card', 'aria-labelledby': 'shop-total-title'},
    h('h2', {id: 'shop-total-title'}, 'In all'),
    h('dl', {class: 'totals shop-totals'},
      h('div', {}, h('dt', {}, 'To pay'), h('dd', {'data-total': 'shop-cost'}, money(t.cost, cur))),
      h('div', {}, h('dt', {}, 'Vendors'), h('dd', {}, num(t.vendors_visited, 0),
        h('span', {class: 'muted'}, ` (${num(t.travel_km, 1)} km of trips)`))),
      h('div', {}, h('dt', {}, 'Climate impact'), h('dd', {}, `${num(t.co2e_kg, 1)} kg CO₂e`)),
      h('div', {}, h('dt', {}, 'Local, by weight'), h('dd', {}, `${num(t.local_pct, 0)} %`)),
      h('div', {}, h('dt', {}, 'Lab-grown, by weight'), h('dd', {}, `${num(t.lab_grown_pct, 0)} %`))),
    h('p', {class: 'muted'}, `${itemCount} ${itemCount === 1 ? 'item' : 'items'} for the days from ${list.start}. `,
      'Tick items off as you shop: the ticks are kept in this browser for this plan, so a reload keeps them.'),
    t.unavailable_estimate ? h('p', {}, `Not sold at the market: about ${money(t.unavailable_estimate, cur)} more elsewhere.`) : null);

  const vendorSections = vendors.map((v, vi) => {
    const titleId = `vendor-${vi}`;
    return h('section', {class: 'card vendor', 'aria-labelledby': titleId, 'data-vendor': v.id, 'data-cost': v.cost},
      h('h2', {id: titleId}, v.name),
      h('p', {class: 'muted'}, `${VENDOR_KINDS[v.kind] || v.kind}, ${num(v.distance_km, 1)} km away`,
        v.opening_hours ? ` · open ${v.opening_hours}` : ''),
      v.aisles.map((a) => [
        h('h3', {}, a.title),
        h('ul', {class: 'shop-items'}, a.lines.map((l) => itemRow({
          key: lineKey(v, l), ticks, planId,
          label: `${l.quantity} × ${l.product_name}`,
          cost: money(l.cost, cur),
          detail: `${l.food_name} · ${money(l.price, cur)} each`,
          extra: badges(l),
          data: {'data-price': l.price, 'data-quantity': l.quantity, 'data-cost': l.cost, 'data-product': l.product_id},
        }))),
      ]),
      h('p', {class: 'vendor-total'}, `Total at ${v.name}: `, h('strong', {'data-vendor-total': v.id}, money(v.cost, cur))));
  });

  const unavailable = (list.unavailable || []).length ? h('section', {class: 'card', 'aria-labelledby': 'unavail-title'},
    h('h2', {id: 'unavail-title'}, 'Not sold at the market'),
    h('p', {}, 'No vendor has these in stock (or not enough). Buy them elsewhere; the cost is hearth’s typical price.'),
    h('ul', {class: 'shop-items'}, list.unavailable.map((u) => itemRow({
      key: `unavailable:${u.food}`, ticks, planId,
      label: `${u.food_name}, ${num(u.purchased_g, 0)} g${u.partly_available ? ' (the rest of what is needed)' : ''}`,
      cost: u.estimated_cost !== null ? `about ${money(u.estimated_cost, cur)}` : 'no estimate',
      data: {'data-unavailable': u.food},
    })))) : null;

  const pantry = (list.pantry_used || []).length ? h('details', {class: 'card'},
    h('summary', {}, `From your pantry (${list.pantry_used.length})`),
    h('ul', {}, list.pantry_used.map((p) => h('li', {}, `${num(p.grams, 0)} g ${p.food_name}`,
      p.location ? ` (${p.location}${p.expiry ? `, use by ${p.expiry}` : ''})` : '')))) : null;
  const leftovers = (list.leftovers || []).length ? h('details', {class: 'card'},
    h('summary', {}, `Left over after the week (${list.leftovers.length})`),
    h('ul', {}, list.leftovers.map((l) => h('li', {}, `${num(l.leftover_g, 0)} g ${l.food_name}`)))) : null;

  if (!vendors.length && !unavailable) {
    return [summary, h('p', {class: 'ok'}, 'Nothing to buy: your pantry holds everything the week needs.'), pantry];
  }
  return [summary, ...vendorSections, unavailable, pantry, leftovers];
}
