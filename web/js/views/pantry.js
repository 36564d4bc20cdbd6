// The pantry (#/pantry): what is in the caller's pantry — their own, or their household's shared one
// (GET /pantry says which) — with what to use soon first: lots past their date are marked expired,
// lots within N days (the person chooses N; 3 by default) are highlighted. Add a lot (a food picked
// from GET /foods?q= in an ARIA combobox, an amount in grams or one of the food's household measures,
// a best-before date), use some of a food (POST /pantry/use takes it earliest expiry first), or remove
// a lot (DELETE /pantry/items/{id}).

import {ApiError, api, clearErrors, loadInto, showProblem} from '../api.js';
import {confirmIn, field, h, num, replace} from '../dom.js';
import {foodCombobox} from '../food-search.js';
import {navigate} from '../router.js';

const MASS_UNITS = [['g', 'grams (g)'], ['kg', 'kilograms (kg)'], ['oz', 'ounces (oz)'], ['lb', 'pounds (lb)']];
const DEFAULT_WITHIN = 3;

/** "household:4" → words for the heading's subtitle. */
function pantryName(pantry) {
  if (String(pantry).startsWith('household:')) return "Your household's shared pantry: everyone in the household sees and uses it.";
  if (String(pantry).startsWith('kitchen:')) return "The community kitchen's pooled pantry.";
  return 'Your own pantry. Join a household to share one.';
}

function grams(value) {
  if (value >= 1000) return `${num(value / 1000, 2)} kg`;
  return `${num(value, value < 10 ? 1 : 0)} g`;
}

/**
 * The server's message for a pantry write names `amount` also when the unit is what is wrong
 * ("no conversion from "large" to grams…"): that message belongs next to the unit.
 */
function placeUnitErrors(err) {
  if (!(err instanceof ApiError)) return err;
  // "16069 Lentils, raw: the amount must be a number more than 0, got 0" comes without a field
  // from /pantry/use.
  if (!err.errors.length && err.status === 400 && /amount must be/.test(err.detail)) {
    err.errors = [{field: 'amount', detail: err.detail}];
  }
  // Not enough in the pantry: also the amount's fault. The pantry's internal name is left out.
  const short = !err.errors.length && err.status === 409 && String(err.detail).match(/^not enough .*?: (asked for .*)$/);
  if (short) err.errors = [{field: 'amount', detail: `is more than the pantry holds: ${short[1]}`}];
  for (const e of err.errors) {
    const detail = e.detail || '';
    if (e.field === 'amount' && /^no conversion/.test(detail)) e.field = 'unit';
    const m = detail.match(/the amount must be (.*), got (.*)$/);
    if (e.field === 'amount' && m) e.detail = `must be ${m[1]} (it is ${m[2]})`;
  }
  return err;
}

/** Shows err on form and moves the focus to the first thing it marks. */
function report(form, err) {
  const first = showProblem(form, placeUnitErrors(err));
  if (first) {
    if (!first.matches('input, select, button, fieldset')) first.setAttribute('tabindex', '-1');
    const target = first.tagName === 'FIELDSET' ? first.querySelector('input') || first : first;
    target.focus();
  }
}

/** Fills a unit <select> with the mass units and the food's household measures (GET /foods/{id}). */
async function loadUnits(select, foodId) {
  const keep = select.value;
  const options = [...MASS_UNITS];
  if (foodId) {
    try {
      const food = await api('GET', `/foods/${encodeURIComponent(foodId)}`);
      for (const m of food.household_measures || []) {
        options.push([m.description, `${m.amount === 1 ? '' : `${num(m.amount, 2)} `}${m.description} (${num(m.grams, 1)} g)`]);
      }
    } catch {
      // The mass units alone still work.
    }
  }
  replace(select, options.map(([v, text]) => h('option', {value: v}, text)));
  select.value = options.some(([v]) => v === keep) ? keep : 'g';
}

/** #/pantry[?within=N] */
export async function pantryView(main, params, query, alive) {
  const asked = Number.parseInt(query.get('within'), 10);
  const within = Number.isNaN(asked) ? DEFAULT_WITHIN : Math.max(0, Math.min(365, asked));
  const status = h('p', {class: 'muted', role: 'status'}, 'Loading…');
  const subtitle = h('p', {class: 'lead'});
  const soonBox = h('section', {'aria-labelledby': 'pantry-soon-title'});
  const restBox = h('section', {'aria-labelledby': 'pantry-all-title'});
  const message = h('div', {class: 'pantry-message', role: 'status', 'aria-live': 'polite'});

  // Expiring soon: N days.
  const withinForm = h('form', {class: 'inline-form', novalidate: true},
    field({name: 'within', label: 'Show as “use soon” what expires within (days)', type: 'number', min: 0, max: 365,
      step: 1, inputmode: 'numeric', value: within}),
    h('button', {type: 'submit', class: 'secondary'}, 'Show'));
  withinForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    clearErrors(withinForm);
    const n = Number(withinForm.within.value);
    if (!Number.isInteger(n) || n < 0 || n > 365) {
      report(withinForm, new ApiError(400, {errors: [{field: 'within', detail: 'must be a whole number of days from 0 to 365'}]}));
      return;
    }
    navigate(`#/pantry?within=${n}`);
  });

  const addForm = addItemForm(async (added) => {
    await load();
    message.textContent = `Added ${added}.`;
  });

  main.append(h('h1', {}, 'Pantry'), subtitle, status, message,
    h('div', {class: 'pantry-layout'},
      h('div', {class: 'pantry-lists'}, withinForm, soonBox, restBox),
      h('section', {class: 'card pantry-add', 'aria-labelledby': 'pantry-add-title'},
        h('h2', {id: 'pantry-add-title'}, 'Add to the pantry'), addForm)));

  async function load() {
    const answer = await loadInto(status, () => api('GET', '/pantry'), 'The pantry could not be loaded');
    if (!answer || !alive()) return;
    status.textContent = '';
    status.hidden = true;
    subtitle.textContent = pantryName(answer.pantry);
    render(answer.items || []);
  }

  function render(items) {
    const soon = [];
    const rest = [];
    for (const item of items) {
      const d = item.days_left;
      if (d !== null && d !== undefined && d <= within) soon.push(item);
      else rest.push(item);
    }
    // Expired first, then by days left; the server already lists earliest expiry first.
    soon.sort((a, b) => a.days_left - b.days_left);
    replace(soonBox,
      h('h2', {id: 'pantry-soon-title'}, `Use soon (${soon.length})`),
      h('p', {class: 'muted'}, within === 0 ? 'Expired or expiring today.' : `Expired, or expiring within ${within} ${within === 1 ? 'day' : 'days'}.`),
      soon.length ? itemList(soon, 'soon') : h('p', {}, 'Nothing to use up soon.'));
    replace(restBox,
      h('h2', {id: 'pantry-all-title'}, soon.length ? `Everything else (${rest.length})` : `In the pantry (${rest.length})`),
      rest.length ? itemList(rest, 'rest') : h('p', {}, items.length ? 'Nothing else.' : 'The pantry is empty. Add what you have on the right.'));
  }

  function itemList(items, which) {
    return h('ul', {class: `pantry-list pantry-${which}`}, items.map((item) => itemRow(item)));
  }

  function itemRow(item) {
    const d = item.days_left;
    let state = 'keeps';
    let when = 'No best-before date';
    if (d !== null && d !== undefined) {
      if (d < 0) {
        state = 'expired';
        when = `Expired ${item.expiry} (${-d} ${d === -1 ? 'day' : 'days'} ago)`;
      } else if (d <= within) {
        state = 'soon';
        when = d === 0 ? `Expires today (${item.expiry})` : `Expires in ${d} ${d === 1 ? 'day' : 'days'} (${item.expiry})`;
      } else {
        state = 'fresh';
        when = `Best before ${item.expiry} (${d} days)`;
      }
    }
    const name = item.food_name || item.food;
    const badge = state === 'expired' ? h('span', {class: 'badge badge-expired'}, 'Expired') :
      state === 'soon' ? h('span', {class: 'badge badge-soon'}, 'Use soon') : null;
    const li = h('li', {class: `pantry-item state-${state}`, 'data-item': item.id, 'data-food': item.food, 'data-state': state});
    const useBox = h('div', {class: 'pantry-use', hidden: true});
    const useButton = h('button', {type: 'button', class: 'secondary', 'aria-expanded': 'false'},
      'Use some', h('span', {class: 'visually-hidden'}, ` of ${name}`));
    const removeButton = h('button', {type: 'button', class: 'secondary danger'},
      'Remove', h('span', {class: 'visually-hidden'}, ` ${name}`));
    useButton.addEventListener('click', () => {
      const open = useBox.hidden;
      useBox.hidden = !open;
      useButton.setAttribute('aria-expanded', String(open));
      if (open) {
        if (!useBox.firstChild) useBox.append(useForm(item, name));
        useBox.querySelector('input').focus();
      }
    });
    removeButton.addEventListener('click', () => confirmRemove(li, item, name, removeButton));
    replace(li,
      h('div', {class: 'pantry-item-head'},
        h('h3', {class: 'pantry-food'}, name),
        badge),
      h('p', {class: 'pantry-facts'},
        h('span', {class: 'pantry-amount', 'data-grams': item.grams}, grams(item.grams)),
        h('span', {class: `pantry-when when-${state}`}, when),
        item.location ? h('span', {class: 'muted'}, item.location) : null,
        item.note ? h('span', {class: 'muted'}, item.note) : null),
      h('div', {class: 'actions pantry-actions'}, useButton, removeButton),
      useBox);
    return li;
  }

  function useForm(item, name) {
    const unit = field({name: 'unit', label: 'Unit', type: 'select', value: 'g', options: MASS_UNITS});
    const form = h('form', {class: 'inline-form', novalidate: true, 'aria-label': `Use some of ${name}`},
      field({name: 'amount', label: 'Amount to use', type: 'number', min: 0, step: 'any', inputmode: 'decimal', required: true}),
      unit,
      h('button', {type: 'submit', class: 'primary'}, 'Use', h('span', {class: 'visually-hidden'}, ` ${name}`)),
      h('p', {class: 'hint form-wide'}, 'Taken from the lots of this food that expire first.'));
    loadUnits(form.unit, item.food);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      clearErrors(form);
      const raw = form.amount.value.trim();
      if (raw === '' || !Number.isFinite(Number(raw))) {
        report(form, new ApiError(400, {errors: [{field: 'amount', detail: 'must be a number more than 0'}]}));
        return;
      }
      const button = form.querySelector('button[type=submit]');
      button.disabled = true;
      try {
        const answer = await api('POST', '/pantry/use', {food: item.food, amount: Number(raw), unit: form.unit.value});
        const taken = (answer.taken || []).reduce((s, t) => s + t.grams_taken, 0);
        await load();
        message.textContent = `Used ${grams(taken)} of ${name}.`;
      } catch (err) {
        report(form, err);
      } finally {
        button.disabled = false;
      }
    });
    return form;
  }

  function confirmRemove(li, item, name, removeButton) {
    confirmIn(li, removeButton, {
      question: `Remove ${grams(item.grams)} of ${name} from the pantry?`,
      yes: 'Yes, remove',
      no: 'Keep it',
      className: 'pantry-confirm',
      onYes: async () => {
        await api('DELETE', `/pantry/items/${encodeURIComponent(item.id)}`);
        await load();
        message.textContent = `Removed ${name}.`;
        const heading = main.querySelector('h1');
        if (heading) heading.focus();
      },
    });
  }

  await load();
}

function addItemForm(onAdded) {
  let units;
  const combo = foodCombobox({onPick: (f) => loadUnits(units, f ? f.id : null)});
  const unitField = field({name: 'unit', label: 'Unit', type: 'select', value: 'g', options: MASS_UNITS,
    hint: 'Grams, or one of the food’s own measures once it is chosen.'});
  units = unitField.querySelector('select');
  const form = h('form', {novalidate: true, 'aria-labelledby': 'pantry-add-title'},
    combo.element,
    h('div', {class: 'field-pair'},
      field({name: 'amount', label: 'Amount', type: 'number', min: 0, step: 'any', inputmode: 'decimal', required: true}),
      unitField),
    field({name: 'expiry', label: 'Best before', type: 'date', hint: 'Leave empty for food that keeps.'}),
    field({name: 'location', label: 'Where it is kept', maxlength: 100, hint: 'For example fridge, freezer, cupboard.'}),
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Add to the pantry')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const errors = [];
    if (!combo.value()) errors.push({field: 'food', detail: 'is required: type a few letters and choose a food'});
    const raw = form.amount.value.trim();
    if (raw === '' || !Number.isFinite(Number(raw))) errors.push({field: 'amount', detail: 'must be a number more than 0'});
    if (form.expiry.value === '' && form.expiry.validity.badInput) errors.push({field: 'expiry', detail: 'is not a complete date'});
    if (errors.length) {
      report(form, new ApiError(400, {errors}));
      return;
    }
    const body = {food: combo.value(), amount: Number(raw), unit: form.unit.value};
    if (form.expiry.value) body.expiry = form.expiry.value;
    if (form.location.value.trim()) body.location = form.location.value.trim();
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      const added = await api('POST', '/pantry/items', body);
      const what = `${grams(added.grams)} of ${added.food_name || added.food}`;
      form.reset();
      combo.reset();
      await loadUnits(units, null);
      await onAdded(what);
      combo.input.focus();
    } catch (err) {
      report(form, err);
    } finally {
      button.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });
  return form;
}
