// Administration in a real browser: the admin creates a user (its password shown once), grants
// it a programme's role, and that user signs in and sees the programme's project; a grant is
// revoked; a lead is offered no administration and, typing its address, is told it is not for
// its roles.
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


test("the admin creates a user and grants a role, and that user signs in", async () => {
  const page = await openPage(browser, { language: "en" });
  await signIn(page, server.url, "demo-admin", server.passwords.admin);
  await page.waitForSelector("#account a[href='/admin']");
  await page.click("#account a[href='/admin']");
  await page.waitForSelector("#create-user");
  assert.match(await text(page, "#user-demo-lead"), /lead LLI-317/);
  assert.deepEqual(await accessibilityViolations(page), []);
  await screenshots(page, "admin");

  await page.type("#create-name", "ona-officer");
  await page.type("#create-display_name", "Ona Petraitytė");
  await page.click("#create-user button[type=submit]");
  await page.waitForSelector("#generated-password");
  const password = await text(page, "#generated-password");
  assert.ok(password.length >= 12, password);
  assert.match(await text(page, "#user-ona-officer"), /Ona Petraitytė/);

  await page.select("#grant-user", "ona-officer");
  await page.select("#grant-role-select", "programme");
  await page.type("#grant-programme", "LV-LT-2014-2020");
  await page.click("#grant-role button[type=submit]");
  await page.waitForFunction(() => document.getElementById("admin-status")?.textContent.startsWith("Granted"));
  assert.match(await text(page, "#user-ona-officer"), /programme LV-LT-2014-2020/);
  assert.deepEqual(page.problems, []);

  const officer = await openPage(browser, { language: "lt" });
  await signIn(officer, server.url, "ona-officer", password);
  await officer.waitForSelector("#project-LLI-317");
  assert.match(await text(officer, "main"), /Prisijungta kaip Ona Petraitytė/);
  await officer.browserContext().close();

  // A grant refused by the API says why and changes nothing.
  await page.select("#grant-user", "ona-officer");
  await page.select("#grant-role-select", "partner");
  await page.type("#grant-project", "LLI-317");
  await page.click("#grant-role button[type=submit]");
  await page.waitForFunction(() => document.getElementById("admin-status")?.className === "error");
  assert.doesNotMatch(await text(page, "#user-ona-officer"), /partner/);

  // Revoked, the role is gone.
  await page.$eval("#user-ona-officer li button", (button) => button.click());
  await page.waitForFunction(() => document.getElementById("admin-status")?.textContent.startsWith("Revoked"));
  assert.doesNotMatch(await text(page, "#user-ona-officer"), /programme LV-LT/);
  await page.browserContext().close();
});

test("a lead is offered no administration, and its address says it is not for the lead", async () => {
  const page = await openPage(browser, { language: "lv" });
  await signIn(page, server.url, "demo-lead", server.passwords.lead);
  await page.waitForSelector("#project-LLI-317");
  assert.equal(await page.$("#account a[href='/admin']"), null);
  await page.goto(`${server.url}/admin`, { waitUntil: "networkidle0" });
  await page.waitForFunction(() => document.querySelector("h1")?.textContent === "Šī lapa nav paredzēta jūsu lomām.");
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.browserContext().close();
});

test("the admin creates, changes and deletes a programme; an unknown rules key is marked", async () => {
  const page = await openPage(browser, { language: "en" });
  await signIn(page, server.url, "demo-admin", server.passwords.admin);
  await page.waitForSelector("#account a[href='/admin']");
  await page.click("#account a[href='/admin']");
  await page.waitForSelector("#new-programme-form");
  // The rules plugins loaded are offered by their keys.
  const offered = await page.$$eval("#new-programme-rules-list option", (options) => options.map((o) => o.value));
  assert.ok(offered.includes("interreg-2014-2020"), offered.join());

  await page.type("#new-programme-code", "LT-PL-2021-2027");
  await page.type("#new-programme-name", "Interreg VI-A Lietuva–Polska");
  await page.$eval("#new-programme-rules", (input) => { input.value = ""; });
  await page.type("#new-programme-rules", "interreg-2099");
  await page.type("#new-programme-fund", "ERDF");
  await page.click("#new-programme-save");
  await page.waitForSelector("#new-programme-rules[aria-invalid=true]");
  assert.match(await text(page, "#new-programme-rules-error"), /interreg-2099/);
  assert.equal(await page.$("#programme-LT-PL-2021-2027"), null);

  await page.$eval("#new-programme-rules", (input) => { input.value = "interreg-2021-2027"; });
  await page.click("#new-programme-save");
  await page.waitForSelector("#programme-LT-PL-2021-2027");
  assert.match(await text(page, "#admin-status"), /LT-PL-2021-2027 created/);
  assert.match(await text(page, "#programme-LT-PL-2021-2027"), /Lietuva–Polska/);

  await page.click("#edit-programme-LT-PL-2021-2027");
  await page.waitForSelector("#programme-LT-PL-2021-2027-form");
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.$eval("#programme-LT-PL-2021-2027-name", (input) => { input.value = ""; });
  await page.type("#programme-LT-PL-2021-2027-name", "Interreg VI-A Lithuania–Poland");
  await page.click("#programme-LT-PL-2021-2027-save");
  await page.waitForFunction(() => document.getElementById("admin-status")?.textContent.includes("saved"));
  assert.match(await text(page, "#programme-LT-PL-2021-2027"), /Lithuania–Poland/);

  // Deleting asks first; a programme with projects is refused with the reason.
  page.on("dialog", (dialog) => dialog.accept());
  await page.click("#delete-programme-LT-PL-2021-2027");
  await page.waitForFunction(() => document.getElementById("admin-status")?.textContent.includes("deleted"));
  assert.equal(await page.$("#programme-LT-PL-2021-2027"), null);
  await page.click("#delete-programme-LV-LT-2014-2020");
  await page.waitForFunction(() => document.getElementById("admin-status")?.className === "error");
  assert.ok(await page.$("#programme-LV-LT-2014-2020"));
  await screenshots(page, "admin-programmes");
  await page.browserContext().close();
});
