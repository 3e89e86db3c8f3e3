// Editing a partner and a project in a real browser: PP6's staff change their partner's own
// details (and are offered nothing of its approved figures); the lead changes a budget line
// typed as a Latvian writes amounts, and the finding it causes is marked at the budget's
// total; the lead changes the project's title while the admin changed its acronym, and the
// conflict page keeps both.
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

async function signedIn(role, language = "en") {
  const page = await openPage(browser, { language });
  await signIn(page, server.url, `demo-${role}`, server.passwords[role]);
  await page.waitForSelector("tbody a");
  return page;
}

async function fill(page, selector, value) {
  await page.$eval(selector, (input) => { input.value = ""; });
  await page.type(selector, value);
}

const stored = (page, path) => page.evaluate(async (p) => (await fetch(`/api/v1${p}`)).json(), path);

test("a partner changes its own details; a wrong country is marked and nothing is saved", async () => {
  const page = await signedIn("partner");
  await page.goto(`${server.url}/projects/LLI-317/partners/PP6`, { waitUntil: "networkidle0" });
  // The partner's own details it may change, its approved figures not: those are not offered.
  assert.ok(await page.$("#edit-details"));
  assert.equal(await page.$("#edit-budget"), null);
  assert.equal(await page.$("#edit-cofinancing"), null);
  await page.click("#edit-details");
  await page.waitForSelector("#details-form");
  assert.equal(await page.$("#partner-total"), null);
  assert.deepEqual(await accessibilityViolations(page), []);
  await screenshots(page, "edit-partner");

  const before = await stored(page, "/projects/LLI-317/partners/PP6");
  await fill(page, "#partner-country", "Lietuva");
  await page.click("#save-details");
  await page.waitForSelector("#partner-country[aria-invalid=true]");
  assert.equal(await text(page, "#partner-country-error"),
    "“LIETUVA” is not a country code: two capital letters, such as LV or LT.");
  assert.equal(await page.evaluate(() => document.activeElement.id), "partner-country");
  assert.deepEqual(await stored(page, "/projects/LLI-317/partners/PP6"), before);

  await fill(page, "#partner-country", "lt");
  await fill(page, "#partner-name", "VšĮ „Rokiškio jaunimo centras“");
  await page.click("#partner-vat_recoverable");
  await page.click("#save-details");
  await page.waitForFunction(() => document.getElementById("status")?.textContent === "Saved.");
  assert.equal(await text(page, "h1"), "PP6 — VšĮ „Rokiškio jaunimo centras“");
  assert.equal(await text(page, "#partner-vat td"), "Yes");
  const after = await stored(page, "/projects/LLI-317/partners/PP6");
  assert.equal(after.country, "LT");
  assert.equal(after.vat_recoverable, true);
  assert.deepEqual(after.budget, before.budget);
  await page.browserContext().close();
});

test("the lead changes a budget line typed in Latvian and the finding is marked at the total", async () => {
  const page = await signedIn("lead", "lv");
  await page.goto(`${server.url}/projects/LLI-317/partners/PP6`, { waitUntil: "networkidle0" });
  await page.click("#edit-budget");
  await page.waitForSelector("#budget-form");
  // The stored amount is shown as a Latvian writes it, and one typed so is taken exactly.
  assert.equal(await page.$eval("#line-3-amount", (input) => input.value), "17205,40");
  assert.deepEqual(await accessibilityViolations(page), []);
  await screenshots(page, "edit-budget");
  // What is not an amount is refused at its field, in Latvian.
  await fill(page, "#line-3-amount", "17 205,4,1");
  await page.click("#save-budget");
  await page.waitForSelector("#line-3-amount[aria-invalid=true]");
  assert.equal(await text(page, "#line-3-amount-error"),
    "“17 205,4,1” nav summa: cipari ar ne vairāk kā divām decimālzīmēm, piemēram, 1 234,50.");
  assert.match(await text(page, "#budget-error"), /Nav saglabāts/);
  page.problems.length = 0;  // the refusal was a 400, as it should be
  await fill(page, "#line-3-amount", "17 205,41");
  await page.click("#save-budget");
  await page.waitForFunction(() => document.getElementById("status")?.textContent === "Saglabāts.");
  const budget = await stored(page, "/projects/LLI-317/partners/PP6/budget");
  assert.equal(budget.find((line) => line.category === "external").amount, "17205.41");
  // The budget no longer adds up to the partner's total: marked where it is, with the difference.
  assert.equal(await page.$eval("#budget-total", (row) => row.classList.contains("finding")), true);
  assert.match(await text(page, "#budget-total + .finding-note"), /0,01/);
  assert.match(await text(page, "#budget-total"), /94\u00a0535,17/);
  assert.deepEqual(page.problems, []);
  await page.browserContext().close();
});

test("the lead changes the title while the admin changed the acronym: both are kept", async () => {
  const lead = await signedIn("lead");
  await lead.goto(`${server.url}/projects/LLI-317`, { waitUntil: "networkidle0" });
  await lead.click("a[href='/projects/LLI-317/edit']");
  await lead.waitForSelector("#project-form");
  assert.deepEqual(await accessibilityViolations(lead), []);
  await screenshots(lead, "edit-project");

  const admin = await signedIn("admin");
  await admin.goto(`${server.url}/projects/LLI-317/edit`, { waitUntil: "networkidle0" });
  await admin.waitForSelector("#project-form");
  await fill(admin, "#project-acronym", "SocQuality+");
  await admin.click("#save-project");
  await admin.waitForFunction(() => document.getElementById("status")?.textContent === "Saved.");
  await admin.browserContext().close();

  // A period that ends before it starts is refused at its field first.
  await lead.$eval("#project-end", (input) => { input.value = "2010-01-01"; });
  await lead.click("#save-project");
  await lead.waitForSelector("#project-end[aria-invalid=true]");
  await lead.$eval("#project-end", (input) => { input.value = "2020-02-29"; });
  const title = "Sociālo pakalpojumu kvalitāte Latvijā un Lietuvā";
  await fill(lead, "#project-title-lv", title);
  await lead.click("#save-project");
  await lead.waitForSelector("#conflict-current");
  assert.match(await text(lead, "#conflict-current"), /SocQuality\+/);
  assert.match(await text(lead, "#conflict-mine"), new RegExp(`SocQuality\\+[\\s\\S]*${title}`));
  await lead.click("#redo");
  await lead.waitForSelector("#project-form");
  assert.equal(await lead.$eval("#project-acronym", (input) => input.value), "SocQuality+");
  await lead.click("#save-project");
  await lead.waitForFunction(() => document.getElementById("status")?.textContent === "Saved.");
  const project = await stored(lead, "/projects/LLI-317");
  assert.equal(project.acronym, "SocQuality+");
  assert.equal(project.title.lv, title);
  assert.match(await text(lead, "h1"), /^SocQuality\+ — /);
  await lead.browserContext().close();
});

test("the lead adds a partner and removes it again; the admin deletes the project", async () => {
  const lead = await signedIn("lead", "lv");
  await lead.goto(`${server.url}/projects/LLI-317`, { waitUntil: "networkidle0" });
  await lead.waitForSelector("#new-partner-form");
  // A code that is there already is refused at its field, in Latvian.
  await lead.type("#new-partner-code", "PP6");
  await lead.type("#new-partner-name", "Biedrība „Cerība”");
  await lead.click("#add-partner");
  await lead.waitForSelector("#new-partner-error:not(:empty)");
  assert.match(await text(lead, "#new-partner-error"), /Nav saglabāts/);
  await fill(lead, "#new-partner-code", "PP9");
  await lead.type("#new-partner-country", "lv");
  await lead.type("#new-partner-total", "1 000,00");
  await lead.click("#add-partner");
  await lead.waitForFunction(() => location.pathname === "/projects/LLI-317/partners/PP9");
  await lead.waitForSelector("#remove-partner");
  assert.equal(await text(lead, "h1"), "PP9 — Biedrība „Cerība”");
  assert.match(await text(lead, "#partner-total"), /1\u00a0000,00/);
  assert.deepEqual(await accessibilityViolations(lead), []);

  lead.on("dialog", (dialog) => dialog.accept());
  await lead.click("#remove-partner");
  await lead.waitForFunction(() => document.getElementById("status")?.textContent.includes("PP9"));
  assert.equal(await lead.$("#partner-PP9"), null);
  // The lead may not delete the project: it is not offered.
  assert.equal(await lead.$("#delete-project"), null);
  await lead.browserContext().close();

  const admin = await signedIn("admin");
  await admin.goto(`${server.url}/projects/LLI-317`, { waitUntil: "networkidle0" });
  await admin.waitForSelector("#delete-project");
  admin.on("dialog", (dialog) => dialog.accept());
  await admin.click("#delete-project");
  await admin.waitForFunction(() => document.getElementById("status")?.textContent === "Project LLI-317 deleted.");
  assert.equal(await admin.$("#project-LLI-317"), null);
  assert.equal((await admin.evaluate(async () => (await fetch("/api/v1/projects/LLI-317")).status)), 404);
  await admin.browserContext().close();
});
