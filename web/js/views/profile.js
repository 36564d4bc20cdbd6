// The profile wizard (#/profiles/new): four short steps — body, activity and pregnancy, health and
// food, budget and priorities — in one form, so a server error about any field can reveal its step.
// It POSTs the profile document of docs/profile-format.md to /api/v1/profiles and goes on to the
// profile's targets.

import {api, clearErrors, loadInto, showFieldError, showProblem} from '../api.js';
import {checkboxGroup, field, h} from '../dom.js';
import {navigate} from '../router.js';
import {flash} from '../session.js';

const ACTIVITY = [
  ['inactive', 'Inactive — daily life only, no exercise'],
  ['low_active', 'Low active — about 30 minutes of walking a day'],
  ['active', 'Active — about an hour of walking or exercise a day'],
  ['very_active', 'Very active — several hours of activity a day'],
];

// Conditions with rules in data/conditions/ (pregnancy and lactation come from their own fields).
export const CONDITIONS = [
  ['celiac', 'Celiac disease'],
  ['ckd_stage_3', 'Chronic kidney disease, stage 3'],
  ['ckd_stage_4', 'Chronic kidney disease, stage 4'],
  ['ckd_stage_5', 'Chronic kidney disease, stage 5 (not on dialysis)'],
  ['gout', 'Gout'],
  ['hyperlipidemia', 'High LDL cholesterol'],
  ['hypertension', 'High blood pressure'],
  ['lactose_intolerance', 'Lactose intolerance'],
  ['osteoporosis', 'Osteoporosis'],
  ['type2_diabetes', 'Type 2 diabetes'],
];

export const ALLERGIES = [
  ['milk', 'Milk'], ['egg', 'Egg'], ['fish', 'Fish'], ['shellfish', 'Shellfish'], ['molluscs', 'Molluscs'],
  ['tree_nut', 'Tree nuts'], ['peanut', 'Peanut'], ['wheat', 'Wheat'], ['gluten', 'Gluten'], ['soy', 'Soy'],
  ['sesame', 'Sesame'], ['celery', 'Celery'], ['mustard', 'Mustard'], ['sulphites', 'Sulphites'], ['lupin', 'Lupin'],
];

export const DIETS = [
  ['vegetarian', 'Vegetarian'], ['vegan', 'Vegan'], ['pescatarian', 'Pescatarian'], ['halal', 'Halal'],
  ['kosher', 'Kosher'], ['gluten_free', 'Gluten-free'], ['dairy_free', 'Dairy-free'],
];

// Objective weights in money per unit (docs/profile-format.md): what a kilogram of CO2e or a minute
// of cooking is worth to the planner next to a dollar of groceries.
const CO2E_WEIGHTS = [['0', 'Not a factor'], ['0.2', 'Somewhat (about the social cost of carbon)'], ['1', 'A lot']];
const TIME_WEIGHTS = [['0', 'Not a factor'], ['0.05', 'Somewhat (an hour of cooking is worth $3)'], ['0.2', 'A lot (an hour is worth $12)']];

const STEPS = ['About you', 'Activity', 'Health and food', 'Budget and priorities'];

function step(index, ...children) {
  return h('fieldset', {class: 'step', 'data-step': index, hidden: index !== 0},
    h('legend', {class: 'step-title'}, `Step ${index + 1} of ${STEPS.length}: ${STEPS[index]}`),
    ...children);
}

export function wizardView(main) {
  const femaleOnly = h('div', {class: 'female-only', hidden: true},
    field({name: 'pregnancy', label: 'Pregnancy', type: 'select', value: '',
      options: [['', 'Not pregnant'], ['1', 'First trimester'], ['2', 'Second trimester'], ['3', 'Third trimester']]}),
    field({name: 'lactation', label: 'Breastfeeding: months since the birth', type: 'number', min: 1, max: 24, step: 1,
      inputmode: 'numeric', hint: 'Leave empty if you are not breastfeeding.', 'data-msg': 'Enter 1 to 24 months, or leave it empty.'}));

  const form = h('form', {class: 'card wizard', novalidate: true, 'aria-labelledby': 'wizard-title'},
    h('ol', {class: 'steps', 'aria-label': 'Steps'}, STEPS.map((s, i) => h('li', {'data-step': i}, s))),
    step(0,
      field({name: 'name', label: 'Profile name', maxlength: 100, hint: 'Shown on plans: the first name of the person this profile is for.'}),
      field({name: 'age_years', label: 'Age (years)', type: 'number', min: 0, max: 120, step: 'any', required: true,
        inputmode: 'decimal', 'data-msg': 'Enter an age from 0 to 120 years.'}),
      field({name: 'sex', label: 'Sex', type: 'select', required: true, value: '',
        hint: 'Selects the reference values and the energy equation.',
        options: [['', 'Choose…'], ['female', 'Female'], ['male', 'Male']], 'data-msg': 'Choose female or male.'}),
      field({name: 'height_cm', label: 'Height (cm)', type: 'number', min: 40, max: 250, step: 'any', required: true,
        inputmode: 'decimal', 'data-msg': 'Enter a height from 40 to 250 cm.'}),
      field({name: 'weight_kg', label: 'Weight (kg)', type: 'number', min: 2, max: 350, step: 'any', required: true,
        inputmode: 'decimal', 'data-msg': 'Enter a weight from 2 to 350 kg.'})),
    step(1,
      field({name: 'activity', label: 'How active are you?', type: 'select', required: true, value: '',
        options: [['', 'Choose…'], ...ACTIVITY], 'data-msg': 'Choose an activity level.'}),
      femaleOnly),
    step(2,
      checkboxGroup({name: 'conditions', legend: 'Health conditions', items: CONDITIONS,
        hint: 'Targets follow the published guidance for each. Decision support, not medical advice.'}),
      checkboxGroup({name: 'allergies', legend: 'Allergies and intolerances (always left out)', items: ALLERGIES}),
      checkboxGroup({name: 'diet', legend: 'Diet', items: DIETS, hint: 'Leave all unticked to eat everything.'}),
      field({name: 'dislikes', label: 'Foods you dislike', maxlength: 500,
        hint: 'Separated by commas, e.g. liver, okra. Used sparingly rather than never.'})),
    step(3,
      field({name: 'budget_per_week', label: 'Grocery budget per week', type: 'number', min: 0, step: 'any',
        inputmode: 'decimal', hint: 'Leave empty for no limit.', 'data-msg': 'Enter an amount of 0 or more, or leave it empty.'}),
      field({name: 'currency', label: 'Currency', value: 'USD', maxlength: 3, autocomplete: 'off',
        pattern: '[A-Za-z]{3}', hint: 'A three-letter code such as USD or EUR.', 'data-msg': 'Enter a three-letter currency code.'}),
      field({name: 'objective_weights.co2e_kg', label: 'How much should climate impact count?', type: 'select', value: '0',
        options: CO2E_WEIGHTS}),
      field({name: 'objective_weights.time_min', label: 'How much should cooking time count?', type: 'select', value: '0',
        options: TIME_WEIGHTS})),
    h('div', {class: 'actions wizard-actions'},
      h('button', {type: 'button', class: 'secondary', 'data-action': 'back', hidden: true}, 'Back'),
      h('button', {type: 'button', class: 'primary', 'data-action': 'next'}, 'Next'),
      h('button', {type: 'submit', class: 'primary', hidden: true}, 'Save and see my targets')));

  let current = 0;
  const steps = [...form.querySelectorAll('fieldset.step')];
  const back = form.querySelector('[data-action=back]');
  const next = form.querySelector('[data-action=next]');
  const submit = form.querySelector('button[type=submit]');

  function show(index, focus = true) {
    current = index;
    steps.forEach((s, i) => { s.hidden = i !== index; });
    form.querySelectorAll('.steps li').forEach((li, i) => {
      if (i === index) li.setAttribute('aria-current', 'step');
      else li.removeAttribute('aria-current');
      li.classList.toggle('done', i < index);
    });
    back.hidden = index === 0;
    next.hidden = index === steps.length - 1;
    submit.hidden = index !== steps.length - 1;
    if (focus) {
      const first = steps[index].querySelector('input, select');
      if (first) first.focus();
    }
  }

  form.sex.addEventListener('change', () => {
    femaleOnly.hidden = form.sex.value !== 'female';
  });

  // Checks the controls of one step with their HTML constraints; shows a message next to each bad one.
  function validStep(index) {
    clearErrors(form);
    let firstBad = null;
    for (const control of steps[index].querySelectorAll('input, select')) {
      if (control.closest('[hidden]') && control.closest('[hidden]') !== steps[index]) continue;
      if (control.checkValidity()) continue;
      showFieldError(control, control.getAttribute('data-msg') || control.validationMessage);
      firstBad = firstBad || control;
    }
    if (firstBad) firstBad.focus();
    return !firstBad;
  }

  next.addEventListener('click', () => {
    if (validStep(current)) show(current + 1);
  });
  back.addEventListener('click', () => {
    clearErrors(form);
    show(current - 1);
  });

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    for (let i = 0; i < steps.length; i += 1) {
      if (!validStep(i)) {
        show(i, false);
        validStep(i);
        return;
      }
    }
    submit.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      const saved = await api('POST', '/profiles', profileFrom(form));
      flash('Profile saved. Here are your daily targets.');
      navigate(`#/profiles/${saved.id}/targets`);
    } catch (err) {
      const first = showProblem(form, err);
      // Reveal the step holding the first field the server named, and put the focus on it.
      const owner = first && first.closest && first.closest('fieldset.step');
      if (owner) show(Number(owner.getAttribute('data-step')), false);
      const target = first && first.tagName === 'FIELDSET' ? first.querySelector('input') : first;
      if (target) {
        if (!target.matches('input, select, button')) target.setAttribute('tabindex', '-1');
        target.focus();
      }
    } finally {
      submit.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });

  main.append(h('h1', {id: 'wizard-title'}, 'Your profile'),
    h('p', {class: 'lead'}, 'A few questions to work out your daily nutrient targets. You can change them later.'),
    form);
  show(0, false);
}

function checked(form, name) {
  return [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((c) => c.value);
}

/** The profile document (docs/profile-format.md) the wizard's answers make. */
export function profileFrom(form) {
  const numberOrNull = (v) => (v.trim() === '' ? null : Number(v));
  const profile = {
    age_years: Number(form.age_years.value),
    sex: form.sex.value,
    height_cm: Number(form.height_cm.value),
    weight_kg: Number(form.weight_kg.value),
    activity: form.activity.value,
    conditions: checked(form, 'conditions'),
    allergies: checked(form, 'allergies'),
    diet: checked(form, 'diet'),
    dislikes: form.dislikes.value.split(',').map((s) => s.trim()).filter(Boolean),
    budget_per_week: numberOrNull(form.budget_per_week.value),
    currency: form.currency.value.trim().toUpperCase() || 'USD',
    objective_weights: {
      cost: 1,
      co2e_kg: Number(form.elements['objective_weights.co2e_kg'].value),
      time_min: Number(form.elements['objective_weights.time_min'].value),
    },
  };
  const name = form.elements.name.value.trim();
  if (name) profile.name = name;
  if (profile.sex === 'female') {
    if (form.pregnancy.value) profile.pregnancy = {trimester: Number(form.pregnancy.value)};
    const months = numberOrNull(form.lactation.value);
    if (months !== null) profile.lactation = {months_postpartum: months};
  }
  return profile;
}

/** #/ : the account's profiles (and, for a household's admin, its members' profiles), each with its
 * targets and "Plan my week"; tick several to plan one week for all of them (#/plan?profiles=1,2). */
export async function profilesView(main, params, query, alive) {
  main.append(h('h1', {}, 'My profiles'));
  const status = h('p', {class: 'muted', role: 'status'}, 'Loading…');
  main.append(status);
  const loaded = await loadInto(status, () => Promise.all([
    api('GET', '/profiles').then((a) => a.profiles || []),
    api('GET', '/auth/session').catch(() => null)]), 'Your profiles could not be loaded');
  if (!loaded || !alive()) return;
  const [list, account] = loaded;
  if (!list.length) {
    status.replaceWith(h('div', {class: 'card'},
      h('p', {}, 'You have no profile yet. It takes a minute and gives you nutrient targets and a week of meals.'),
      h('p', {}, 'Cooking for others too? Make one profile for each person — yourself first, then the others.'),
      h('p', {}, h('a', {class: 'button primary', href: '#/profiles/new'}, 'Create my profile'))));
    return;
  }
  // A household's admin plans for the members too: their profiles, as the server lets the admin see them.
  const others = [];
  if (account && account.role === 'household_admin' && account.household_id) {
    try {
      const household = await api('GET', `/households/${encodeURIComponent(account.household_id)}`);
      for (const m of household.members || []) {
        if (m.id === account.id) continue;
        const theirs = (await api('GET', `/profiles?owner=${encodeURIComponent(m.id)}`)).profiles || [];
        for (const p of theirs) others.push({...p, member: m.name});
      }
    } catch {
      // Without them the person's own profiles still work.
    }
    if (!alive()) return;
  }

  const form = h('form', {class: 'plan-together', novalidate: true, 'aria-label': 'Profiles'});
  const message = h('div', {class: 'together-message'});
  form.append(
    h('p', {class: 'lead'}, 'One profile per person you plan meals for: yourself, a partner, children. ',
      h('a', {href: '#/profiles/new'}, 'Add a profile for a household member'), '.'),
    h('ul', {class: 'profile-list'}, list.map((p) => profileCard(p))),
    others.length ? h('section', {'aria-labelledby': 'member-profiles'},
      h('h2', {id: 'member-profiles'}, 'Household members’ profiles'),
      h('p', {class: 'muted'}, 'Members of your household share these with you as its admin.'),
      h('ul', {class: 'profile-list'}, others.map((p) => profileCard(p, p.member)))) : null,
    h('section', {class: 'card together', 'aria-labelledby': 'together-title'},
      h('h2', {id: 'together-title'}, 'Plan one week for several people'),
      h('p', {}, 'Tick “Plan together” on each profile to include, then plan: everyone eats the same meals, ',
        'each in their own servings. The first ticked profile leads (its budget and currency are used).'),
      message,
      h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Plan a week for the ticked profiles'))));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    message.replaceChildren();
    const ids = [...form.querySelectorAll('input[name=together]:checked')].map((c) => c.value);
    if (!ids.length || ids.length > 12) {
      const box = h('p', {class: 'form-error', role: 'alert', tabindex: -1},
        ids.length ? 'Tick at most 12 profiles.' : 'Tick “Plan together” on at least one profile first.');
      message.append(box);
      box.focus();
      return;
    }
    navigate(`#/plan?profiles=${ids.join(',')}`);
  });
  status.replaceWith(form, h('p', {}, h('a', {href: '#/profiles/new'}, 'Add another profile')));
}

function profileCard(p, member = null) {
  const doc = p.profile || {};
  const label = doc.name || `Profile ${p.id}`;
  const checkId = `together-${p.id}`;
  return h('li', {class: 'card', 'data-profile': p.id},
    h('h2', {}, label),
    member ? h('p', {class: 'muted'}, `Profile of ${member}`) : null,
    h('p', {class: 'muted'}, `${doc.sex || ''}, ${doc.age_years ?? '?'} years, ${doc.weight_kg ?? '?'} kg, ${String(doc.activity || '').replace('_', ' ')}`),
    h('div', {class: 'check'},
      h('input', {type: 'checkbox', id: checkId, name: 'together', value: p.id}),
      h('label', {for: checkId}, 'Plan together', h('span', {class: 'visually-hidden'}, `: include ${label}`))),
    h('p', {class: 'actions'},
      h('a', {class: 'button secondary', href: `#/profiles/${p.id}/targets`}, 'Targets', h('span', {class: 'visually-hidden'}, ` of ${label}`)),
      h('a', {class: 'button primary', href: `#/profiles/${p.id}/plan`}, 'Plan my week', h('span', {class: 'visually-hidden'}, ` for ${label}`))));
}
