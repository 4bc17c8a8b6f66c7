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
/* Staff console: header with the signed-in user, navigation, forms (helper A, staff accounts). */
body.console .wrap { max-width: 64rem; }
button { font: inherit; cursor: pointer; }
.console-header { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem 1.5rem; }
.console-signout { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 1rem; margin: 0; }
.console-user { color: var(--muted); }
.button-link { min-height: 3rem; padding: 0.5rem 0; border: 0; background: none; color: var(--link); text-decoration: underline; }
.console-nav ul { display: flex; flex-wrap: wrap; gap: 0 1.5rem; list-style: none; margin: 0; padding: 0; }
.console-nav a { display: inline-flex; align-items: center; min-height: 3rem; }
.console-nav a[aria-current="page"] { font-weight: 700; color: var(--text); }
.stack-form { display: flex; flex-direction: column; align-items: stretch; gap: 0.35rem; max-width: 32rem; }
.stack-form label { font-weight: 600; margin-top: 0.75rem; }
.stack-form .button { margin-top: 1.25rem; }
input[type="text"], input[type="password"] { font: inherit; min-height: 3rem; padding: 0.5rem 0.75rem; border: 2px solid var(--muted); border-radius: 6px; background: var(--bg); color: var(--text); }
fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 0.75rem 0 0; padding: 0.5rem 0.75rem; }
.choice { display: inline-flex; align-items: center; gap: 0.4rem; min-height: 3rem; margin-right: 1rem; }
.choice input { width: 1.25rem; height: 1.25rem; }
.stack-form .choice label { font-weight: 400; margin-top: 0; }
.form-error { border-left: 4px solid var(--danger-line); background: var(--danger-bg); padding: 0.75rem 1rem; }
.notice { border-left: 4px solid var(--link); background: var(--band); padding: 0.75rem 1rem; }
.facts { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: 0.25rem 1rem; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
.secret { overflow-wrap: anywhere; word-break: break-all; }
.table { width: 100%; border-collapse: collapse; }
.table th, .table td { text-align: left; vertical-align: top; padding: 0.5rem; border-bottom: 1px solid var(--line); }
.inline-form fieldset { border: 0; margin: 0; padding: 0; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
/* Staff console: queue, case page, step forms, accused-notice preview (helper C1). */
textarea, select, input[type="datetime-local"] { font: inherit; min-height: 3rem; padding: 0.5rem 0.75rem; border: 2px solid var(--muted); border-radius: 6px; background: var(--bg); color: var(--text); }
textarea { width: 100%; }
.preserve-lines { white-space: pre-wrap; overflow-wrap: anywhere; }
.filters .filter-row { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; }
.filters .filter { display: flex; flex-direction: column; gap: 0.25rem; }
.filters label { font-weight: 600; }
.filter-actions { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.5rem; margin-top: 1rem; }
.table-scroll { overflow-x: auto; }
.flag { color: var(--danger-line); font-weight: 700; }
.pager { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: center; margin-top: 1rem; }
.pager a { display: inline-flex; align-items: center; min-height: 3rem; }
.step-form { border: 1px solid var(--line); border-radius: 6px; padding: 0.25rem 1rem 1rem; margin: 1rem 0; }
.step-form h3 { margin-top: 0.75rem; }
.checklist { color: var(--muted); }
.rules div { margin-bottom: 0.75rem; }
.rules dt { font-weight: 600; }
.rules dd { margin: 0; }
.timeline { padding-left: 1.25rem; }
.timeline li { margin-bottom: 1.25rem; }
.timeline h3 { margin: 0; font-size: 1.1rem; }
.plain-list { list-style: none; padding: 0; }
.label { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
.notice-preview { border: 2px dashed var(--muted); border-radius: 6px; padding: 0 1rem; margin: 1rem 0; }
.accused-notice h3 { font-size: 1.1rem; margin: 1.25rem 0 0.25rem; }
.receipt { font-size: 1.4rem; }
@media (min-width: 40rem) {
  body { font-size: 1.125rem; }
  h1 { font-size: 2.1rem; }
  .site-home { flex-direction: row; align-items: baseline; gap: 0.75rem; }
  .button { display: inline-flex; min-width: 16rem; }
}
@media (prefers-reduced-motion: reduce) {
  * { transition: none !important; animation: none !important; }
}
/* Reporter's pages: quick exit, report form, receipt, follow-up, guidelines (helper R2). */
.site-header-row { display: flex; flex-direction: column; }
.quick-exit {
  align-self: flex-end;
  display: inline-flex;
  align-items: center;
  min-height: 3rem;
  margin-top: 0.5rem;
  padding: 0.5rem 1rem;
  border: 2px solid var(--danger-line);
  border-radius: 6px;
  background: var(--danger-line);
  color: var(--bg);
  font-weight: 700;
  text-decoration: none;
}
.quick-exit:visited { color: var(--bg); }
.quick-exit:hover { text-decoration: underline; }
.report-form, .report-form fieldset { min-width: 0; }
.report-form > .choices, .report-form > .section, .report-form > .field { margin-top: 1.5rem; }
.section { border: 1px solid var(--line); border-radius: 6px; padding: 0.5rem 1rem 1rem; }
legend { font-weight: 700; font-size: 1.1rem; padding: 0 0.25rem; }
.field { display: flex; flex-direction: column; gap: 0.25rem; margin-top: 1rem; }
.field label { font-weight: 600; }
.field .hint, .choices .hint { margin: 0; }
.field input[type="text"], .field textarea, .code-input {
  font: inherit;
  width: 100%;
  min-height: 3rem;
  padding: 0.5rem 0.75rem;
  border: 2px solid var(--muted);
  border-radius: 6px;
  background: var(--bg);
  color: var(--text);
}
.field textarea { resize: vertical; }
.field input[type="file"] { font: inherit; min-height: 3rem; padding: 0.5rem 0; color: var(--text); }
.choices { border: 1px solid var(--line); border-radius: 6px; padding: 0.5rem 1rem 0.75rem; margin: 1rem 0 0; }
.choices .choice { display: flex; align-items: center; gap: 0.6rem; min-height: 3rem; margin: 0; }
.choices .choice input { flex: none; width: 1.5rem; height: 1.5rem; margin: 0; }
.choices .choice label { font-weight: 400; }
.field-invalid { border-left: 5px solid var(--danger-line); padding-left: 0.75rem; }
.field-error { color: var(--text); font-weight: 700; margin: 0; }
.field-error::before { content: "! "; color: var(--danger-line); }
.error-summary { border: 3px solid var(--danger-line); background: var(--danger-bg); border-radius: 6px; padding: 0.5rem 1rem; margin: 1rem 0; }
.error-summary h2 { margin-top: 0.5rem; }
.danger-inline { border-left: 6px solid var(--danger-line); background: var(--danger-bg); padding: 0.5rem 1rem; margin: 0.5rem 0; }
.danger-inline p { margin: 0.25rem 0; }
.danger .danger-inline { border: 0; padding: 0; background: none; }
.choices:has(input[value="yes"]:checked) .danger-inline { border-left-width: 10px; font-weight: 600; }
.person { border: 1px solid var(--line); border-radius: 6px; padding: 0.5rem 1rem 1rem; margin: 1rem 0 0; }
.person-inner { border: 0; padding: 0; margin: 0; }
details.person summary { min-height: 3rem; display: flex; align-items: center; cursor: pointer; color: var(--link); font-weight: 600; }
.report-form .button { margin-top: 1.5rem; width: 100%; }
.receipt { border: 3px solid var(--link); border-radius: 8px; padding: 0.5rem 1rem; margin: 1.5rem 0; }
.receipt-code { margin: 0.5rem 0 1rem; }
.receipt-code code {
  display: block;
  font-size: 1.6rem;
  font-weight: 700;
  letter-spacing: 0.08em;
  padding: 0.75rem;
  background: var(--band);
  border-radius: 6px;
  text-align: center;
  user-select: all;
  -webkit-user-select: all;
}
.code-input { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; letter-spacing: 0.05em; text-transform: uppercase; }
.conversation { list-style: none; padding: 0; }
.conversation li { border: 1px solid var(--line); border-radius: 6px; padding: 0.5rem 1rem; margin-bottom: 1rem; }
.conversation .from-staff { border-left: 6px solid var(--link); }
.message-meta { margin: 0 0 0.25rem; color: var(--muted); }
.message-meta strong { color: var(--text); }
.message-text { white-space: pre-wrap; overflow-wrap: anywhere; }
.status { font-size: 1.125rem; font-weight: 600; }
.staff-contacts { list-style: none; padding: 0; }
.staff-contacts li { margin-bottom: 1rem; overflow-wrap: anywhere; }
@media (min-width: 40rem) {
  .field-pair { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1rem; }
  .report-form .button { width: auto; }
  .receipt-code code { font-size: 2rem; }
}
`;

/** A plain mark for the browser tab, so browsers do not ask for a missing /favicon.ico. */
export const siteIcon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b4fb3"/><path d="M9 17l5 5 9-11" fill="none" stroke="#fff" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
