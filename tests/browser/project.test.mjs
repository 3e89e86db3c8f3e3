// The project page in a real browser: identification, periods, partners, the budget per partner
// and cost category, co-financing, and the findings marked at the figures they concern (PP6's
// co-financing row with its difference, the project's fund total); amounts formatted for the
// language; a partner sees the figures of its own partner only.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  accessibilityViolations,
  output,
  openPage,
  screenshots,
  signIn,
  browser,
  server,
  text,
  useServerAndBrowser,
} from "./harness.mjs";

useServerAndBrowser();


async function openProject(page, role) {
  await signIn(page, server.url, `demo-${role}`, server.passwords[role]);
  await page.waitForSelector("tbody a");
  await page.click("tbody a");
  await page.waitForSelector("#cofinancing-PP6, #partner-PP6");
}

test("the lead sees the two demo findings at their figures", async () => {
  const page = await openPage(browser, { language: "en" });
  await openProject(page, "lead");
  assert.equal(new URL(page.url()).pathname, "/projects/LLI-317");
  assert.match(await text(page, "h1"), /^SocQuality — Improving accessibility/);

  // PP6's co-financing sums to 94,535.11, not to its total 94,535.16: the row is marked and
  // followed by the finding with its difference.
  assert.equal(await page.$eval("#cofinancing-PP6", (row) => row.classList.contains("finding")), true);
  const note = await page.$eval("#cofinancing-PP6 + tr", (row) => row.textContent);
  assert.match(note, /contributions do not add up/);
  assert.match(note, /94,535\.16/);
  assert.match(note, /94,535\.11/);
  assert.match(note, /−0\.05/);
  assert.equal(await page.$eval("#cofinancing-PP1", (row) => row.classList.contains("finding")), false);
  // The project's fund total is marked: the partners' fund amounts miss it by 0.10.
  assert.equal(await page.$eval("#project-fund", (row) => row.classList.contains("finding")), true);
  assert.match(await page.$eval("#project-fund + tr", (row) => row.textContent), /−0\.10/);
  assert.equal(await page.$eval("#project-total", (row) => row.classList.contains("finding")), false);
  assert.match(await text(page, "#project-total"), /791,256\.20/);
  // Every partner's budget, by category, with the category names the reports use.
  assert.equal((await page.$$("tr[id^=budget-]")).length, 8);
  assert.match(await text(page, "#budget-PP6"), /11,344\.22/);
  assert.match(await page.$eval("main", (m) => m.textContent), /Infrastructure/);

  assert.deepEqual(await accessibilityViolations(page), []);
  await screenshots(page, "project-lead");
  // What the README shows: the first screen of the page, down to the marked fund total.
  await page.screenshot({ path: join(output, "readme-project-page.png") });
  assert.deepEqual(page.problems, []);
  await page.browserContext().close();
});

test("in Latvian and Lithuanian the amounts are grouped with spaces and a decimal comma", async () => {
  for (const [language, title, fund] of [
    ["lv", /Sociālo pakalpojumu/, "Partneru fonda summu summa"],
    ["lt", /Socialinių paslaugų/, "Partnerių fondo sumų suma"],
  ]) {
    const page = await openPage(browser, { language });
    await openProject(page, "programme");
    assert.match(await text(page, "h1"), title);
    assert.match(await text(page, "#project-total"), /791\u00a0256,20/);
    assert.match(await text(page, "#budget-PP6"), /11\u00a0344,22/);
    const note = await page.$eval("#project-fund + tr", (row) => row.textContent);
    assert.ok(note.includes(fund), `${language}: ${note}`);
    assert.match(note, /−0,10/);
    assert.deepEqual(await accessibilityViolations(page), []);
    await screenshots(page, `project-programme-${language}`);
    assert.deepEqual(page.problems, []);
    await page.browserContext().close();
  }
});

test("a partner sees the figures of its own partner only", async () => {
  const page = await openPage(browser, { language: "en" });
  await openProject(page, "partner");
  // Every partner is listed (who they are), but only PP6 with its budget and co-financing.
  assert.equal((await page.$$("tr[id^=partner-]")).length, 8);
  const budgets = await page.$$eval("tr[id^=budget-]", (rows) => rows.map((r) => r.id));
  assert.deepEqual(budgets, ["budget-PP6"]);
  assert.equal(await page.$eval("#cofinancing-PP6", (row) => row.classList.contains("finding")), true);
  assert.equal(await page.$("#budget-PP1"), null);
  assert.deepEqual(await accessibilityViolations(page), []);
  await screenshots(page, "project-partner");
  await page.browserContext().close();
});

test("a partner's page shows its figures, and another partner's is not found", async () => {
  const page = await openPage(browser, { language: "en" });
  await openProject(page, "partner");
  await page.click("#partner-PP6 a");
  await page.waitForSelector("#contributions-total");
  assert.equal(new URL(page.url()).pathname, "/projects/LLI-317/partners/PP6");
  assert.match(await text(page, "h1"), /^PP6 — VšĮ Rokiškio jaunimo centras$/);
  assert.match(await text(page, "#partner-total"), /94,535\.16/);
  assert.match(await text(page, "#budget-infrastructure"), /Infrastructure and works\s*51,994\.34/);
  assert.equal(await page.$eval("#contributions-total", (row) => row.classList.contains("finding")), true);
  assert.match(await text(page, "#contributions-total"), /94,535\.11/);
  assert.deepEqual(await accessibilityViolations(page), []);
  await screenshots(page, "partner-pp6");
  // The partner list names PP1 but gives no way to its figures.
  await page.goBack({ waitUntil: "networkidle0" });
  assert.equal(await page.$("#partner-PP1 a"), null);
  assert.deepEqual(page.problems, []);

  // Typed in by hand, PP1's page is "not found": the API refuses it.
  await page.goto(`${server.url}/projects/LLI-317/partners/PP1`, { waitUntil: "networkidle0" });
  await page.waitForFunction(() => document.querySelector("h1")?.textContent === "This page does not exist.");
  assert.equal(await page.$("#partner-total"), null);
  await page.browserContext().close();
});

test("the controller reads PP6 and the lead every partner", async () => {
  for (const [role, partner] of [["controller", "PP6"], ["lead", "PP1"]]) {
    const page = await openPage(browser, { language: "en" });
    await openProject(page, role);
    await page.click(`#partner-${partner} a`);
    await page.waitForSelector("#contributions-total");
    assert.match(await text(page, "h1"), new RegExp(`^${partner} — `));
    await page.browserContext().close();
  }
});
