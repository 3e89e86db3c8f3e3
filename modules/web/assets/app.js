// crossgrant's browser interface: no framework, no inline script. Every page works through the
// public API with the session cookie (and X-CSRF-Token for changes); the server decides what a
// user may see and do, and a page only hides what the API would refuse.

const LANGUAGES = ["lv", "lt", "en"];
const LANGUAGE_KEY = "crossgrant.language";

let texts = {};
let language = "en";

function chosenLanguage() {
  const stored = localStorage.getItem(LANGUAGE_KEY);
  if (LANGUAGES.includes(stored)) return stored;
  const browser = (navigator.language || "en").slice(0, 2);
  return LANGUAGES.includes(browser) ? browser : "en";
}

async function loadTexts(wanted) {
  const response = await fetch(`/assets/i18n/${wanted}.json`);
  texts = await response.json();
  language = wanted;
  document.documentElement.lang = wanted;
}

/** The text of key in the chosen language, {name} replaced by values[name]. */
function t(key, values = {}) {
  const text = texts[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
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

async function api(method, path, body) {
  const headers = {};
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") headers["X-CSRF-Token"] = csrfToken();
  return fetch(`/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
  });
}

function show(...children) {
  const main = document.getElementById("main");
  main.replaceChildren(...children);
  main.focus();
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
            await route();
          },
        },
        code.toUpperCase(),
      ),
    ),
  );
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
  if (response.status === 401) return signInPage(t("session_ended"));
  if (!response.ok) return show(el("p", { class: "error" }, t("unexpected", response)));
  const { projects } = await response.json();
  const signOut = el(
    "button",
    {
      type: "button",
      onclick: async () => {
        await api("DELETE", "/session");
        signInPage();
      },
    },
    t("sign_out"),
  );
  const list =
    projects.length === 0
      ? el("p", {}, t("no_projects"))
      : el(
          "table",
          {},
          el("thead", {}, el("tr", {}, el("th", { scope: "col" }, t("project_code")),
                             el("th", { scope: "col" }, t("project_acronym")))),
          el("tbody", {}, ...projects.map((p) => el("tr", {}, el("td", {}, p.code),
                                                   el("td", {}, p.acronym ?? "")))),
        );
  show(
    el("p", {}, t("signed_in_as", { user: session.user.display_name || session.user.name }), " ",
       signOut),
    el("h1", {}, t("projects")),
    list,
  );
}

async function route() {
  if (location.pathname !== "/") return show(el("h1", {}, t("not_found")));
  const response = await api("GET", "/session");
  if (response.status !== 200) return signInPage();
  return homePage(await response.json());
}

await loadTexts(chosenLanguage());
renderLanguages();
await route();
