// Reports in a real browser: the lead submits a financial report and sees it listed with the
// SHA-256 of the bytes it downloads; a draft comes as a file; a selection that does not fit is
// refused with its reason; the auditor verifies the downloaded file (identical) and the same
// file with one byte changed (not a submitted report); a partner is told the list is not theirs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

const files = mkdtempSync(join(tmpdir(), "crossgrant-reports-"));
useServerAndBrowser();


async function openReports(role) {
  const page = await openPage(browser, { language: "en" });
  await signIn(page, server.url, `demo-${role}`, server.passwords[role]);
  await page.waitForSelector("tbody a");
  await page.goto(`${server.url}/projects/LLI-317/reports`, { waitUntil: "networkidle0" });
  await page.waitForSelector("#verify-file");
  return page;
}

/** The bytes at url as the signed-in page gets them. */
async function download(page, url) {
  const base64 = await page.evaluate(async (target) => {
    const bytes = new Uint8Array(await (await fetch(target)).arrayBuffer());
    let binary = "";
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary);
  }, url);
  return Buffer.from(base64, "base64");
}

test("the lead submits a financial report and sees it with its SHA-256", async () => {
  const page = await openReports("lead");
  assert.equal(await text(page, "#no-reports"), "No report has been submitted yet.");
  await page.select("#kind", "financial");
  await page.select("#language", "lv");
  await page.click("#submit-report");
  await page.waitForSelector("#report-1");
  assert.match(await text(page, "#status"), /^Submitted: #1 · Financial statement/);
  const listed = await text(page, "#report-1 code.hash");
  const href = await page.$eval("#report-1 a", (a) => a.getAttribute("href"));
  const pdf = await download(page, href);
  assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
  assert.equal(listed, createHash("sha256").update(pdf).digest("hex"));
  writeFileSync(join(files, "submitted.pdf"), pdf);
  assert.deepEqual(await accessibilityViolations(page), []);
  await screenshots(page, "reports-lead");
  assert.deepEqual(page.problems, []);
  await page.browserContext().close();
});

test("a draft comes as a file, and a selection that does not fit says why", async () => {
  const page = await openReports("lead");
  await page.select("#kind", "project");
  await page.click("#draft");
  await page.waitForFunction(() => document.getElementById("report-error").textContent !== "");
  assert.match(await text(page, "#report-error"), /period: a project report is for one period/);
  await page.select("#period", "2");
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().includes("/reports/draft?")),
    page.click("#draft"),
  ]);
  assert.equal(response.status(), 200);
  assert.equal(response.headers()["content-type"], "application/pdf");
  assert.equal(response.headers()["cache-control"], "no-store");
  await page.waitForSelector("#draft-link");
  assert.match(await page.$eval("#draft-link", (a) => a.href), /^blob:/);
  const draft = await download(page, new URL(response.url()).pathname + new URL(response.url()).search);
  assert.equal(draft.subarray(0, 5).toString(), "%PDF-");
  // A draft is not stored: still one submitted report.
  assert.equal((await page.$$("tr[id^=report-]")).length, 1);
  await page.browserContext().close();
});

test("the auditor verifies the submitted file and refuses it with one byte changed", async () => {
  const page = await openReports("auditor");
  assert.equal(await page.$("#submit-report"), null);
  const input = await page.$("#verify-file");
  await input.uploadFile(join(files, "submitted.pdf"));
  await page.waitForFunction(() => /^Yes/.test(document.getElementById("verify-result").textContent));
  assert.match(await text(page, "#verify-result"), /byte for byte the submitted report #1 · Financial statement/);
  assert.match(await text(page, "#verify-content"), /^Its pages \(revision 1, \d+ bytes\) are those it was submitted with/);

  // One byte changed inside its pages: neither the file nor its pages are as submitted.
  const inPages = Buffer.from(readFileSync(join(files, "submitted.pdf")));
  inPages[200] ^= 0x01;
  writeFileSync(join(files, "pages.pdf"), inPages);
  await input.uploadFile(join(files, "pages.pdf"));
  await page.waitForFunction(() => /^Its pages were changed/.test(document.getElementById("verify-content").textContent));
  assert.match(await text(page, "#verify-result"), /^No/);

  const changed = Buffer.from(await import("node:fs").then((fs) => fs.readFileSync(join(files, "submitted.pdf"))));
  changed[changed.length - 10] ^= 0x01;
  writeFileSync(join(files, "changed.pdf"), changed);
  await input.uploadFile(join(files, "changed.pdf"));
  await page.waitForFunction(() => /^No/.test(document.getElementById("verify-result").textContent));
  assert.match(await text(page, "#verify-result"),
               new RegExp(`not a submitted report \\(its SHA-256 is ${createHash("sha256").update(changed).digest("hex")}\\)`));
  assert.deepEqual(await accessibilityViolations(page), []);
  await screenshots(page, "reports-auditor");
  await page.browserContext().close();
});

test("a partner is told the submitted reports are not theirs, and may still verify a file", async () => {
  const page = await openReports("partner");
  assert.match(await text(page, "main"), /The submitted reports are for the lead partner/);
  assert.equal(await page.$("#submit-report"), null);
  await (await page.$("#verify-file")).uploadFile(join(files, "submitted.pdf"));
  await page.waitForFunction(() => /^Yes/.test(document.getElementById("verify-result").textContent));
  await page.browserContext().close();
});
