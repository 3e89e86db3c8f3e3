// What the browser tests share: a real `crossgrant serve` on a free loopback port over a fresh
// database with the demo project and one user per role, and Debian's chromium driven by
// puppeteer-core, with every console error and failed request of a page collected.
//
// Environment (set by CTest, tests/browser/CMakeLists.txt): CROSSGRANT_EXE, the executable;
// CROSSGRANT_SOURCE, the source tree; CROSSGRANT_BROWSER_OUTPUT, where screenshots go;
// CROSSGRANT_BROWSER_BACKEND, "sqlite" (the default: a fresh SQLite file) or "mysql" (a fresh
// database on the MariaDB of CROSSGRANT_TEST_MYSQL_URL, made with the mariadb client, as
// scripts/test starts one); CROSSGRANT_CHROMIUM (optional), the browser, /usr/bin/chromium.
import { spawn, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { after, before } from "node:test";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the browser tests through ctest or scripts/test`);
  return value;
}

export const exe = required("CROSSGRANT_EXE");
export const source = required("CROSSGRANT_SOURCE");
export const output = process.env.CROSSGRANT_BROWSER_OUTPUT || join(tmpdir(), "crossgrant-browser");

/** The demo users, by role: name, grant (as `crossgrant user grant` takes it). */
export const ROLES = {
  admin: ["admin"],
  programme: ["programme", "--programme", "LV-LT-2014-2020"],
  lead: ["lead", "--project", "LLI-317"],
  partner: ["partner", "--project", "LLI-317", "--partner", "PP6"],
  controller: ["controller", "--project", "LLI-317", "--partner", "PP6"],
  auditor: ["auditor", "--programme", "LV-LT-2014-2020"],
};

/** Runs sql with the mariadb client on the server of the test MariaDB. */
function mariadb(sql) {
  const given = process.env.CROSSGRANT_TEST_MYSQL_URL;
  if (!given) throw new Error("CROSSGRANT_BROWSER_BACKEND=mysql needs CROSSGRANT_TEST_MYSQL_URL; scripts/test starts a throwaway MariaDB");
  const url = new URL(given.replace(/^mysql:/, "http:"));
  execFileSync("mariadb", [
    "--protocol=TCP", "-h", url.hostname, "-P", url.port, "-u", decodeURIComponent(url.username),
    `-p${decodeURIComponent(url.password)}`, "-e", sql,
  ]);
  return given;
}

/** A fresh, empty database on the test MariaDB: its name and crossgrant URL. */
function freshMariadb() {
  const name = `cgt_browser_${process.pid}_${Date.now()}`;
  const given = mariadb(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin`);
  return { name, url: given.replace(/\/[^/]*$/, `/${name}`) };
}

/** Starts crossgrant over a fresh database; resolves to {url, passwords, stop}. */
export async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), "crossgrant-browser-"));
  const backend = process.env.CROSSGRANT_BROWSER_BACKEND || "sqlite";
  if (backend !== "sqlite" && backend !== "mysql")
    throw new Error(`CROSSGRANT_BROWSER_BACKEND is "${backend}": expected sqlite or mysql`);
  const fresh = backend === "mysql" ? freshMariadb() : null;
  const db = fresh ? fresh.url : `sqlite:${join(dir, "crossgrant.db")}`;
  const env = { ...process.env, CROSSGRANT_DB: db };
  // In the temporary directory, so that what crossgrant keeps beside a MariaDB database (its
  // audit key, var/) goes with it.
  const run = (...args) => execFileSync(exe, args, { env, encoding: "utf8", cwd: dir });
  run("migrate");
  run("import", join(source, "data", "socquality.v2.bundle.json"));
  const passwords = {};
  for (const [role, grant] of Object.entries(ROLES)) {
    const name = `demo-${role}`;
    const added = run("user", "add", name, "--display-name", `Demo ${role}`, "--generate-password");
    const match = added.match(/generated password \(shown only now\): (\S+)/);
    if (!match) throw new Error(`crossgrant user add printed no password: ${added}`);
    passwords[role] = match[1];
    run("user", "grant", name, ...grant);
  }
  const server = spawn(exe, ["serve", "--port", "0"], { env, cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`crossgrant serve did not start: ${log}`)), 20000);
    const read = (chunk) => {
      log += chunk;
      const found = log.match(/serving (http:\/\/[0-9.]+:\d+)\//);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    };
    server.stdout.on("data", read);
    server.stderr.on("data", read);
    server.on("exit", (code) => reject(new Error(`crossgrant serve exited ${code}: ${log}`)));
  });
  return {
    url,
    passwords,
    log: () => log,
    async stop() {
      server.kill("SIGTERM");
      await new Promise((resolve) => server.once("exit", resolve));
      rmSync(dir, { recursive: true, force: true });
      if (fresh) mariadb(`DROP DATABASE ${fresh.name}`);
    },
  };
}

export async function launchBrowser() {
  return puppeteer.launch({
    executablePath: process.env.CROSSGRANT_CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--headless=new", "--disable-gpu"],
  });
}

/**
 * A new page (in its own browser context, so sessions do not mix) that records console errors,
 * page errors, failed requests and CSP violations in page.problems.
 */
export async function openPage(browser, { width = 1280, height = 800, language } = {}) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width, height });
  if (language) {
    // The browser's own language, as a user's browser set to it would report it.
    await page.evaluateOnNewDocument((code) => {
      Object.defineProperty(navigator, "language", { get: () => code });
    }, language);
    await page.setExtraHTTPHeaders({ "Accept-Language": language });
  }
  page.problems = [];
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    // The browser logs every 4xx as a failed load; the response handler below judges those.
    if (message.text().startsWith("Failed to load resource")) return;
    page.problems.push(`console: ${message.text()} (${message.location()?.url ?? ""})`);
  });
  page.on("pageerror", (error) => page.problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => {
    // Chromium reports a fetch answered 204 No Content as aborted; it was answered.
    if (request.response()?.status() === 204) return;
    page.problems.push(`request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText}`);
  });
  page.on("response", (response) => {
    // 401 from the session check of a signed-out page is expected; anything else >= 400 is not.
    const expected = response.status() === 401 && response.url().endsWith("/api/v1/session");
    if (response.status() >= 400 && !expected)
      page.problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return page;
}

const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** axe-core's WCAG 2.1 A and AA violations on the page as it is now. */
export async function accessibilityViolations(page) {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern: a script
  // tag would be (rightly) refused by it.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
  });
}

/** Screenshots of the page at 1280×800 and 390×844 into the output directory. */
export async function screenshots(page, name) {
  mkdirSync(output, { recursive: true });
  for (const [width, height] of [[1280, 800], [390, 844]]) {
    await page.setViewport({ width, height });
    await page.screenshot({ path: join(output, `${name}-${width}x${height}.png`), fullPage: true });
  }
  await page.setViewport({ width: 1280, height: 800 });
}

export async function signIn(page, url, name, password) {
  await page.goto(url, { waitUntil: "networkidle0" });
  await page.waitForSelector("#user");
  await page.type("#user", name);
  await page.type("#password", password);
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/api/v1/session") && r.request().method() === "POST"),
    page.click("button[type=submit]"),
  ]);
}

/** The server and browser of the test file (live bindings, set by useServerAndBrowser). */
export let server;
export let browser;

/** Starts a server and a browser before the file's tests and stops both after them. */
export function useServerAndBrowser() {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
}

/** The trimmed text of the first element matching selector. */
export async function text(page, selector) {
  return page.$eval(selector, (node) => node.textContent.trim());
}
