// Editing in a real browser: the lead changes PP6's co-financing and its finding goes; a bad
// amount is marked at its field and nothing is saved; when someone else saved first, the page
// shows what is stored now beside the lead's change, and the lead applies it again.
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


async function openEditor(role) {
  const page = await openPage(browser, { language: "en" });
  await signIn(page, server.url, `demo-${role}`, server.passwords[role]);
  await page.waitForSelector("tbody a");
  await page.goto(`${server.url}/projects/LLI-317/partners/PP6`, { waitUntil: "networkidle0" });
  await page.click("#edit-cofinancing");
  await page.waitForSelector("#cofinancing-form");
  return page;
}

async function setAmount(page, index, value) {
  const selector = `#contribution-${index}-amount`;
  await page.$eval(selector, (input) => { input.value = ""; });
  await page.type(selector, value);
}

test("a bad amount is marked at its field and nothing is saved", async () => {
  const page = await openEditor("lead");
  assert.deepEqual(await accessibilityViolations(page), []);
  await screenshots(page, "edit-cofinancing");
  await setAmount(page, 1, "12.345");
  await page.click("#save-cofinancing");
  await page.waitForSelector("#contribution-1-amount[aria-invalid=true]");
  assert.equal(await text(page, "#contribution-1-amount-error"), "“12.345” has more than two decimals.");
  assert.match(await text(page, "#cofinancing-error"), /Not saved/);
  assert.equal(await page.$("#contribution-0-amount[aria-invalid]"), null);
  // The field with the error has the focus, and the stored figures are unchanged.
  assert.equal(await page.evaluate(() => document.activeElement.id), "contribution-1-amount");
  const stored = await page.evaluate(async () =>
    (await (await fetch("/api/v1/projects/LLI-317/partners/PP6/cofinancing")).json())[1].amount);
  assert.equal(stored, "14180.27");
  await page.browserContext().close();
});

test("the lead corrects PP6's co-financing and its finding goes", async () => {
  const page = await openEditor("lead");
  await setAmount(page, 1, "14180.32");
  await page.click("#save-cofinancing");
  await page.waitForFunction(() => document.getElementById("status")?.textContent === "Saved.");
  assert.equal(await page.$eval("#contributions-total", (r) => r.classList.contains("finding")), false);
  assert.match(await text(page, "#contributions-total"), /94,535\.16/);
  assert.deepEqual(page.problems, []);
  await page.browserContext().close();
});

test("when someone saved first, the lead sees both and applies the change again", async () => {
  const lead = await openEditor("lead");
  // Meanwhile the admin, in a browser of their own, saves another change to PP6.
  const admin = await openEditor("admin");
  await setAmount(admin, 0, "80354.90");
  await admin.click("#save-cofinancing");
  await admin.waitForFunction(() => document.getElementById("status")?.textContent === "Saved.");
  await admin.browserContext().close();

  await setAmount(lead, 1, "14180.26");
  await lead.click("#save-cofinancing");
  await lead.waitForSelector("#conflict-current");
  assert.equal(await text(lead, "h1"), "Someone saved a change first");
  assert.match(await text(lead, "#conflict-current"), /80,354\.90/);
  // The lead's change, on what is stored now: the admin's row kept, the lead's row changed.
  assert.match(await text(lead, "#conflict-mine"), /80,354\.90[\s\S]*14,180\.26/);
  assert.deepEqual(await accessibilityViolations(lead), []);
  await screenshots(lead, "edit-conflict");

  // Applying it again fills the form with the lead's change on what is stored now: the admin's
  // change to the row the lead did not touch is kept.
  await lead.click("#redo");
  await lead.waitForSelector("#cofinancing-form");
  assert.equal(await lead.$eval("#contribution-0-amount", (i) => i.value), "80354.90");
  assert.equal(await lead.$eval("#contribution-1-amount", (i) => i.value), "14180.26");
  assert.match(await text(lead, "#cofinancing-error"), /filled in again/);
  await lead.click("#save-cofinancing");
  await lead.waitForFunction(() => document.getElementById("status")?.textContent === "Saved.");
  const stored = await lead.evaluate(async () =>
    (await (await fetch("/api/v1/projects/LLI-317/partners/PP6/cofinancing")).json()).map((c) => c.amount));
  assert.deepEqual(stored, ["80354.90", "14180.26"]);
  await lead.browserContext().close();
});
