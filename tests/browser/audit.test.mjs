// The audit trail in a real browser: the programme's auditor filters a project's entries by
// action and exports them as JSON lines; the check of the whole trail is offered to whom the API
// allows it (an admin: intact), and the entries show their chain and place in it.
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


async function openAudit(role) {
  const page = await openPage(browser, { language: "en" });
  await signIn(page, server.url, `demo-${role}`, server.passwords[role]);
  await page.waitForSelector("#account a[href='/audit']");
  await page.click("#account a[href='/audit']");
  await page.waitForSelector("#audit-form");
  await page.waitForFunction(() => document.getElementById("audit-verification").textContent !== "Loading…");
  return page;
}

test("the programme's auditor filters a project's entries and exports them", async () => {
  const page = await openAudit("auditor");
  assert.equal(await text(page, "#audit-verification"),
               "Checking the whole trail is for auditors of the whole installation and admins.");
  await page.type("#audit-project", "LLI-317");
  await page.click("#audit-show");
  await page.waitForSelector("tr.entry");
  const all = (await page.$$("tr.entry")).length;
  // The import and the grants of the lead, partner and controller, filed under the project.
  assert.ok(all >= 4, `${all} entries`);
  assert.match(await text(page, "tr.entry"), /import.*bundle LLI-317.*LLI-317.*project:\w+ #1/);

  await page.type("#audit-action", "grant");
  await page.click("#audit-show");
  await page.waitForFunction((n) => document.querySelectorAll("tr.entry").length < n, {}, all);
  const grants = await page.$$eval("tr.entry td:nth-child(5)", (cells) => cells.map((c) => c.textContent));
  assert.deepEqual([...new Set(grants)], ["grant"]);
  assert.equal(grants.length, 3);

  await page.click("#audit-export");
  await page.waitForSelector("#audit-jsonl");
  assert.equal(await page.$eval("#audit-jsonl", (a) => a.dataset.lines), "3");
  assert.equal(await text(page, "#audit-jsonl"), "audit.jsonl: 3 entries");
  assert.deepEqual(await accessibilityViolations(page), []);
  await screenshots(page, "audit-auditor");
  assert.deepEqual(page.problems.filter((p) => !p.includes("/api/v1/audit/verify")), []);

  // Without a project, the programme's auditor is told what it may read.
  await page.$eval("#audit-project", (input) => { input.value = ""; });
  await page.click("#audit-show");
  await page.waitForFunction(() => document.getElementById("audit-error").textContent !== "");
  assert.match(await text(page, "#audit-error"), /projects of your programme/);
  await page.browserContext().close();
});

test("an admin sees the trail checked intact and every entry", async () => {
  const page = await openAudit("admin");
  assert.match(await text(page, "#audit-verification"), /^Intact: \d+ entries in \d+ chains checked/);
  await page.waitForSelector("tr.entry");
  const chains = await page.$$eval("tr.entry td:nth-child(8)", (cells) => cells.map((c) => c.textContent));
  assert.ok(chains.some((c) => c.startsWith("installation #")), chains.join(", "));
  assert.ok(chains.some((c) => c.startsWith("project:")), chains.join(", "));
  assert.deepEqual(await accessibilityViolations(page), []);
  assert.deepEqual(page.problems, []);
  await page.browserContext().close();
});

test("the lead is offered no audit trail", async () => {
  const page = await openPage(browser, { language: "en" });
  await signIn(page, server.url, "demo-lead", server.passwords.lead);
  await page.waitForSelector("#account");
  await page.waitForSelector("table");
  assert.equal(await page.$("#account a[href='/audit']"), null);
  await page.browserContext().close();
});
