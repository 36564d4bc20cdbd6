// Hash routes (#/signin, #/profiles/12/targets, …): no server routing needed, and the back button
// works. A route is a pattern with :params and a view function view(main, params, query) that
// renders into <main>. Routes marked `auth` need a session; without one they go to #/signin.

const routes = [];
let beforeEach = () => null;

/** Registers a route: route('/profiles/:id/targets', view, {auth: true}). */
export function route(pattern, view, opts = {}) {
  const names = [];
  const re = new RegExp('^' + pattern.replace(/:([a-z_]+)/g, (_, n) => {
    names.push(n);
    return '([^/]+)';
  }) + '$');
  routes.push({re, names, view, auth: !!opts.auth, title: opts.title || ''});
}

/** guard(route) returns null to go on, or a hash to go to instead. */
export function setGuard(guard) {
  beforeEach = guard;
}

export function navigate(hash) {
  if (location.hash === hash) render();
  else location.hash = hash;
}

function parse() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, qs = ''] = raw.split('?');
  return {path, query: new URLSearchParams(qs)};
}

let current = 0;
export async function render() {
  const {path, query} = parse();
  const main = document.getElementById('main');
  for (const r of routes) {
    const m = path.match(r.re);
    if (!m) continue;
    const redirect = beforeEach(r);
    if (redirect) {
      navigate(redirect);
      return;
    }
    const params = {};
    r.names.forEach((n, i) => { params[n] = decodeURIComponent(m[i + 1]); });
    const ticket = ++current;
    main.replaceChildren();
    document.title = r.title ? `${r.title} · hearth` : 'hearth';
    await r.view(main, params, query, () => ticket === current);
    // Move focus to the new screen's heading so keyboard and screen-reader users start there.
    if (ticket === current) {
      const heading = main.querySelector('h1');
      if (heading) {
        heading.setAttribute('tabindex', '-1');
        heading.focus({preventScroll: false});
      }
    }
    return;
  }
  navigate('#/');
}

export function start() {
  window.addEventListener('hashchange', render);
  render();
}
