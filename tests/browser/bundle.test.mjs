// Bundles in a real browser: the lead exports the project's bundle and replaces the project by a
// changed copy of it; a bundle with an error lists it at its JSON pointer and changes nothing; a
// replace based on a page read before someone else's change is refused; the admin imports a
// new project and lands on its page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { accessibilityViolations, openPage, signIn, browser, server, text, useServerAndBrowser } from "./harness.mjs";

const files = mkdtempSync(join(tmpdir(), "crossgrant-bundles-"));
useServerAndBrowser();


async function projectAs(role) {
  const page = await openPage(browser, { language: "en" });
  await signIn(page, server.url, `demo-${role}`, server.passwords[role]);
  await page.waitForSelector("#project-LLI-317 a");
  await page.click("#project-LLI-317 a");
  await page.waitForSelector("#bundle-export");
  return page;
}

async function exported(page) {
  return page.evaluate(async () => (await fetch("/api/v1/projects/LLI-317/bundle")).json());
}

function file(name, bundle) {
  const path = join(files, name);
  writeFileSync(path, JSON.stringify(bundle, null, 2));
  return path;
}

test("the lead exports the bundle and replaces the project by a changed copy", async () => {
  const page = await projectAs("lead");
  assert.equal(await page.$eval("#bundle-export", (a) => a.getAttribute("download")), "LLI-317.bundle.json");
  const bundle = await exported(page);
  bundle.partners.find((p) => p.code === "PP1").name = "Auces novada pašvaldība (Dienas centrs)";
  await (await page.$("#bundle-file")).uploadFile(file("changed.json", bundle));
  await page.waitForSelector("#bundle-result p.ok");
  assert.match(await text(page, "#partner-PP1"), /Auces novada pašvaldība \(Dienas centrs\)/);
  assert.equal(await text(page, "#bundle-result"), "Replaced. Findings now: 2.");
  assert.deepEqual(await accessibilityViolations(page), []);
  assert.deepEqual(page.problems, []);
  await page.browserContext().close();
});

test("a bundle with an error lists it at its pointer and changes nothing", async () => {
  const page = await projectAs("lead");
  const bundle = await exported(page);
  bundle.partners[0].total = "120000.001";
  await (await page.$("#bundle-file")).uploadFile(file("bad.json", bundle));
  await page.waitForSelector("#bundle-errors");
  assert.match(await text(page, "#bundle-errors"), /\/partners\/0\/total/);
  assert.equal((await exported(page)).partners[0].total, "120000.00");
  await page.browserContext().close();
});

test("a replace based on a page read before someone else's change is refused", async () => {
  const page = await projectAs("lead");
  const bundle = await exported(page);
  // Someone changes the project after this page read it.
  const admin = await projectAs("admin");
  const current = await exported(admin);
  current.project.acronym = "SocQuality+";
  await (await admin.$("#bundle-file")).uploadFile(file("admin.json", current));
  await admin.waitForSelector("#bundle-result p.ok");
  await admin.browserContext().close();

  bundle.partners[1].name = "A stale change";
  await (await page.$("#bundle-file")).uploadFile(file("stale.json", bundle));
  await page.waitForFunction(() => /changed since this page read it/.test(document.getElementById("bundle-result").textContent));
  assert.notEqual((await exported(page)).partners[1].name, "A stale change");
  await page.browserContext().close();
});

test("the admin imports a new project and lands on its page", async () => {
  const page = await openPage(browser, { language: "en" });
  await signIn(page, server.url, "demo-admin", server.passwords.admin);
  await page.waitForSelector("#import-file");
  const bundle = await exported(page);
  bundle.project.code = "LLI-999";
  await (await page.$("#import-file")).uploadFile(file("new.json", bundle));
  await page.waitForFunction(() => location.pathname === "/projects/LLI-999");
  await page.waitForSelector("#bundle-export");
  assert.match(await text(page, "#project-total"), /791,256\.20/);

  // The same again is refused: it exists.
  await page.goto(server.url, { waitUntil: "networkidle0" });
  await page.waitForSelector("#import-file");
  await (await page.$("#import-file")).uploadFile(file("new.json", bundle));
  await page.waitForSelector("#import-errors");
  assert.match(await text(page, "#import-errors"), /LLI-999/);
  await page.browserContext().close();
});
