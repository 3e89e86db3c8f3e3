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
