// The web app's entry point: routes, the sign-out button, and what happens when a session ends.

import {api, setUnauthorizedHandler} from './api.js';
import {navigate, route, setGuard, start} from './router.js';
import {endSession, flash, restore, signedIn} from './session.js';
import {passwordView, signInView, signUpView} from './views/auth.js';
import {clientPlanView, clientTargetsView, clientView, clientsView} from './views/clients.js';
import {sharingView} from './views/consent.js';
import {householdView, planTogetherView} from './views/household.js';
import {alternativeRecipeView, mealView} from './views/meal.js';
import {pantryView} from './views/pantry.js';
import {planNutrientsView, planView, planWeekView} from './views/plan.js';
import {privacyView} from './views/privacy.js';
import {recipesView} from './views/recipes.js';
import {profilesView, wizardView} from './views/profile.js';
import {shoppingView} from './views/shopping.js';
import {targetsView} from './views/targets.js';
import {stallView} from './views/vendor.js';

// Account.
route('/', profilesView, {auth: true, title: 'My profiles'});
route('/signup', signUpView, {title: 'Sign up'});
route('/signin', signInView, {title: 'Sign in'});
route('/password', passwordView, {auth: true, title: 'Change password'});
// Profiles and plans (views/profile.js, targets.js, plan.js, meal.js, shopping.js, household.js).
route('/profiles/new', wizardView, {auth: true, title: 'Your profile'});
route('/profiles/:id/targets', targetsView, {auth: true, title: 'Targets'});
route('/profiles/:id/plan', planWeekView, {auth: true, title: 'Plan my week'});
route('/plan', planTogetherView, {auth: true, title: 'Plan a week together'});
route('/plans/:id', planView, {auth: true, title: 'Your week'});
route('/plans/:id/nutrients', planNutrientsView, {auth: true, title: 'Nutrient coverage'});
route('/plans/:id/meals/:day/:slot', mealView, {auth: true, title: 'Meal'});
route('/plans/:id/meals/:day/:slot/recipe/:recipe', alternativeRecipeView, {auth: true, title: 'Recipe'});
route('/plans/:id/shopping', shoppingView, {auth: true, title: 'Shopping list'});
// Pantry, household, stall (views/pantry.js, household.js, vendor.js).
route('/pantry', pantryView, {auth: true, title: 'Pantry'});
route('/household', householdView, {auth: true, title: 'Household'});
route('/stall', stallView, {auth: true, title: 'My stall'});
// My recipes (views/recipes.js).
route('/recipes', recipesView, {auth: true, title: 'My recipes'});
// Sharing, a nutritionist's clients, privacy (views/consent.js, clients.js, privacy.js).
route('/sharing', sharingView, {auth: true, title: 'Sharing'});
route('/clients', clientsView, {auth: true, title: 'Clients'});
route('/clients/:owner', clientView, {auth: true, title: 'Client'});
route('/clients/:owner/profiles/:id/targets', clientTargetsView, {auth: true, title: 'Client’s targets'});
route('/clients/:owner/plans/:id', clientPlanView, {auth: true, title: 'Client’s week'});
route('/privacy', privacyView, {auth: true, title: 'Privacy'});

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
