// A vendor's stall (#/stall), for vendor accounts: the account's own vendor (account.vendor_id from
// GET /auth/session) and its products (GET /vendors/{id}). Upload a stock CSV (docs/market-format.md)
// to POST /vendors/{id}/products/import — all or nothing: one bad line and nothing is imported, and
// every bad line is listed with its line and column — and edit a product's price and stock in place
// (PUT /vendors/{id}/products/{pid} with the whole product), errors next to the field.

import {ApiError, api, clearErrors, describe, errorText, loadInto, setToken, showProblem, token} from '../api.js';
import {h, money, num, replace} from '../dom.js';
import {navigate} from '../router.js';
import {endSession, flash} from '../session.js';

const KINDS = {market_stall: 'Market stall', grocer: 'Grocer', farm: 'Farm', community_kitchen: 'Community kitchen'};
const PRODUCTION = {local_farm: 'Local farm', greenhouse: 'Greenhouse', lab_grown: 'Lab grown', imported: 'Imported',
  wild_caught: 'Wild caught'};

/** POSTs a CSV file's text; api() sends JSON only. Same errors and session handling as api(). */
async function postCsv(path, text) {
  const headers = {Accept: 'application/json, application/problem+json', 'Content-Type': 'text/csv; charset=utf-8'};
  const t = token();
  if (t) headers.Authorization = `Bearer ${t}`;
  let response;
  try {
    response = await fetch(`/api/v1${path}`, {method: 'POST', headers, body: text, credentials: 'omit', cache: 'no-store'});
  } catch {
    throw new ApiError(0, {title: 'No connection', detail: 'The server could not be reached. Check your connection and try again.'});
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) {
    const err = new ApiError(response.status, data && typeof data === 'object' ? data : {title: response.statusText});
    if (response.status === 401 && t) {
      setToken(null);
      endSession();
      flash('Your session ended. Please sign in again.', 'error');
      navigate('#/signin');
    }
    throw err;
  }
  return data;
}

/**
 * The import's messages, one per bad line: "line 4: column price: must be >= 0" →
 * {line: 4, column: 'price', text: 'must be >= 0'}; messages about the whole file keep line null.
 */
export function importProblems(err) {
  const lines = err.errors.length ? err.errors.map((e) => (e.field ? `${e.field}: ${e.detail}` : e.detail)) :
    String(err.detail || err.message).split('\n');
  return lines.filter(Boolean).map((text) => {
    const m = text.match(/^line (\d+): (?:column ([^:]+): )?(.*)$/s);
    if (m) return {line: Number(m[1]), column: m[2] || null, text: m[3]};
    const c = text.match(/^column ([^:]+): (.*)$/s);
    if (c) return {line: null, column: c[1], text: c[2]};
    return {line: null, column: null, text};
  });
}

/** #/stall */
export async function stallView(main, params, query, alive) {
  main.append(h('h1', {}, 'My stall'));
  const status = h('p', {class: 'muted', role: 'status'}, 'Loading…');
  main.append(status);
  const account = await loadInto(status, () => api('GET', '/auth/session'));
  if (!account || !alive()) return;
  if (account.role !== 'vendor' || !account.vendor_id) {
    status.className = '';
    status.textContent = 'This page is for market vendors: your account does not run a stall.';
    return;
  }
  const vid = account.vendor_id;
  const info = h('section', {class: 'card', 'aria-labelledby': 'stall-vendor'});
  const upload = uploadForm(vid, () => load());
  const productsBox = h('section', {'aria-labelledby': 'stall-products'});
  status.replaceWith(info,
    h('section', {class: 'card', 'aria-labelledby': 'stall-upload'},
      h('h2', {id: 'stall-upload'}, 'Upload your stock'),
      h('p', {}, 'A products CSV as described in the market file format: a header line, then one product per line ',
        'with the columns vendor_id, id, name, food, package_g (or package_ml), price, production, and optionally ',
        'stock, currency, origin, organic and the others. A product already listed (same id) is replaced.'),
      h('p', {class: 'all-or-nothing'}, h('strong', {}, 'All or nothing: '),
        'if any line has an error, nothing is imported. Every bad line is listed with its line number and column; ',
        'correct them and upload the file again.'),
      upload),
    productsBox);

  async function load() {
    let vendor;
    try {
      vendor = await api('GET', `/vendors/${encodeURIComponent(vid)}`);
    } catch (err) {
      replace(productsBox, errorText(err, 'Your products could not be loaded'));
      return;
    }
    if (!alive()) return;
    replace(info,
      h('h2', {id: 'stall-vendor'}, vendor.name),
      h('dl', {class: 'facts'},
        h('div', {}, h('dt', {}, 'Kind'), h('dd', {}, KINDS[vendor.kind] || vendor.kind)),
        h('div', {}, h('dt', {}, 'Vendor id'), h('dd', {}, h('code', {}, vendor.id))),
        vendor.opening_hours ? h('div', {}, h('dt', {}, 'Opening hours'), h('dd', {}, vendor.opening_hours)) : null,
        h('div', {}, h('dt', {}, 'Location'), h('dd', {}, `${num(vendor.lat, 4)}, ${num(vendor.lon, 4)}`))));
    renderProducts(vendor.products || []);
  }

  function renderProducts(products) {
    const sorted = [...products].sort((a, b) => a.name.localeCompare(b.name));
    const currency = (products.find((p) => p.currency) || {}).currency || 'USD';
    replace(productsBox,
      h('h2', {id: 'stall-products'}, `Products (${products.length})`),
      h('p', {class: 'muted'}, 'Change a price or the stock and press Save on that row. Leave the stock empty when you do not count it.'),
      h('div', {class: 'table-scroll', tabindex: 0, role: 'region', 'aria-labelledby': 'stall-products'},
        h('table', {class: 'products'},
          h('caption', {class: 'visually-hidden'}, 'Your products, with their price and stock'),
          h('thead', {}, h('tr', {},
            h('th', {scope: 'col'}, 'Product'), h('th', {scope: 'col'}, 'Package'), h('th', {scope: 'col'}, `Price (${currency})`),
            h('th', {scope: 'col'}, 'Stock (packages)'), h('th', {scope: 'col'}, h('span', {class: 'visually-hidden'}, 'Save')))),
          h('tbody', {}, sorted.map(productRow)))));
  }

  function productRow(p) {
    const formId = `product-${p.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    const priceId = `${formId}-price`;
    const stockId = `${formId}-stock`;
    const currency = p.currency || 'USD';
    const form = h('form', {id: formId, novalidate: true, class: 'row-form', 'aria-label': `Changes to ${p.name}`});
    const price = h('input', {id: priceId, name: 'price', type: 'number', min: 0, step: '0.01', inputmode: 'decimal',
      form: formId, value: p.price, class: 'short'});
    const stock = h('input', {id: stockId, name: 'stock', type: 'number', min: 0, step: 1, inputmode: 'numeric',
      form: formId, value: p.stock ?? '', class: 'short'});
    const saved = h('span', {class: 'saved', role: 'status'});
    form.append(h('button', {type: 'submit', class: 'secondary'}, 'Save', h('span', {class: 'visually-hidden'}, ` ${p.name}`)), saved);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      clearErrors(form.closest('tr'));  // the row's controls and their messages sit outside the form
      saved.textContent = '';
      const errors = [];
      const priceText = price.value.trim();
      const stockText = stock.value.trim();
      if (priceText === '' || !Number.isFinite(Number(priceText))) errors.push({field: 'price', detail: 'must be a number (0 or more)'});
      if (stockText !== '' && !Number.isFinite(Number(stockText))) errors.push({field: 'stock', detail: 'must be a whole number (0 or more), or empty'});
      if (errors.length) {
        showRowProblem(form, new ApiError(400, {errors}));
        return;
      }
      const body = {...p, price: Number(priceText)};
      if (stockText === '') delete body.stock;
      else body.stock = Number(stockText);
      body.updated_at = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      const button = form.querySelector('button');
      button.disabled = true;
      try {
        const answer = await api('PUT', `/vendors/${encodeURIComponent(vid)}/products/${encodeURIComponent(p.id)}`, body);
        Object.assign(p, answer);
        if (answer.stock === undefined) delete p.stock;
        price.value = String(answer.price);
        stock.value = answer.stock ?? '';
        saved.textContent = `Saved: ${money(answer.price, currency)}${answer.stock !== undefined ? `, ${answer.stock} in stock` : ''}.`;
      } catch (err) {
        showRowProblem(form, err);
      } finally {
        button.disabled = false;
      }
    });
    return h('tr', {'data-product': p.id},
      h('th', {scope: 'row'}, h('span', {class: 'product-name'}, p.name),
        h('span', {class: 'muted product-meta'}, `${p.id} · food ${p.food}${p.production ? ` · ${PRODUCTION[p.production] || p.production}` : ''}${p.organic ? ' · organic' : ''}`)),
      h('td', {class: 'num'}, p.package_g ? `${num(p.package_g, 0)} g` : p.package_ml ? `${num(p.package_ml, 0)} ml` : '—'),
      h('td', {}, h('div', {class: 'field cell-field'},
        h('label', {for: priceId, class: 'visually-hidden'}, `Price of ${p.name}`), price)),
      h('td', {}, h('div', {class: 'field cell-field'},
        h('label', {for: stockId, class: 'visually-hidden'}, `Stock of ${p.name}`), stock)),
      h('td', {}, form));
  }

  await load();
}

/** The server names a product's fields as products[0].price; the row's controls are price and stock. */
function showRowProblem(form, err) {
  if (err instanceof ApiError) {
    for (const e of err.errors) {
      if (e.field) e.field = e.field.replace(/^products\[\d+\]\./, '');
    }
  }
  clearErrors(form.closest('tr') || form);
  const first = showProblem(form, err);
  // Every message sits at its field in the row: the form's "correct the fields below" is not needed.
  if (first && first.matches('input')) form.querySelector('.form-error')?.remove();
  if (first) {
    if (!first.matches('input, select, button')) first.setAttribute('tabindex', '-1');
    first.focus();
  }
}

function uploadForm(vid, onImported) {
  const result = h('div', {class: 'import-result'});
  const inputId = 'stock-file';
  const form = h('form', {novalidate: true, 'aria-labelledby': 'stall-upload'},
    h('div', {class: 'field'},
      h('label', {for: inputId}, 'Stock file (CSV)'),
      h('input', {id: inputId, name: 'file', type: 'file', accept: '.csv,text/csv', required: true, 'aria-describedby': `${inputId}-hint`}),
      h('p', {class: 'hint', id: `${inputId}-hint`}, 'Up to 1 MB; UTF-8.')),
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Upload and import')),
    result);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    result.replaceChildren();
    const file = form.file.files[0];
    if (!file) {
      showProblem(form, new ApiError(400, {errors: [{field: 'file', detail: 'is required: choose a CSV file'}]}));
      form.file.focus();
      return;
    }
    if (file.size > 1024 * 1024) {
      showProblem(form, new ApiError(400, {errors: [{field: 'file', detail: `is ${num(file.size / 1048576, 1)} MB; the limit is 1 MB`}]}));
      form.file.focus();
      return;
    }
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      const text = await file.text();
      const answer = await postCsv(`/vendors/${encodeURIComponent(vid)}/products/import`, text);
      await onImported();
      const box = h('div', {class: 'import-ok', role: 'status', tabindex: -1},
        `Imported ${answer.imported} ${answer.imported === 1 ? 'product' : 'products'} from ${file.name}.`);
      result.append(box);
      box.focus();
      form.reset();
    } catch (err) {
      const box = importErrorBox(file.name, err);
      result.append(box);
      box.focus();
    } finally {
      button.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });
  return form;
}

function importErrorBox(name, err) {
  if (!(err instanceof ApiError) || (err.status !== 400 && err.status !== 403)) {
    return h('div', {class: 'form-error', role: 'alert', tabindex: -1}, `Nothing was imported. ${describe(err)}`);
  }
  const problems = importProblems(err);
  return h('div', {class: 'import-errors', role: 'alert', tabindex: -1},
    h('h3', {}, `Nothing was imported: ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} in ${name}`),
    h('p', {}, 'The import is all or nothing. Correct these lines and upload the whole file again.'),
    h('ul', {}, problems.map((p) => h('li', {'data-line': p.line ?? '', 'data-column': p.column ?? ''},
      p.line ? h('strong', {}, `Line ${p.line}`) : null,
      p.line && p.column ? ', ' : '',
      p.column ? h('strong', {}, `column ${p.column}`) : null,
      p.line || p.column ? ': ' : '',
      p.text))));
}
