/**
 * The one stylesheet, kept as a module so that it ships inside the compiled output (the build
 * copies only what TypeScript emits). Mobile first, system fonts, no external resources; colours
 * keep at least 7:1 contrast for text, and every link or button is at least 48px tall to tap.
 */
export const siteStylesheet = `
:root {
  color-scheme: light dark;
  --bg: #ffffff;
  --text: #1b1b1f;
  --muted: #464b53;
  --line: #d5d8de;
  --band: #f3f4f6;
  --link: #0b4fb3;
  --link-visited: #5b2c9e;
  --on-link: #ffffff;
  --danger-bg: #fff4e0;
  --danger-line: #a34f00;
  --focus: #1b1b1f;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #15171b;
    --text: #ececec;
    --muted: #c0c4cc;
    --line: #3a3f48;
    --band: #1f2228;
    --link: #9cc2ff;
    --link-visited: #d0b3ff;
    --on-link: #0d1b33;
    --danger-bg: #33260f;
    --danger-line: #f0a54a;
    --focus: #ffffff;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  background: var(--bg);
  color: var(--text);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  font-size: 1.0625rem;
  line-height: 1.6;
  /* The footer stays at the bottom of short pages such as the 404. */
  display: flex;
  flex-direction: column;
  min-height: 100vh;
}
.wrap { max-width: 42rem; margin: 0 auto; padding: 0 1rem; }
a { color: var(--link); text-underline-offset: 0.15em; }
a:visited { color: var(--link-visited); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 3px; }
main:focus { outline: none; }
.skip-link {
  position: absolute;
  left: 1rem;
  top: -10rem;
  padding: 0.75rem 1rem;
  background: var(--bg);
  color: var(--link);
  border: 2px solid var(--link);
  z-index: 10;
}
.skip-link:focus { top: 1rem; }
.site-header { background: var(--band); border-bottom: 1px solid var(--line); }
.site-home {
  display: flex;
  flex-direction: column;
  min-height: 3rem;
  padding: 0.75rem 0;
  color: var(--text);
  text-decoration: none;
}
.site-home:visited { color: var(--text); }
.site-foundation { font-weight: 700; font-size: 1.125rem; }
.site-name { color: var(--muted); font-size: 0.95rem; }
/* After .wrap, so these vertical paddings win over its shorthand. */
.site-main { flex: 1 0 auto; width: 100%; padding-top: 1.75rem; padding-bottom: 2.5rem; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 1rem; }
h2 { font-size: 1.3rem; line-height: 1.3; margin: 2rem 0 0.5rem; }
p, ul, ol { margin: 0 0 1rem; }
li { margin-bottom: 0.5rem; }
.lead { font-size: 1.125rem; }
.hint { color: var(--muted); font-size: 0.95rem; margin-top: 0.5rem; }
.danger {
  background: var(--danger-bg);
  border-left: 6px solid var(--danger-line);
  border-radius: 4px;
  padding: 0.25rem 1rem 0.25rem;
  margin: 1.5rem 0;
}
.danger h2 { margin-top: 0.75rem; }
.contact { overflow-wrap: anywhere; }
.actions { list-style: none; padding: 0; }
.actions li { margin-bottom: 1.25rem; }
.button {
  display: flex;
  align-items: center;
  justify-content: center;
  min-height: 3rem;
  padding: 0.75rem 1.25rem;
  border: 2px solid var(--link);
  border-radius: 6px;
  font-weight: 600;
  text-align: center;
  text-decoration: none;
  color: var(--link);
  background: var(--bg);
}
.button:visited { color: var(--link); }
.button:hover { text-decoration: underline; }
.button-primary, .button-primary:visited { background: var(--link); color: var(--on-link); }
.steps li { padding-left: 0.25rem; }
.error-reference { border-top: 1px solid var(--line); padding-top: 1rem; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 1rem; overflow-wrap: anywhere; }
.site-footer { border-top: 1px solid var(--line); background: var(--band); color: var(--muted); font-size: 0.95rem; }
.site-footer p { margin: 0; padding: 1.25rem 0; }
@media (min-width: 40rem) {
  body { font-size: 1.125rem; }
  h1 { font-size: 2.1rem; }
  .site-home { flex-direction: row; align-items: baseline; gap: 0.75rem; }
  .button { display: inline-flex; min-width: 16rem; }
}
@media (prefers-reduced-motion: reduce) {
  * { transition: none !important; animation: none !important; }
}
`;

/** A plain mark for the browser tab, so browsers do not ask for a missing /favicon.ico. */
export const siteIcon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b4fb3"/><path d="M9 17l5 5 9-11" fill="none" stroke="#fff" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
