// crossgrant's browser interface: no framework, no inline script. Every page works through the
// public API with the session cookie (and X-CSRF-Token for changes); the server decides what a
// user may see and do, and a page only hides what the API would refuse.

const LANGUAGES = ["lv", "lt", "en"];
const LANGUAGE_KEY = "crossgrant.language";

let texts = {};
let labels = {};
let session = null;
let language = "en";

function chosenLanguage() {
  const stored = localStorage.getItem(LANGUAGE_KEY);
  if (LANGUAGES.includes(stored)) return stored;
  const browser = (navigator.language || "en").slice(0, 2);
  return LANGUAGES.includes(browser) ? browser : "en";
}

/** key = value lines of a .properties file (UTF-8, no escapes), # comments. */
function parseProperties(text) {
  const result = {};
  for (const line of text.split("\n")) {
    const equals = line.indexOf("=");
    if (line.startsWith("#") || equals < 0) continue;
    result[line.slice(0, equals).trim()] = line.slice(equals + 1).trim();
  }
  return result;
}

async function loadTexts(wanted) {
  // The pages' own texts, and the reports' labels, which they share.
  const [own, shared] = await Promise.all([
    fetch(`/assets/i18n/${wanted}.json`),
    fetch(`/assets/i18n/reports/${wanted}.properties`),
  ]);
  texts = await own.json();
  labels = parseProperties(await shared.text());
  language = wanted;
  document.documentElement.lang = wanted;
}

/** The text of key in the chosen language, {name} replaced by values[name]. */
function t(key, values = {}) {
  const text = texts[key] ?? labels[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
}

/** A label of the reports for code under prefix ("category.staff"), else the code itself. */
function label(prefix, code) {
  return labels[`${prefix}.${code}`] ?? code;
}

/**
 * An amount as the API writes it ("-791256.20") formatted for the language, without floating
 * point: 791 256,20 in lv and lt (no-break space), 791,256.20 in en.
 */
/** An amount as the API writes it ("-791256.20"): its sign, whole part and fraction digits. */
function amountParts(text) {
  const negative = text.startsWith("-");
  const [whole, fraction = ""] = (negative ? text.slice(1) : text).split(".");
  return { negative, whole, fraction };
}

function amount(text) {
  if (text === undefined || text === null) return "";
  const { negative, whole, fraction } = amountParts(text);
  const group = language === "en" ? "," : "\u00a0";
  const decimal = language === "en" ? "." : ",";
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${negative ? "\u2212" : ""}${grouped}${fraction ? decimal + fraction : ""}`;
}

/** Sums amounts given as decimal strings with two decimals, exactly (in cents, as BigInt). */
function sum(amounts) {
  let cents = 0n;
  for (const text of amounts) {
    const { negative, whole, fraction } = amountParts(text);
    const value = BigInt(whole) * 100n + BigInt((fraction + "00").slice(0, 2));
    cents += negative ? -value : value;
  }
  const negative = cents < 0n;
  const magnitude = negative ? -cents : cents;
  const rest = String(magnitude % 100n).padStart(2, "0");
  return `${negative ? "-" : ""}${magnitude / 100n}.${rest}`;
}

function date(text) {
  const [year, month, day] = text.split("-").map(Number);
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}

/** An element with attributes and children (text or elements); never parses HTML. */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function csrfToken() {
  const cookie = document.cookie.split("; ").find((c) => c.startsWith("crossgrant_csrf="));
  return cookie ? decodeURIComponent(cookie.slice("crossgrant_csrf=".length)) : "";
}

/** A call of the API: body as JSON, or raw (text already serialised) when given instead. */
async function api(method, path, body, extraHeaders = {}, raw) {
  const headers = { ...extraHeaders };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") headers["X-CSRF-Token"] = csrfToken();
  return fetch(`/api/v1${path}`, {
    method,
    headers,
    body: raw !== undefined ? raw : body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
  });
}

/** Goes to an address of the interface without reloading the page. */
function navigate(path) {
  history.pushState({}, "", path);
  route();
}

function link(path, ...children) {
  return el(
    "a",
    {
      href: path,
      onclick: (event) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        navigate(path);
      },
    },
    ...children,
  );
}

function show(...children) {
  const main = document.getElementById("main");
  main.replaceChildren(...children);
  main.focus();
}

/** The signed-in user's part of the header: who, where to go, signing out. */
function renderAccount() {
  const nav = document.getElementById("account");
  if (!session) {
    nav.replaceChildren();
    nav.removeAttribute("aria-label");
    return;
  }
  nav.setAttribute("aria-label", t("account"));
  nav.replaceChildren(
    el("span", { class: "who" }, session.user.display_name || session.user.name),
    link("/", t("projects")),
    ...(mayReadAudit() ? [link("/audit", t("audit_trail"))] : []),
    ...(isAdmin() ? [link("/admin", t("administration"))] : []),
    link("/password", t("change_password")),
    el("button", {
      type: "button", class: "link", id: "sign-out",
      onclick: async () => {
        await api("DELETE", "/session");
        session = null;
        renderAccount();
        history.pushState({}, "", "/");
        signInPage();
      },
    }, t("sign_out")));
}

function renderLanguages() {
  const nav = document.getElementById("languages");
  nav.replaceChildren(
    ...LANGUAGES.map((code) =>
      el(
        "button",
        {
          type: "button",
          class: "link",
          lang: code,
          "aria-pressed": String(code === language),
          onclick: async () => {
            localStorage.setItem(LANGUAGE_KEY, code);
            await loadTexts(code);
            renderLanguages();
            renderAccount();
            await route();
          },
        },
        code.toUpperCase(),
      ),
    ),
  );
}

/** The API no longer knows the session (expired, or ended elsewhere): say so, then sign in. */
function sessionEnded() {
  session = null;
  renderAccount();
  signInPage(t("session_ended"));
}

function signInPage(message) {
  const error = el("p", { class: "error", role: "alert", id: "sign-in-error" }, message ?? "");
  const form = el(
    "form",
    { class: "stack", novalidate: "" },
    el("h1", {}, t("sign_in")),
    error,
    el("label", { for: "user" }, t("user")),
    el("input", { id: "user", name: "user", autocomplete: "username", required: "" }),
    el("label", { for: "password" }, t("password")),
    el("input", {
      id: "password",
      name: "password",
      type: "password",
      autocomplete: "current-password",
      required: "",
    }),
    el("button", { type: "submit" }, t("sign_in")),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const response = await api("POST", "/session", {
      user: form.elements.user.value,
      password: form.elements.password.value,
    });
    if (response.status === 201) return route();
    error.textContent = response.status === 401 ? t("login_failed") : t("unexpected", response);
  });
  show(form);
}

async function homePage(session) {
  show(el("p", {}, t("loading")));
  const response = await api("GET", "/projects");
  if (response.status === 401) return sessionEnded();
  if (!response.ok) return show(el("p", { class: "error" }, t("unexpected", response)));
  const { projects } = await response.json();
  // Each project's findings, as many as the user may see of them.
  const counts = await Promise.all(projects.map(async (p) => {
    const found = await api("GET", `/projects/${encodeURIComponent(p.code)}/findings`);
    return found.ok ? (await found.json()).findings.length : null;
  }));
  // A partner's (or its controller's) own partner first: where its work is.
  const own = (session.roles ?? []).filter((g) => g.partner && g.project);
  const ownList = own.length === 0 ? [] : [
    el("h2", {}, t("your_partner")),
    el("ul", { id: "own-partners" }, ...own.map((g) => el("li", {},
      link(`/projects/${encodeURIComponent(g.project)}/partners/${encodeURIComponent(g.partner)}`,
           `${g.project} / ${g.partner}`)))),
  ];
  const list = projects.length === 0
    ? el("p", {}, t("no_projects"))
    : table(t("projects"), [t("project_code"), t("project_acronym"), t("findings.title")],
        projects.map((p, i) => el("tr", { id: `project-${p.code}` },
          el("td", {}, link(`/projects/${encodeURIComponent(p.code)}`, p.code)),
          el("td", {}, p.acronym ?? ""),
          el("td", { class: "number" }, counts[i] === null ? "" : String(counts[i])))), [2]);
  const importer = [];
  if (isAdmin()) {
    const input = el("input", { type: "file", id: "import-file", accept: "application/json,.json" });
    const result = el("div", { id: "import-result", role: "status" });
    input.addEventListener("change", async () => {
      const body = await chosenText(input);
      if (body === null) return;
      const answer = await api("POST", "/bundles", undefined, { "Content-Type": "application/json" }, body);
      const json = await answer.json().catch(() => ({}));
      if (answer.status === 201) return navigate(`/projects/${encodeURIComponent(json.project)}`);
      result.replaceChildren(el("p", { class: "error" }, t("bundle_refused")), errorList("import-errors", json, answer));
    });
    importer.push(el("section", { "aria-labelledby": "import-heading", class: "stack" },
      el("h2", { id: "import-heading" }, t("bundle_import_new")),
      el("label", { for: "import-file" }, t("bundle_file")), input, result));
  }
  show(
    el("p", {}, t("signed_in_as", { user: session.user.display_name || session.user.name })),
    ...ownList,
    el("h1", {}, t("projects")),
    list,
    ...importer,
  );
}

function notFoundPage() {
  show(el("h1", {}, t("not_found")), el("p", {}, link("/", t("projects"))));
}

/** A finding's text in the language: its label and the figures. */
function findingText(finding) {
  const parts = [label("finding", finding.code)];
  if (finding.expected !== undefined)
    parts.push(`${t("findings.expected")} ${amount(finding.expected)}`,
               `${t("findings.actual")} ${amount(finding.actual)}`,
               `${t("findings.difference")} ${amount(finding.difference)}`);
  return parts.join(" · ");
}

/** The mark of the findings at a figure: a note beside it, and the row marked. */
function marked(row, findings) {
  if (findings.length === 0) return row;
  row.classList.add("finding");
  return row;
}

function findingNote(findings, colspan) {
  return el("tr", { class: "finding-note" },
            el("td", { colspan: String(colspan) },
               el("strong", {}, `${t("findings.finding")}: `),
               findings.map(findingText).join("; ")));
}

/** A table with its caption, in a region that scrolls sideways on a narrow screen. */
function table(caption, headings, rows, numeric = []) {
  return el("div", { class: "table-scroll", role: "region", "aria-label": caption, tabindex: "0" },
            el("table", {},
            el("caption", {}, caption),
            ...(headings ? [el("thead", {}, el("tr", {}, ...headings.map((h, i) =>
              el("th", { scope: "col", class: numeric.includes(i) ? "number" : "" }, h))))] : []),
            el("tbody", {}, ...rows)));
}

function cells(values, numeric = []) {
  return values.map((value, i) => el("td", { class: numeric.includes(i) ? "number" : "" }, value));
}

/** A row of a key-value table: the key as the row's header. */
function fact(key, value, attributes = {}, numeric = false) {
  return el("tr", attributes, el("th", { scope: "row" }, key),
            el("td", { class: numeric ? "number" : "" }, value));
}

async function projectPage(code) {
  show(el("p", {}, t("loading")));
  const path = `/projects/${encodeURIComponent(code)}`;
  const [projectResponse, partnersResponse, findingsResponse] = await Promise.all([
    api("GET", path), api("GET", `${path}/partners`), api("GET", `${path}/findings`),
  ]);
  if (projectResponse.status === 401) return sessionEnded();
  if (projectResponse.status === 404 || projectResponse.status === 403) return notFoundPage();
  if (!projectResponse.ok) return show(el("p", { class: "error" }, t("unexpected", projectResponse)));
  const project = await projectResponse.json();
  const partners = partnersResponse.ok ? (await partnersResponse.json()).partners : [];
  const findings = findingsResponse.ok ? (await findingsResponse.json()).findings : [];
  const of = (predicate) => findings.filter(predicate);

  const title = project.title?.[language] ?? project.title?.en ?? project.acronym;
  const approved = project.approved ?? {};
  const totalFindings = of((f) => f.code === "project_total_mismatch");
  const fundFindings = of((f) => f.code === "project_fund_mismatch");
  const identification = table(t("common.project"), null, [
    fact(t("common.code"), project.code),
    fact(t("common.programme"), project.programme ?? ""),
    fact(t("common.duration"), `${date(project.start)} – ${date(project.end)}`),
    fact(t("common.currency"), project.currency),
    marked(fact(t("fin.approved_total"), amount(approved.total), { id: "project-total" }, true), totalFindings),
    ...(totalFindings.length ? [findingNote(totalFindings, 2)] : []),
    marked(fact(t("fin.fund"), amount(approved.fund), { id: "project-fund" }, true), fundFindings),
    ...(fundFindings.length ? [findingNote(fundFindings, 2)] : []),
  ]);

  const periods = table(t("common.period"), [t("common.period"), t("common.duration")],
    (project.periods ?? []).map((p) => el("tr", {}, ...cells([
      t("common.period_number", { number: p.number }),
      t("common.period_range", { start: date(p.start), end: date(p.end) })]))));

  const partnerRows = partners.map((p) => el("tr", { id: `partner-${p.code}` }, ...cells([
    Array.isArray(p.budget) ? link(`${path}/partners/${encodeURIComponent(p.code)}`, p.code) : p.code,
    p.name, label("role", p.role), p.country ?? "", p.total ? amount(p.total) : ""], [4])));
  const partnerTable = table(t("common.partners"),
    [t("common.code"), t("common.name"), t("common.role"), t("common.country"), t("fin.partner_total")],
    partnerRows, [4]);

  // Budget per partner and cost category: those partners whose figures the user may read.
  const withFigures = partners.filter((p) => Array.isArray(p.budget));
  const categories = [...new Set(withFigures.flatMap((p) => p.budget.map((line) => line.category)))];
  const budgetRows = withFigures.flatMap((p) => {
    const own = of((f) => f.partner === p.code && f.code === "budget_mismatch");
    const byCategory = new Map(p.budget.map((line) => [line.category, line.amount]));
    const row = marked(el("tr", { id: `budget-${p.code}` }, ...cells(
      [p.code, ...categories.map((c) => amount(byCategory.get(c) ?? "0.00")), amount(sum(p.budget.map((l) => l.amount)))],
      categories.map((_, i) => i + 1).concat([categories.length + 1]))), own);
    return own.length ? [row, findingNote(own, categories.length + 2)] : [row];
  });
  const budget = table(t("fin.budget_by_category"),
    [t("common.partner"), ...categories.map((c) => label("category", c)), t("common.total")],
    budgetRows, categories.map((_, i) => i + 1).concat([categories.length + 1]));

  // Co-financing: each partner's contributions and their sum, marked where it misses the total.
  const cofinancingRows = withFigures.flatMap((p) => {
    const own = of((f) => f.partner === p.code && (f.code === "contributions_mismatch" || f.code === "fund_rate_exceeded"));
    const row = marked(el("tr", { id: `cofinancing-${p.code}` }, ...cells([
      p.code,
      p.cofinancing.map((c) => `${c.source} (${label("contribution", c.type)}) ${amount(c.amount)}`).join("; "),
      amount(sum(p.cofinancing.map((c) => c.amount))), amount(p.total)], [2, 3])), own);
    return own.length ? [row, findingNote(own, 4)] : [row];
  });
  const cofinancing = table(t("fin.contributions"),
    [t("common.partner"), t("fin.contributions"), t("fin.contributions_total"), t("fin.partner_total")],
    cofinancingRows, [2, 3]);

  const list = findings.length === 0
    ? el("p", {}, t("findings.none"))
    : el("ul", {}, ...findings.map((f) => el("li", {}, f.partner ? `${f.partner}: ` : "", findingText(f))));

  show(
    el("p", {}, link("/", t("projects")), " · ", link(`${path}/reports`, t("reports"))),
    el("h1", {}, `${project.acronym} — ${title}`),
    identification, periods, partnerTable,
    ...(withFigures.length ? [budget, cofinancing] : []),
    el("h2", {}, t("findings.title")), list,
    ...(mayReadWholeProject(code, project.programme) ? [await bundleSection(code)] : []),
  );
}

/** The API's errors as a list, each with its JSON pointer. */
function errorList(id, body, response) {
  const errors = body.error?.errors ?? [];
  return el("ul", { id, class: "error" }, ...(errors.length
    ? errors.map((e) => el("li", {}, el("code", {}, e.pointer || "/"), " ", e.message))
    : [el("li", {}, body.error?.message ?? t("unexpected", response))]));
}

/** Reads a chosen file as text, or says why it cannot. */
function chosenText(input) {
  return input.files[0] ? input.files[0].text() : Promise.resolve(null);
}

/**
 * The project's bundle: its export as a download, and for who may replace the project, an
 * import of a changed bundle based on that export (If-Match), refused if the project changed
 * since this page read it.
 */
async function bundleSection(code) {
  const path = `/projects/${encodeURIComponent(code)}/bundle`;
  const response = await api("GET", path);
  if (!response.ok) return el("div", {});
  const etag = response.headers.get("ETag");
  const text = await response.text();
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const result = el("div", { id: "bundle-result", role: "status" });
  const parts = [
    el("h2", { id: "bundle-heading" }, t("bundle")),
    el("p", {}, el("a", { href: url, download: `${code}.bundle.json`, id: "bundle-export" }, t("bundle_export"))),
  ];
  if (mayEditFigures(code)) {
    const input = el("input", { type: "file", id: "bundle-file", accept: "application/json,.json" });
    input.addEventListener("change", async () => {
      const body = await chosenText(input);
      if (body === null) return;
      const answer = await api("POST", "/bundles?replace=true", undefined, { "If-Match": etag, "Content-Type": "application/json" }, body);
      const json = await answer.json().catch(() => ({}));
      if (answer.ok) {
        await projectPage(code);
        document.getElementById("bundle-result").replaceChildren(
          el("p", { class: "ok" }, t("bundle_replaced", { findings: json.findings?.length ?? 0 })));
        return;
      }
      result.replaceChildren(
        el("p", { class: "error" }, answer.status === 409 ? t("bundle_changed") : t("bundle_refused")),
        ...(answer.status === 409 ? [] : [errorList("bundle-errors", json, answer)]));
    });
    parts.push(el("label", { for: "bundle-file" }, t("bundle_replace")), input);
  }
  parts.push(result);
  return el("section", { "aria-labelledby": "bundle-heading", class: "stack" }, ...parts);
}

async function partnerPage(code, partnerCode) {
  show(el("p", {}, t("loading")));
  const path = `/projects/${encodeURIComponent(code)}`;
  const [partnerResponse, findingsResponse] = await Promise.all([
    api("GET", `${path}/partners/${encodeURIComponent(partnerCode)}`),
    api("GET", `${path}/findings`),
  ]);
  if (partnerResponse.status === 401) return sessionEnded();
  // A partner the user may not read is, for them, not there.
  if (partnerResponse.status === 404 || partnerResponse.status === 403) return notFoundPage();
  if (!partnerResponse.ok) return show(el("p", { class: "error" }, t("unexpected", partnerResponse)));
  const partner = await partnerResponse.json();
  const findings = findingsResponse.ok
    ? (await findingsResponse.json()).findings.filter((f) => f.partner === partner.code)
    : [];
  const budgetFindings = findings.filter((f) => f.code === "budget_mismatch" || f.code === "flat_rate_mismatch");
  const cofinancingFindings = findings.filter((f) => f.code === "contributions_mismatch" || f.code === "fund_rate_exceeded");

  const facts = table(t("common.partner"), null, [
    fact(t("common.code"), partner.code),
    fact(t("common.role"), label("role", partner.role)),
    fact(t("common.country"), partner.country ?? ""),
    fact(t("legal_status.title"), label("legal_status", partner.legal_status)),
    fact(t("fin.partner_total"), amount(partner.total), { id: "partner-total" }, true),
  ]);
  const budgetTotal = sum(partner.budget.map((line) => line.amount));
  const budget = table(t("fin.budget_by_category"), [t("fin.cost_category"), t("fin.amount")], [
    ...partner.budget.map((line) => el("tr", { id: `budget-${line.category}` },
      ...cells([label("category", line.category), amount(line.amount)], [1]))),
    marked(el("tr", { id: "budget-total" }, ...cells([t("common.total"), amount(budgetTotal)], [1])), budgetFindings),
    ...(budgetFindings.length ? [findingNote(budgetFindings, 2)] : []),
  ], [1]);
  const contributionsTotal = sum(partner.cofinancing.map((c) => c.amount));
  const cofinancing = table(t("fin.contributions"),
    [t("fin.source"), t("fin.contribution_type"), t("fin.amount")], [
      ...partner.cofinancing.map((c, i) => el("tr", { id: `contribution-${i}` },
        ...cells([c.source, label("contribution", c.type), amount(c.amount)], [2]))),
      marked(el("tr", { id: "contributions-total" },
        ...cells([t("fin.contributions_total"), "", amount(contributionsTotal)], [2])), cofinancingFindings),
      ...(cofinancingFindings.length ? [findingNote(cofinancingFindings, 3)] : []),
    ], [2]);
  const editable = mayEditFigures(code);
  show(
    el("p", {}, link(path, code)),
    el("h1", {}, `${partner.code} — ${partner.name}`),
    facts, budget, cofinancing,
    ...(editable ? [el("p", {}, el("button", {
      type: "button", id: "edit-cofinancing",
      onclick: () => cofinancingEditor(code, partner.code),
    }, t("edit_cofinancing")))] : []),
    el("p", { id: "status", role: "status" }, ""),
  );
}

/**
 * Whether the page offers to change a partner's approved figures: an admin's or the project's
 * lead's grant (the API decides; a page only hides what it would refuse).
 */
function mayEditFigures(projectCode) {
  return (session?.roles ?? []).some(
    (grant) => grant.role === "admin" || (grant.role === "lead" && grant.project === projectCode));
}

/** Whether the user reads the whole project (its bundle): admin, its lead, its programme's staff or auditors. */
function mayReadWholeProject(code, programme) {
  return (session?.roles ?? []).some((g) => g.role === "admin" ||
    (g.role === "lead" && g.project === code) ||
    ((g.role === "programme" || g.role === "auditor") && (!g.programme || g.programme === programme)));
}

function isAdmin() {
  return (session?.roles ?? []).some((grant) => grant.role === "admin");
}

/** Whether the page offers the audit trail: an admin's or an auditor's grant (the API decides). */
function mayReadAudit() {
  return (session?.roles ?? []).some((grant) => grant.role === "admin" || grant.role === "auditor");
}

const CONTRIBUTION_TYPES = ["fund", "public", "automatic_public", "private"];

/** The rows of the co-financing form as the API takes them. */
function contributionsOf(form) {
  return [...form.querySelectorAll("tbody tr")].map((row) => ({
    source: row.querySelector("[name=source]").value,
    type: row.querySelector("[name=type]").value,
    amount: row.querySelector("[name=amount]").value.trim(),
  }));
}

/** Which stored row each row of the form came from ("" for a row the user added). */
function originsOf(form) {
  return [...form.querySelectorAll("tbody tr")].map((row) => row.dataset.origin ?? "");
}

const same = (a, b) => a.source === b.source && a.type === b.type && a.amount === b.amount;

/**
 * The user's change applied again to what is stored now: rows the user changed or removed
 * (relative to what the form was filled from), rows they added, and for the rest what is
 * stored now, so that the other person's change is kept where the user did not touch it.
 */
function reapplied(original, wanted, origins, current) {
  const byOrigin = new Map();
  origins.forEach((origin, i) => { if (origin !== "") byOrigin.set(Number(origin), wanted[i]); });
  const result = [];
  current.forEach((now, j) => {
    if (j >= original.length) return result.push(now);  // added by the other person
    if (!byOrigin.has(j)) return undefined;              // removed by the user
    const mine = byOrigin.get(j);
    result.push(same(mine, original[j]) ? now : mine);
  });
  origins.forEach((origin, i) => { if (origin === "") result.push(wanted[i]); });
  return result;
}

function contributionRow(contribution, index, origin = String(index)) {
  const id = (name) => `contribution-${index}-${name}`;
  const typeSelect = el("select", { name: "type", id: id("type") },
    ...CONTRIBUTION_TYPES.map((type) => {
      const option = el("option", { value: type }, label("contribution", type));
      if (type === contribution.type) option.selected = true;
      return option;
    }));
  const row = el("tr", origin === "" ? {} : { "data-origin": origin },
    el("td", {}, el("label", { for: id("source"), class: "visually-hidden" }, t("fin.source")),
       el("input", { name: "source", id: id("source"), value: contribution.source })),
    el("td", {}, el("label", { for: id("type"), class: "visually-hidden" }, t("fin.contribution_type")),
       typeSelect),
    el("td", { class: "number" },
       el("label", { for: id("amount"), class: "visually-hidden" }, t("fin.amount")),
       el("input", { name: "amount", id: id("amount"), value: contribution.amount, inputmode: "decimal" })),
    el("td", {}, el("button", { type: "button", class: "link", onclick: () => row.remove() },
                    t("remove"))));
  return row;
}

/** Marks the fields the API's errors point at (/1/amount) with their messages. */
function markErrors(form, errors) {
  for (const node of form.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
  for (const node of form.querySelectorAll(".field-error")) node.remove();
  const unplaced = [];
  for (const { pointer, message } of errors) {
    const [, index, field] = pointer.match(/^\/(\d+)\/(\w+)$/) ?? [];
    const input = index !== undefined ? form.querySelector(`#contribution-${index}-${field}`) : null;
    if (!input) { unplaced.push(`${pointer}: ${message}`); continue; }
    const note = el("span", { class: "field-error error", id: `${input.id}-error` }, message);
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", note.id);
    input.after(note);
  }
  return unplaced;
}

async function cofinancingEditor(code, partnerCode, mine) {
  const path = `/projects/${encodeURIComponent(code)}/partners/${encodeURIComponent(partnerCode)}/cofinancing`;
  const response = await api("GET", path);
  if (!response.ok) return notFoundPage();
  const base = response.headers.get("ETag");
  const stored = await response.json();
  const rows = el("tbody", {}, ...(mine ?? stored).map((c, i) => contributionRow(c, i)));
  const message = el("p", { class: "error", role: "alert", id: "cofinancing-error" }, "");
  const form = el("form", { id: "cofinancing-form", novalidate: "" },
    el("h2", {}, t("edit_cofinancing")),
    message,
    el("div", { class: "table-scroll", role: "region", "aria-label": t("fin.contributions"), tabindex: "0" },
      el("table", {}, el("caption", {}, t("fin.contributions")),
        el("thead", {}, el("tr", {}, el("th", { scope: "col" }, t("fin.source")),
          el("th", { scope: "col" }, t("fin.contribution_type")),
          el("th", { scope: "col", class: "number" }, t("fin.amount")),
          el("th", { scope: "col" }, el("span", { class: "visually-hidden" }, t("remove"))))),
        rows)),
    el("p", {}, el("button", { type: "button", class: "link", id: "add-contribution", onclick: () =>
      rows.append(contributionRow({ source: "", type: "public", amount: "" }, rows.children.length, "")) },
      t("add_contribution"))),
    el("p", { class: "actions" },
      el("button", { type: "submit", id: "save-cofinancing" }, t("save")), " ",
      el("button", { type: "button", class: "link", onclick: () => partnerPage(code, partnerCode) },
         t("cancel"))));
  if (mine) message.textContent = t("conflict_redo");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const wanted = contributionsOf(form);
    const origins = originsOf(form);
    // Based on the version the form was filled from: a change someone saved since is a 409.
    const saved = await api("PUT", path, wanted, { "If-Match": base });
    if (saved.ok) {
      await partnerPage(code, partnerCode);
      document.getElementById("status").textContent = t("saved");
      return;
    }
    if (saved.status === 401) return sessionEnded();
    const body = await saved.json().catch(() => ({}));
    if (saved.status === 409) {
      const current = body.current ?? [];
      return conflictPage(code, partnerCode, current, reapplied(stored, wanted, origins, current));
    }
    const errors = body.error?.errors ?? (body.error ? [{ pointer: body.error.pointer ?? "", message: body.error.message }] : []);
    const unplaced = markErrors(form, errors);
    message.textContent = [t("not_saved"), ...unplaced].join(" ");
    form.querySelector("[aria-invalid]")?.focus();
  });
  show(el("p", {}, link(`/projects/${encodeURIComponent(code)}`, code), " / ",
          link(`/projects/${encodeURIComponent(code)}/partners/${encodeURIComponent(partnerCode)}`, partnerCode)),
       form);
}

/**
 * Someone changed the figures first: what is stored now beside the user's change applied to it
 * (what "apply again" would save), and a way to redo it or let it go.
 */
function conflictPage(code, partnerCode, current, merged) {
  const list = (items) => el("ul", {}, ...items.map((c) =>
    el("li", {}, `${c.source} (${label("contribution", c.type)}) ${amount(c.amount)}`)));
  show(
    el("h1", {}, t("conflict_title")),
    el("p", { role: "alert" }, t("conflict_explained")),
    el("h2", {}, t("conflict_now")), el("div", { id: "conflict-current" }, list(current)),
    el("h2", {}, t("conflict_yours")), el("div", { id: "conflict-mine" }, list(merged)),
    el("p", { class: "actions" },
      el("button", { type: "button", id: "redo", onclick: () => cofinancingEditor(code, partnerCode, merged) },
         t("conflict_apply_again")), " ",
      el("button", { type: "button", class: "link", onclick: () => partnerPage(code, partnerCode) },
         t("conflict_discard"))));
}

function passwordPage() {
  const error = el("p", { class: "error", role: "alert", id: "password-error" }, "");
  const field = (id, key, autocomplete) => [
    el("label", { for: id }, t(key)),
    el("input", { id, name: id, type: "password", autocomplete, required: "" }),
  ];
  const form = el("form", { class: "stack", novalidate: "", id: "password-form" },
    el("h1", {}, t("change_password")),
    el("p", { id: "password-rules" }, t("password_rules")),
    error,
    ...field("current", "current_password", "current-password"),
    ...field("new", "new_password", "new-password"),
    ...field("repeat", "repeat_password", "new-password"),
    el("button", { type: "submit" }, t("change_password")));
  form.elements.new.setAttribute("aria-describedby", "password-rules");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    for (const input of form.querySelectorAll("input")) input.removeAttribute("aria-invalid");
    if (form.elements.new.value !== form.elements.repeat.value) {
      form.elements.repeat.setAttribute("aria-invalid", "true");
      error.textContent = t("passwords_differ");
      return form.elements.repeat.focus();
    }
    const response = await api("POST", "/session/password",
                               { current: form.elements.current.value, new: form.elements.new.value });
    if (response.status === 204) {
      // Changing the password ends every session of the user, this one too.
      session = null;
      renderAccount();
      history.pushState({}, "", "/");
      return signInPage(t("password_changed"));
    }
    const body = await response.json().catch(() => ({}));
    const pointer = body.error?.pointer ?? "";
    const input = pointer === "/new" ? form.elements.new
      : pointer === "/current" || response.status === 401 ? form.elements.current : null;
    input?.setAttribute("aria-invalid", "true");
    // The rule a new password breaks, as the server words it (without its pointer).
    const detail = body.error?.errors?.[0]?.message ?? body.error?.message;
    error.textContent = input === form.elements.current ? t("current_password_wrong")
      : detail ?? t("unexpected", response);
    input?.focus();
  });
  show(form);
}

const REPORT_KINDS = {
  financial: "report.financial_statement.title",
  partner: "report.partner_progress.title",
  project: "report.project_progress.title",
  audit: "report.audit_extract.title",
};

/** Lower-case hex SHA-256 of bytes, computed in the browser. */
async function sha256Hex(bytes) {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function describeReport(report) {
  const parts = [`#${report.id}`, t(REPORT_KINDS[report.kind] ?? report.kind)];
  if (report.period) parts.push(t("common.period_number", { number: report.period }));
  if (report.partner) parts.push(report.partner);
  parts.push(report.language.toUpperCase(), report.submitted_at, report.submitted_by);
  return parts.join(" · ");
}

/** The drop zone that tells whether a file is byte for byte a submitted report. */
function verifyBox() {
  const result = el("p", { id: "verify-result", role: "status" }, "");
  const input = el("input", { type: "file", id: "verify-file", accept: "application/pdf,.pdf" });
  const check = async (file) => {
    result.textContent = t("loading");
    const bytes = await file.arrayBuffer();
    const response = await api("POST", "/reports/verify", undefined,
                               { "Content-Type": "application/pdf" }, bytes);
    const answer = await response.json().catch(() => ({}));
    if (response.status === 400) return (result.textContent = t("verify_not_pdf"));
    if (!response.ok) return (result.textContent = t("unexpected", response));
    const hash = await sha256Hex(bytes);
    result.textContent = answer.submitted
      ? t("verify_identical", { report: answer.report ? describeReport(answer.report) : "" })
      : t("verify_not_submitted", { sha256: hash });
    result.className = answer.submitted ? "ok" : "error";
  };
  input.addEventListener("change", () => input.files[0] && check(input.files[0]));
  const zone = el("div", { class: "drop", id: "verify-drop" },
    el("label", { for: "verify-file" }, t("verify_label")), input, result);
  zone.addEventListener("dragover", (event) => { event.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("over");
    if (event.dataTransfer.files[0]) check(event.dataTransfer.files[0]);
  });
  return el("section", { "aria-labelledby": "verify-heading" },
            el("h2", { id: "verify-heading" }, t("verify_title")), zone);
}

async function reportsPage(code) {
  show(el("p", {}, t("loading")));
  const path = `/projects/${encodeURIComponent(code)}`;
  const [projectResponse, reportsResponse, partnersResponse] = await Promise.all([
    api("GET", path), api("GET", `${path}/reports`), api("GET", `${path}/partners`),
  ]);
  if (projectResponse.status === 401) return sessionEnded();
  if (!projectResponse.ok) return notFoundPage();
  const project = await projectResponse.json();
  const reports = reportsResponse.ok ? (await reportsResponse.json()).reports : null;
  const partners = partnersResponse.ok ? (await partnersResponse.json()).partners : [];

  const list = reports === null ? el("p", {}, t("reports_not_yours"))
    : reports.length === 0 ? el("p", { id: "no-reports" }, t("reports_none"))
    : table(t("reports_submitted"),
        [t("report_id"), t("report_kind"), t("common.period"), t("common.partner"),
         t("common.report_language"), t("report_submitted"), "SHA-256", t("download")],
        reports.map((r) => el("tr", { id: `report-${r.id}` }, ...cells([
          String(r.id), t(REPORT_KINDS[r.kind] ?? r.kind), r.period ? String(r.period) : "",
          r.partner ?? "", r.language.toUpperCase(), `${r.submitted_at} · ${r.submitted_by}`,
          el("code", { class: "hash" }, r.sha256),
          el("a", { href: r.links.pdf, download: r.file_name }, t("download"))]))));

  // A draft (rendered now, not stored) or a submission: what the report is of.
  const select = (id, key, options) => [
    el("label", { for: id }, t(key)),
    el("select", { id, name: id }, ...options.map(([value, text]) => el("option", { value }, text))),
  ];
  const form = el("form", { class: "stack", id: "report-form", novalidate: "" },
    el("h2", {}, t("report_new")),
    ...select("kind", "report_kind", Object.entries(REPORT_KINDS).map(([k, key]) => [k, t(key)])),
    ...select("language", "common.report_language", [["lv", "Latviešu"], ["lt", "Lietuvių"], ["en", "English"]]),
    ...select("period", "common.period", [["", "—"], ...(project.periods ?? []).map((p) =>
      [String(p.number), t("common.period_number", { number: p.number })])]),
    ...select("partner", "common.partner", [["", "—"], ...partners.map((p) => [p.code, `${p.code} ${p.name}`])]),
    el("p", { class: "error", role: "alert", id: "report-error" }, ""),
    el("p", { class: "actions" },
      el("button", { type: "button", id: "draft" }, t("report_draft")),
      ...(mayEditFigures(code) ? [el("button", { type: "submit", id: "submit-report" }, t("report_submit"))] : [])));
  form.elements.language.value = language;
  const selection = () => {
    const wanted = { kind: form.elements.kind.value, language: form.elements.language.value };
    if (form.elements.period.value) wanted.period = Number(form.elements.period.value);
    if (form.elements.partner.value) wanted.partner = form.elements.partner.value;
    return wanted;
  };
  const problem = async (response) => {
    const body = await response.json().catch(() => ({}));
    const errors = body.error?.errors ?? [];
    document.getElementById("report-error").textContent =
      errors.length ? errors.map((e) => `${e.pointer.slice(1)}: ${e.message}`).join("; ")
                    : body.error?.message ?? t("unexpected", response);
  };
  form.querySelector("#draft").addEventListener("click", async () => {
    const query = new URLSearchParams(Object.entries(selection()).map(([k, v]) => [k, String(v)]));
    const response = await api("GET", `${path}/reports/draft?${query}`);
    if (!response.ok) return problem(response);
    // The draft as a file to keep or open: rendered now, stored nowhere.
    const url = URL.createObjectURL(await response.blob());
    const anchor = el("a", { href: url, download: `${code}-draft.pdf`, id: "draft-link" }, t("report_draft_ready"));
    document.getElementById("report-error").replaceChildren(anchor);
    anchor.click();
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const response = await api("POST", `${path}/reports`, selection());
    if (response.status !== 201) return problem(response);
    const report = await response.json();
    await reportsPage(code);
    document.getElementById("status").textContent = t("report_submitted_as", { report: describeReport(report) });
  });

  show(
    el("p", {}, link("/", t("projects")), " · ", link(path, code)),
    el("h1", {}, `${t("reports")} — ${project.acronym}`),
    el("p", { id: "status", role: "status" }, ""),
    list, form, verifyBox(),
  );
}

/** The query of the audit page's filters ("" members left out). */
function auditQuery(form, after) {
  const query = new URLSearchParams();
  for (const name of ["project", "user", "action", "from", "to"]) {
    const value = form.elements[name].value.trim();
    if (value) query.set(name, value);
  }
  if (after) query.set("after", String(after));
  return query;
}

async function auditPage() {
  const field = (name, key, attributes = {}) => el("div", { class: "field" },
    el("label", { for: `audit-${name}` }, t(key)),
    el("input", { id: `audit-${name}`, name, ...attributes }));
  const error = el("p", { class: "error", role: "alert", id: "audit-error" }, "");
  const form = el("form", { id: "audit-form", class: "filters", novalidate: "" },
    field("project", "common.project", { placeholder: "LLI-317" }),
    field("user", "audit.user"),
    field("action", "audit.action", { placeholder: "update" }),
    field("from", "audit_from", { type: "date" }),
    field("to", "audit_to", { type: "date" }),
    el("p", { class: "actions" },
       el("button", { type: "submit", id: "audit-show" }, t("audit_show")),
       el("button", { type: "button", id: "audit-export" }, t("audit_export"))));
  const rows = el("tbody", {});
  const more = el("button", { type: "button", id: "audit-more", hidden: "" }, t("audit_more"));
  const exported = el("p", { id: "audit-exported" }, "");
  let next = null;
  const entryRow = (e) => el("tr", { class: "entry" }, ...cells([
    String(e.id), e.at, e.user, e.role, e.action, `${e.object_type} ${e.object_key}`.trim(),
    e.project, `${e.chain} #${e.sequence}`]));
  const load = async (after) => {
    const response = await api("GET", `/audit?${auditQuery(form, after)}`);
    if (response.status === 401) return sessionEnded();
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      error.textContent = response.status === 403 || response.status === 404
        ? t("audit_not_yours") : body.error?.message ?? t("unexpected", response);
      return false;
    }
    error.textContent = "";
    if (!after) rows.replaceChildren();
    rows.append(...body.entries.map(entryRow));
    next = body.next;
    more.hidden = next === null;
    if (rows.children.length === 0) error.textContent = t("audit.none");
    return true;
  };
  form.addEventListener("submit", (event) => { event.preventDefault(); load(null); });
  more.addEventListener("click", () => load(next));
  form.querySelector("#audit-export").addEventListener("click", async () => {
    // Every entry the filters select, page by page, as JSON lines (one object a line).
    const lines = [];
    let after = null;
    for (;;) {
      const query = auditQuery(form, after);
      query.set("limit", "1000");
      const response = await api("GET", `/audit?${query}`);
      if (!response.ok) { error.textContent = t("audit_not_yours"); return; }
      const body = await response.json();
      for (const entry of body.entries) lines.push(JSON.stringify(entry));
      if (body.next === null) break;
      after = body.next;
    }
    const url = URL.createObjectURL(new Blob(lines.map((l) => `${l}\n`), { type: "application/x-ndjson" }));
    exported.replaceChildren(el("a", { href: url, download: "audit.jsonl", id: "audit-jsonl",
                                       "data-lines": String(lines.length) },
                                t("audit_exported", { count: lines.length })));
  });

  const verification = el("p", { id: "audit-verification", role: "status" }, t("loading"));
  show(
    el("h1", {}, t("audit_trail")),
    el("section", { "aria-labelledby": "verification-heading" },
      el("h2", { id: "verification-heading" }, t("audit.chain")), verification),
    form, error,
    table(t("audit.entries"), ["#", t("audit.time"), t("audit.user"), t("audit.role"),
      t("audit.action"), t("audit.object"), t("common.project"), t("audit_chain_sequence")], [], []),
    more, exported);
  document.querySelector("#main table tbody").replaceWith(rows);

  const verified = await api("GET", "/audit/verify");
  if (verified.ok) {
    const result = await verified.json();
    verification.textContent = result.intact
      ? t("audit_intact", { checked: result.checked, chains: result.chains })
      : t("audit_broken", { chain: result.broken.chain, sequence: result.broken.sequence, message: result.broken.message });
    verification.className = result.intact ? "ok" : "error";
  } else {
    verification.textContent = t("audit_verify_not_yours");
  }
  // Everyone who may read the trail reads it of one project at least: start there if it is one.
  if ((session?.roles ?? []).some((g) => g.role === "admin" || (g.role === "auditor" && !g.programme)))
    await load(null);
}

const ROLES = ["admin", "programme", "lead", "partner", "controller", "auditor"];

/** A grant as people read it: "lead LLI-317", "partner LLI-317/PP6", "auditor (all)". */
function grantText(grant) {
  const scope = [grant.programme, grant.project, grant.partner].filter(Boolean);
  const where = grant.partner ? `${grant.project}/${grant.partner}` : grant.project || grant.programme;
  return scope.length ? `${grant.role} ${where}` : `${grant.role} (${t("everywhere")})`;
}

function forbiddenPage() {
  show(el("h1", {}, t("forbidden")), el("p", {}, link("/", t("projects"))));
}

async function adminPage() {
  show(el("p", {}, t("loading")));
  const [usersResponse, programmesResponse] = await Promise.all([api("GET", "/users"), api("GET", "/programmes")]);
  if (usersResponse.status === 401) return sessionEnded();
  if (usersResponse.status === 403) return forbiddenPage();
  if (!usersResponse.ok) return show(el("p", { class: "error" }, t("unexpected", usersResponse)));
  const { users } = await usersResponse.json();
  const programmes = programmesResponse.ok ? (await programmesResponse.json()).programmes : [];
  const status = el("p", { id: "admin-status", role: "status" }, "");
  const problem = async (response) => {
    const body = await response.json().catch(() => ({}));
    status.className = "error";
    status.textContent = body.error?.message ?? t("unexpected", response);
  };

  const userRows = users.map((user) => el("tr", { id: `user-${user.name}` }, ...cells([
    user.name, user.display_name,
    el("ul", { class: "grants" }, ...(user.roles ?? []).map((grant) => el("li", {}, grantText(grant), " ",
      el("button", { type: "button", class: "link", onclick: async () => {
        const response = await api("DELETE", `/users/${encodeURIComponent(user.name)}/grants`, grant);
        if (!response.ok) return problem(response);
        await adminPage();
        document.getElementById("admin-status").textContent = t("revoked", { grant: grantText(grant), user: user.name });
      } }, t("revoke"))))),
  ])));
  const usersTable = table(t("users"), [t("user"), t("common.name"), t("roles")], userRows);

  const input = (form, name, key, attributes = {}) => [
    el("label", { for: `${form}-${name}` }, t(key)), el("input", { id: `${form}-${name}`, name, ...attributes })];
  const createForm = el("form", { class: "stack", id: "create-user", novalidate: "" },
    el("h2", {}, t("create_user")),
    ...input("create", "name", "user", { required: "", autocomplete: "off" }),
    ...input("create", "display_name", "display_name"),
    el("button", { type: "submit" }, t("create_user")));
  createForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const response = await api("POST", "/users", {
      name: createForm.elements.name.value.trim(),
      display_name: createForm.elements.display_name.value.trim(),
    });
    if (response.status !== 201) return problem(response);
    const created = await response.json();
    await adminPage();
    const shown = document.getElementById("admin-status");
    shown.className = "ok";
    // The generated password is shown this once; crossgrant keeps only its hash.
    shown.replaceChildren(t("created_user", { user: created.name ?? createForm.elements.name.value }), " ",
      el("code", { id: "generated-password" }, created.password ?? ""));
  });

  const grantForm = el("form", { class: "stack", id: "grant-role", novalidate: "" },
    el("h2", {}, t("grant_role")),
    el("label", { for: "grant-user" }, t("user")),
    el("select", { id: "grant-user", name: "user" }, ...users.map((u) => el("option", { value: u.name }, u.name))),
    el("label", { for: "grant-role-select" }, t("common.role")),
    el("select", { id: "grant-role-select", name: "role" }, ...ROLES.map((r) => el("option", { value: r }, r))),
    ...input("grant", "programme", "common.programme", { list: "programme-codes" }),
    el("datalist", { id: "programme-codes" }, ...programmes.map((p) => el("option", { value: p.code }))),
    ...input("grant", "project", "common.project"),
    ...input("grant", "partner", "common.partner"),
    el("button", { type: "submit" }, t("grant_role")));
  grantForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const grant = { role: grantForm.elements.role.value };
    for (const name of ["programme", "project", "partner"]) {
      const value = grantForm.elements[name].value.trim();
      if (value) grant[name] = value;
    }
    const user = grantForm.elements.user.value;
    const response = await api("POST", `/users/${encodeURIComponent(user)}/grants`, grant);
    if (!response.ok) return problem(response);
    await adminPage();
    const shown = document.getElementById("admin-status");
    shown.className = "ok";
    shown.textContent = t("granted", { grant: grantText(grant), user });
  });

  const programmeTable = table(t("programmes"), [t("common.code"), t("common.name"), t("rules"), t("fin.fund")],
    programmes.map((p) => el("tr", {}, ...cells([p.code, p.name, p.rules, p.fund]))));
  show(el("h1", {}, t("administration")), status, usersTable, createForm, grantForm, programmeTable);
}

let routing = 0;  // counts route(): a route overtaken by a later one shows nothing

async function route() {
  const mine = ++routing;
  const response = await api("GET", "/session");
  if (mine !== routing) return undefined;
  if (response.status !== 200) {
    // A session that was there and is gone ended (expired, or ended elsewhere): say so.
    const ended = session !== null;
    session = null;
    renderAccount();
    return signInPage(ended ? t("session_ended") : undefined);
  }
  session = await response.json();
  renderAccount();
  const path = location.pathname;
  if (path === "/") return homePage(session);
  if (path === "/password") return passwordPage();
  if (path === "/audit") return auditPage();
  if (path === "/admin") return adminPage();
  const project = path.match(/^\/projects\/([^/]+)$/);
  if (project) return projectPage(decodeURIComponent(project[1]));
  const reportsOf = path.match(/^\/projects\/([^/]+)\/reports$/);
  if (reportsOf) return reportsPage(decodeURIComponent(reportsOf[1]));
  const partner = path.match(/^\/projects\/([^/]+)\/partners\/([^/]+)$/);
  if (partner) return partnerPage(decodeURIComponent(partner[1]), decodeURIComponent(partner[2]));
  return notFoundPage();
}

window.addEventListener("popstate", () => route());

await loadTexts(chosenLanguage());
renderLanguages();
await route();
