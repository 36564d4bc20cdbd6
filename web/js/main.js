// The web app's entry point: routes, the sign-out button, and what happens when a session ends.

import {api, setUnauthorizedHandler} from './api.js';
import {navigate, route, setGuard, start} from './router.js';
import {endSession, flash, restore, signedIn} from './session.js';
import {passwordView, signInView, signUpView} from './views/auth.js';
import {planView, planWeekView} from './views/plan.js';
import {profilesView, wizardView} from './views/profile.js';
import {targetsView} from './views/targets.js';
// Pantry, stall, household and planning for several profiles.
import {householdView, planTogetherView} from './views/household.js';
import {pantryView} from './views/pantry.js';
import {stallView} from './views/vendor.js';

route('/', profilesView, {auth: true, title: 'My profiles'});
route('/signup', signUpView, {title: 'Sign up'});
route('/signin', signInView, {title: 'Sign in'});
route('/password', passwordView, {auth: true, title: 'Change password'});
route('/profiles/new', wizardView, {auth: true, title: 'Your profile'});
route('/profiles/:id/targets', targetsView, {auth: true, title: 'Targets'});
route('/profiles/:id/plan', planWeekView, {auth: true, title: 'Plan my week'});
route('/plans/:id', planView, {auth: true, title: 'Your week'});
// Pantry, stall, household and planning for several profiles.
route('/pantry', pantryView, {auth: true, title: 'Pantry'});
route('/stall', stallView, {auth: true, title: 'My stall'});
route('/household', householdView, {auth: true, title: 'Household'});
route('/plan', planTogetherView, {auth: true, title: 'Plan a week together'});

setGuard((r) => {
  if (r.auth && !signedIn()) return '#/signin';
  return null;
});

setUnauthorizedHandler(() => {
  endSession();
  flash('Your session ended. Please sign in again.', 'error');
  navigate('#/signin');
});

document.getElementById('sign-out').addEventListener('click', async () => {
  try {
    await api('POST', '/auth/logout');
  } catch {
    // The session is gone either way.
  }
  endSession();
  flash('You are signed out.');
  navigate('#/signin');
});

// Messages belong to the screen they were shown on: clear them when the person moves on.
window.addEventListener('hashchange', () => {
  const el = document.getElementById('flash');
  if (el.dataset.keep) delete el.dataset.keep;
  else flash('');
});

restore().then(start);
