// crossgrant's browser interface: no framework, no inline script. Every page works through the
// public API with the session cookie (and X-CSRF-Token for changes); the server decides what a
// user may see and do, and a page only hides what the API would refuse.
//
// This file starts the interface and finds the page of an address; the pages are in pages/,
// what they share in lib/.
import { api, newView } from "./lib/api.js";
import { el, setRouter } from "./lib/dom.js";
import { LANGUAGES, language, loadTexts, rememberLanguage, rememberedLanguage, t } from "./lib/i18n.js";
import { renderAccount, session as currentSession, setSession } from "./lib/session.js";
import { adminPage } from "./pages/admin.js";
import { auditPage } from "./pages/audit.js";
import { notFoundPage } from "./pages/errors.js";
import { homePage } from "./pages/home.js";
import { partnerPage } from "./pages/partner.js";
import { passwordPage } from "./pages/password.js";
import { projectPage } from "./pages/project.js";
import { projectEditPage } from "./pages/projectedit.js";
import { reportsPage } from "./pages/reports.js";
import { signInPage } from "./pages/signin.js";
import { progressPage } from "./pages/progress.js";
import { workPlanPage } from "./pages/workplan.js";

/** The pages by address: a pattern and what shows it, given the pattern's decoded parts. */
const PAGES = [
  [/^\/$/, () => homePage()],
  [/^\/password$/, () => passwordPage()],
  [/^\/audit$/, () => auditPage()],
  [/^\/admin$/, () => adminPage()],
  [/^\/projects\/([^/]+)$/, (code) => projectPage(code)],
  [/^\/projects\/([^/]+)\/edit$/, (code) => projectEditPage(code)],
  [/^\/projects\/([^/]+)\/reports$/, (code) => reportsPage(code)],
  [/^\/projects\/([^/]+)\/work-plan$/, (code) => workPlanPage(code)],
  [/^\/projects\/([^/]+)\/periods\/([^/]+)\/progress$/, (code, period) => progressPage(code, period)],
  [/^\/projects\/([^/]+)\/partners\/([^/]+)$/, (code, partner) => partnerPage(code, partner)],
];

/**
 * Shows the page of the address. session: the answer of GET /session when the start asked for
 * it already; otherwise this is a new page, and the calls of the page before it are dropped.
 */
async function route(session) {
  if (session === undefined) {
    newView();
    session = api("GET", "/session");
  }
  const response = await session;
  if (response.status !== 200) {
    // A session that was there and is gone ended (expired, or ended elsewhere): say so.
    const ended = currentSession() !== null;
    setSession(null);
    return signInPage(ended ? t("session_ended") : undefined);
  }
  setSession(await response.json());
  for (const [pattern, page] of PAGES) {
    const match = location.pathname.match(pattern);
    if (match) return page(...match.slice(1).map(decodeURIComponent));
  }
  return notFoundPage();
}

function renderLanguages() {
  const nav = document.getElementById("languages");
  nav.replaceChildren(...LANGUAGES.map((code) => el("button", {
    type: "button", class: "link", lang: code, "aria-pressed": String(code === language()),
    onclick: async () => {
      rememberLanguage(code);
      await loadTexts(code);
      renderLanguages();
      renderAccount();
      await route();
    },
  }, code.toUpperCase())));
}

setRouter(() => route());
window.addEventListener("popstate", () => route());

// The session is asked for while the texts load.
const session = api("GET", "/session");
await loadTexts(rememberedLanguage());
renderLanguages();
await route(session);
