// The interface's shell in a real browser: the sign-in page, a wrong password, signing in as the
// lead and seeing the demo project, the language switch (remembered, and the page in Latvian
// and Lithuanian), signing out; on every page no console error, no failed request, nothing the
// CSP refused, and no WCAG 2.1 AA violation that axe-core finds; screenshots at desktop and
// phone size.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  accessibilityViolations,
  openPage,
  screenshots,
  signIn,
  browser,
  server,
  text,
  useServerAndBrowser,
} from "./harness.mjs";

useServerAndBrowser();


test("the sign-in page is clean, accessible and refuses a wrong password", async () => {
  const page = await openPage(browser, { language: "en" });
  await page.goto(server.url, { waitUntil: "networkidle0" });
  assert.equal(await text(page, "h1"), "Sign in");
  assert.deepEqual(await accessibilityViolations(page), []);
  await screenshots(page, "sign-in");

  await page.type("#user", "demo-lead");
  await page.type("#password", "not the password");
  await page.click("button[type=submit]");
  await page.waitForFunction(() => document.querySelector("#sign-in-error")?.textContent !== "");
  assert.equal(await text(page, "#sign-in-error"), "The user name or password is not right.");
  // The refused login is the one failed request this page may have.
  assert.deepEqual(
    page.problems.filter((p) => !p.includes("/api/v1/session")),
    [],
  );
  await page.browserContext().close();
});

test("the lead signs in, sees the demo project and signs out", async () => {
  const page = await openPage(browser, { language: "en" });
  await signIn(page, server.url, "demo-lead", server.passwords.lead);
  await page.waitForSelector("table");
  assert.equal(await text(page, "h1"), "Projects");
  assert.match(await text(page, "main"), /Signed in as Demo lead/);
  assert.equal(await text(page, "tbody tr td"), "LLI-317");
  // With the count of its findings: the demo project has two.
  assert.equal(await text(page, "#project-LLI-317 td:nth-child(3)"), "2");
  assert.deepEqual(await accessibilityViolations(page), []);
  await screenshots(page, "home-lead");
  assert.deepEqual(page.problems, []);

  await page.click("#sign-out");
  await page.waitForSelector("#user");
  assert.equal(await text(page, "h1"), "Sign in");
  // Signed out for the server too: the session cookie no longer opens the API.
  const status = await page.evaluate(async () => (await fetch("/api/v1/projects")).status);
  assert.equal(status, 401);
  await page.browserContext().close();
});

test("the language switch is remembered and the pages speak Latvian and Lithuanian", async () => {
  const page = await openPage(browser, { language: "en" });
  await signIn(page, server.url, "demo-auditor", server.passwords.auditor);
  await page.waitForSelector("table");
  await page.click("button[lang=lv]");
  await page.waitForFunction(() => document.querySelector("h1")?.textContent === "Projekti");
  assert.equal(await page.$eval("html", (node) => node.lang), "lv");
  assert.equal(await text(page, "thead th:nth-child(2)"), "Akronīms");
  await page.reload({ waitUntil: "networkidle0" });
  await page.waitForSelector("table");
  assert.equal(await text(page, "h1"), "Projekti");
  assert.equal(await page.$eval("button[lang=lv]", (b) => b.getAttribute("aria-pressed")), "true");
  assert.deepEqual(await accessibilityViolations(page), []);
  await screenshots(page, "home-auditor-lv");

  await page.click("button[lang=lt]");
  await page.waitForFunction(() => document.querySelector("h1")?.textContent === "Projektai");
  assert.match(await text(page, "main"), /Prisijungta kaip Demo auditor/);
  assert.equal(await text(page, "#sign-out"), "Atsijungti");
  assert.deepEqual(page.problems, []);
  await page.browserContext().close();
});

test("a page left while it loads does not paint itself over the page that followed it", async () => {
  const page = await openPage(browser, { language: "en" });
  // The home page's list of projects is held back until the admin page has been shown.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.setRequestInterception(true);
  page.on("request", async (request) => {
    if (request.url().includes("/api/v1/projects?findings=count")) await held;
    await request.continue();
  });
  await signIn(page, server.url, "demo-admin", server.passwords.admin);
  await page.waitForSelector("#account a[href='/admin']");
  await page.click("#account a[href='/admin']");
  await page.waitForSelector("#new-programme-form");
  const homeAnswered = page.waitForResponse((r) => r.url().includes("/api/v1/projects?findings=count"));
  release();
  await homeAnswered;
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(await text(page, "h1"), "Administration");
  assert.ok(await page.$("#new-programme-code"));
  assert.equal(await page.$("#project-LLI-317"), null);
  await page.browserContext().close();
});

test("a path that is no page says so in the user's language", async () => {
  const page = await openPage(browser, { language: "lv" });
  await signIn(page, server.url, "demo-lead", server.passwords.lead);
  await page.waitForSelector("table");
  await page.goto(`${server.url}/no/such/page`, { waitUntil: "networkidle0" });
  assert.equal(await text(page, "h1"), "Šāda lapa nepastāv.");
  assert.deepEqual(await accessibilityViolations(page), []);
  assert.deepEqual(page.problems, []);
  await page.browserContext().close();
});

test("a session that ends is shown as such, not as an error", async () => {
  const page = await openPage(browser, { language: "en" });
  await signIn(page, server.url, "demo-programme", server.passwords.programme);
  await page.waitForSelector("table");
  // The session cookie goes, as when the session expires.
  await page.deleteCookie({ name: "crossgrant_session", url: server.url });
  await page.click("#account a[href='/']");
  await page.waitForSelector("#user");
  assert.equal(await text(page, "#sign-in-error"), "Your session has ended. Please sign in again.");
  assert.equal(await page.$("#sign-out"), null);
  await page.browserContext().close();
});

test("changing the password explains the rules, refuses a weak one and signs out", async () => {
  const page = await openPage(browser, { language: "en" });
  await signIn(page, server.url, "demo-controller", server.passwords.controller);
  await page.waitForSelector("table");
  await page.click("#account a[href='/password']");
  await page.waitForSelector("#password-form");
  assert.match(await text(page, "#password-rules"), /At least 12 characters/);
  assert.deepEqual(await accessibilityViolations(page), []);
  await screenshots(page, "change-password");

  const fill = async (current, fresh, repeat) => {
    for (const [id, value] of [["#current", current], ["#new", fresh], ["#repeat", repeat]]) {
      await page.$eval(id, (input) => { input.value = ""; });
      await page.type(id, value);
    }
    await page.click("#password-form button[type=submit]");
  };
  await fill(server.passwords.controller, "river lantern copper", "river lantern coppers");
  await page.waitForSelector("#repeat[aria-invalid=true]");
  assert.equal(await text(page, "#password-error"), "The two new passwords are not the same.");

  await fill(server.passwords.controller, "aaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaa");
  await page.waitForSelector("#new[aria-invalid=true]");
  assert.notEqual(await text(page, "#password-error"), "");

  await fill("not the password", "river lantern copper", "river lantern copper");
  await page.waitForSelector("#current[aria-invalid=true]");
  assert.equal(await text(page, "#password-error"), "The current password is not right.");

  await fill(server.passwords.controller, "river lantern copper", "river lantern copper");
  await page.waitForSelector("#user");
  assert.equal(await text(page, "#sign-in-error"), "Your password was changed. Sign in with the new one.");
  await signIn(page, server.url, "demo-controller", "river lantern copper");
  await page.waitForSelector("table");
  assert.match(await text(page, "main"), /Signed in as Demo controller/);
  await page.browserContext().close();
});

test("a partner's home puts its own partner first, with its findings counted", async () => {
  const page = await openPage(browser, { language: "en" });
  await signIn(page, server.url, "demo-partner", server.passwords.partner);
  await page.waitForSelector("#own-partners");
  assert.equal(await text(page, "#own-partners a"), "LLI-317 / PP6");
  // The partner sees the findings of its own partner and the project's: both demo findings.
  assert.equal(await text(page, "#project-LLI-317 td:nth-child(3)"), "2");
  await page.click("#own-partners a");
  await page.waitForSelector("#contributions-total");
  assert.equal(new URL(page.url()).pathname, "/projects/LLI-317/partners/PP6");
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.browserContext().close();
});
