// Sign up, sign in and change password: each a small form posting to /api/v1/auth/*; the server's
// problem details are shown next to the field they name.

import {ApiError, api, clearErrors, showProblem} from '../api.js';
import {field, h} from '../dom.js';
import {navigate} from '../router.js';
import {flash, startSession} from '../session.js';

/** Disables the submit button while `work` runs and shows problems on the form. */
export async function submitting(form, work) {
  const button = form.querySelector('button[type=submit]');
  clearErrors(form);
  button.disabled = true;
  form.setAttribute('aria-busy', 'true');
  try {
    await work();
  } catch (err) {
    const first = showProblem(form, err);
    if (first && first.focus) {
      if (first.tagName === 'FIELDSET') {
        const input = first.querySelector('input, select');
        if (input) input.focus();
      } else {
        if (!first.hasAttribute('tabindex') && first.classList.contains('form-error')) first.setAttribute('tabindex', '-1');
        first.focus();
      }
    }
  } finally {
    button.disabled = false;
    form.removeAttribute('aria-busy');
  }
}

export function signUpView(main) {
  const form = h('form', {class: 'card narrow', novalidate: true, 'aria-labelledby': 'signup-title'},
    field({name: 'name', label: 'Your name', autocomplete: 'name', maxlength: 200}),
    field({name: 'email', label: 'Email', type: 'email', autocomplete: 'email', required: true}),
    field({name: 'password', label: 'Password', type: 'password', autocomplete: 'new-password', required: true,
      hint: 'At least 12 characters. A few unrelated words make a good one.'}),
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Create account')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    submitting(form, async () => {
      const body = {email: form.email.value.trim(), password: form.password.value};
      const name = form.elements.name.value.trim();
      if (name) body.name = name;
      let answer;
      try {
        answer = await api('POST', '/auth/signup', body);
      } catch (err) {
        // A taken email is a 409 without a field: it concerns the email, so show it there.
        if (err instanceof ApiError && err.status === 409 && !err.errors.length) {
          err.errors = [{field: 'email', detail: 'is already registered: sign in, or use another email'}];
        }
        throw err;
      }
      startSession(answer);
      flash('Welcome! Tell us a little about yourself to get your nutrient targets.');
      navigate('#/profiles/new');
    });
  });
  main.append(h('h1', {id: 'signup-title'}, 'Create your account'), form,
    h('p', {}, 'Already have an account? ', h('a', {href: '#/signin'}, 'Sign in')));
}

export function signInView(main) {
  const form = h('form', {class: 'card narrow', novalidate: true, 'aria-labelledby': 'signin-title'},
    field({name: 'email', label: 'Email', type: 'email', autocomplete: 'username', required: true}),
    field({name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password', required: true}),
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Sign in')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    submitting(form, async () => {
      const answer = await api('POST', '/auth/login', {email: form.email.value.trim(), password: form.password.value});
      startSession(answer);
      flash('');
      navigate('#/');
    });
  });
  main.append(h('h1', {id: 'signin-title'}, 'Sign in'), form,
    h('p', {}, 'New here? ', h('a', {href: '#/signup'}, 'Create an account')));
}

export function passwordView(main) {
  const form = h('form', {class: 'card narrow', novalidate: true, 'aria-labelledby': 'password-title'},
    field({name: 'current_password', label: 'Current password', type: 'password', autocomplete: 'current-password', required: true}),
    field({name: 'new_password', label: 'New password', type: 'password', autocomplete: 'new-password', required: true,
      hint: 'At least 12 characters. Changing it signs you out everywhere else.'}),
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Change password')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    submitting(form, async () => {
      const answer = await api('POST', '/auth/password', {
        current_password: form.current_password.value, new_password: form.new_password.value});
      startSession(answer);
      form.reset();
      flash('Your password is changed. Other devices were signed out.');
      navigate('#/');
    });
  });
  main.append(h('h1', {id: 'password-title'}, 'Change password'), form);
}
