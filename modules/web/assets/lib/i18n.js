// The pages' texts in lv, lt and en (i18n/<language>.json, beside the reports' labels, which
// they share), and numbers, amounts and dates formatted for the language.

export const LANGUAGES = ["lv", "lt", "en"];
const LANGUAGE_KEY = "crossgrant.language";

let texts = {};
let labels = {};
let chosen = "en";

/** The language of the pages now ("lv", "lt" or "en"). */
export function language() {
  return chosen;
}

/** The language remembered from an earlier visit, else the browser's if it is one of ours. */
export function rememberedLanguage() {
  const stored = localStorage.getItem(LANGUAGE_KEY);
  if (LANGUAGES.includes(stored)) return stored;
  const browser = (navigator.language || "en").slice(0, 2);
  return LANGUAGES.includes(browser) ? browser : "en";
}

export function rememberLanguage(code) {
  localStorage.setItem(LANGUAGE_KEY, code);
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

export async function loadTexts(wanted) {
  const [own, shared] = await Promise.all([
    fetch(`/assets/i18n/${wanted}.json`),
    fetch(`/assets/i18n/reports/${wanted}.properties`),
  ]);
  texts = await own.json();
  labels = parseProperties(await shared.text());
  chosen = wanted;
  document.documentElement.lang = wanted;
}

/** Whether key has a text (of the pages or the reports) in the language. */
export function hasText(key) {
  return key in texts || key in labels;
}

/** The text of key in the chosen language, {name} replaced by values[name]. */
export function t(key, values = {}) {
  const text = texts[key] ?? labels[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
}

/** A label of the reports for code under prefix ("category.staff"), else the code itself. */
export function label(prefix, code) {
  return labels[`${prefix}.${code}`] ?? code;
}

/** An amount as the API writes it ("-791256.20"): its sign, whole part and fraction digits. */
function amountParts(text) {
  const negative = text.startsWith("-");
  const [whole, fraction = ""] = (negative ? text.slice(1) : text).split(".");
  return { negative, whole, fraction };
}

/**
 * An amount as the API writes it formatted for the language, without floating point:
 * 791 256,20 in lv and lt (no-break space), 791,256.20 in en.
 */
export function amount(text) {
  if (text === undefined || text === null) return "";
  const { negative, whole, fraction } = amountParts(text);
  const group = chosen === "en" ? "," : "\u00a0";
  const decimal = chosen === "en" ? "." : ",";
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${negative ? "\u2212" : ""}${grouped}${fraction ? decimal + fraction : ""}`;
}

/**
 * An amount as a person types it in the language written as the API takes it ("791256.20"):
 * spaces group digits in every language ("791 256,20"); the decimal mark is the language's
 * (a comma in lv and lt, a point in en) or the API's point; in en a comma groups thousands
 * ("791,256.20"); "−" is a minus. What is not clearly an amount ("1.500" in lv, "1,50" in en)
 * is passed on as typed, for the API to refuse with its reason, never guessed at.
 */
export function typedAmount(text) {
  const typed = text.trim();
  let compact = typed.replace(/[\s\u00a0\u202f]/g, "").replace(/^\u2212/, "-");
  if (chosen === "en") {
    if (/^-?\d{1,3}(,\d{3})+(\.\d{1,2})?$/.test(compact)) compact = compact.replaceAll(",", "");
    if (!/^-?\d+(\.\d{1,2})?$/.test(compact)) return typed;
  } else {
    if (!/^-?\d+([.,]\d{1,2})?$/.test(compact)) return typed;
    compact = compact.replace(",", ".");
  }
  const [whole, fraction = ""] = compact.split(".");
  return `${whole}.${(fraction + "00").slice(0, 2)}`;
}

/** An amount as it is put into a field to edit: formatted, without grouping. */
export function editableAmount(text) {
  if (!text) return "";
  return chosen === "en" ? text : text.replace(".", ",");
}

/** Sums amounts given as decimal strings with two decimals, exactly (in cents, as BigInt). */
export function sum(amounts) {
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

export function date(text) {
  const [year, month, day] = text.split("-").map(Number);
  return new Intl.DateTimeFormat(chosen, { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}

/** The codes the reports' labels name under prefix ("category" → staff, office, ...). */
export function labelCodes(prefix) {
  const start = `${prefix}.`;
  return Object.keys(labels).filter((key) => key.startsWith(start) && !key.slice(start.length).includes("."))
    .map((key) => key.slice(start.length));
}

// ---- texts in several languages ({"lv": "...", "en": "..."}), as the API keeps titles

/** A text in the user's language, else English, else any; "" for none. */
export function inLanguage(texts) {
  if (!texts) return "";
  return texts[language()] ?? texts.en ?? Object.values(texts)[0] ?? "";
}

/** What a text says in the languages other than the user's: the hint beside the field that edits it. */
export function otherLanguages(texts) {
  return Object.entries(texts ?? {}).filter(([lang]) => lang !== language())
    .map(([lang, text]) => t("pr.other_language", { language: lang.toUpperCase(), text })).join(" ");
}

/** texts with the user's language set to value, or without it when value is empty. */
export function withMine(texts, value) {
  const out = { ...(texts ?? {}) };
  const mine = (value ?? "").trim();
  if (mine) out[language()] = mine;
  else delete out[language()];
  return out;
}
