// The food search: an ARIA 1.2 combobox over GET /api/v1/foods?q= (USDA SR28 foods), shared by the
// pantry (adding a lot) and my recipes (each ingredient row). Type two letters or more; the matches open
// in a listbox; ↓/↑ move through them (aria-activedescendant), Enter chooses, Escape closes; a status
// line announces how many were found.

import {api, describe} from './api.js';
import {h, newId, replace} from './dom.js';

/**
 * A food combobox: type, then pick with the arrow keys and Enter (or a click). The input is named
 * `name` (default `food`) so the server's errors about that field land next to it. `label` is text or
 * nodes (e.g. a visually hidden row number before “Food”). Returns {element, input, value(), reset()};
 * onPick(food or null) runs when a food is chosen or the text changes. An empty `hint` leaves it out.
 */
export function foodCombobox({label = 'Food', name = 'food', hint = 'Type a few letters, then choose from the list.',
  onPick = () => {}} = {}) {
  const id = newId('food');
  const listId = `${id}-list`;
  const hintId = hint ? `${id}-hint` : null;
  const input = h('input', {id, name, type: 'text', role: 'combobox', autocomplete: 'off', required: true,
    'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId, 'aria-describedby': hintId,
    spellcheck: 'false', maxlength: 200});
  const list = h('ul', {id: listId, role: 'listbox', class: 'combo-list', 'aria-label': 'Food suggestions', hidden: true});
  const live = h('p', {class: 'visually-hidden', role: 'status', 'aria-live': 'polite'});
  let foods = [];
  let active = -1;
  let picked = null;  // {id, name}
  let timer = 0;
  let ticket = 0;

  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }
  function setActive(i) {
    active = i;
    [...list.children].forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
    if (i >= 0 && list.children[i]) {
      input.setAttribute('aria-activedescendant', list.children[i].id);
      list.children[i].scrollIntoView({block: 'nearest'});
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }
  function pick(i) {
    const f = foods[i];
    if (!f) return;
    picked = {id: f.id, name: f.name};
    input.value = f.name;
    close();
    live.textContent = `${f.name} chosen.`;
    onPick(picked);
  }
  async function search() {
    const q = input.value.trim();
    const mine = ++ticket;
    if (q.length < 2) {
      foods = [];
      close();
      return;
    }
    let answer;
    try {
      answer = await api('GET', `/foods?q=${encodeURIComponent(q)}&limit=8`);
    } catch (err) {
      if (mine !== ticket) return;
      live.textContent = `The food search failed: ${describe(err)}`;
      return;
    }
    if (mine !== ticket) return;
    foods = answer.foods || [];
    replace(list, foods.map((f, i) => h('li', {id: `${listId}-${i}`, role: 'option', 'aria-selected': 'false',
      'data-food': f.id, onMousedown: (ev) => ev.preventDefault(), onClick: () => pick(i)},
    f.name, h('span', {class: 'combo-id'}, ` ${f.id}`))));
    if (!foods.length) list.append(h('li', {class: 'combo-none', 'aria-disabled': 'true'}, 'No food matches these words.'));
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    setActive(-1);
    live.textContent = foods.length ? `${foods.length} foods found; use the arrow keys to choose.` : 'No food matches these words.';
  }

  input.addEventListener('input', () => {
    picked = null;
    onPick(null);
    clearTimeout(timer);
    timer = setTimeout(search, 250);
  });
  input.addEventListener('keydown', (ev) => {
    const open = !list.hidden && foods.length;
    if (ev.key === 'ArrowDown') {
      ev.preventDefault();
      if (!open) search();
      else setActive(Math.min(active + 1, foods.length - 1));
    } else if (ev.key === 'ArrowUp') {
      if (open) {
        ev.preventDefault();
        setActive(Math.max(active - 1, 0));
      }
    } else if (ev.key === 'Enter') {
      if (open && active >= 0) {
        ev.preventDefault();
        pick(active);
      }
    } else if (ev.key === 'Escape') {
      if (!list.hidden) {
        ev.preventDefault();
        close();
      }
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 150));

  const element = h('div', {class: 'field combo'},
    h('div', {class: 'label-row'}, h('label', {for: id}, label), h('span', {class: 'req', 'aria-hidden': 'true'}, '(required)')),
    h('div', {class: 'combo-box'}, input, list),
    hint ? h('p', {class: 'hint', id: hintId}, hint) : null,
    live);
  return {
    element,
    input,
    /** The picked food's id when the text is still its name, else the text (the server looks it up). */
    value() {
      return picked && input.value === picked.name ? picked.id : input.value.trim();
    },
    reset() {
      picked = null;
      input.value = '';
      close();
    },
  };
}
