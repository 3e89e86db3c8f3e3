// The lead's whole journey once in Latvian and once in Lithuanian: signing in, the project with
// its findings and amounts formatted for the language, PP6's co-financing changed and saved,
// a financial report submitted and listed; the labels checked on the way are the language's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, screenshots, signIn, browser, server, text, useServerAndBrowser } from "./harness.mjs";

useServerAndBrowser();


const LANGUAGES = {
  lv: { signIn: "Pieteikties", projects: "Projekti", saved: "Saglabāts.", submitted: "Iesniegts:",
        total: "791\u00a0256,20", reports: "Pārskati", amount: "14180.28", sum: "94\u00a0535,12" },
  lt: { signIn: "Prisijungti", projects: "Projektai", saved: "Išsaugota.", submitted: "Pateikta:",
        total: "791\u00a0256,20", reports: "Ataskaitos", amount: "14180.29", sum: "94\u00a0535,13" },
};

for (const [language, expected] of Object.entries(LANGUAGES)) {
  test(`the lead's journey in ${language}`, async () => {
    const page = await openPage(browser, { language });
    await page.goto(server.url, { waitUntil: "networkidle0" });
    assert.equal(await text(page, "h1"), expected.signIn);
    await signIn(page, server.url, "demo-lead", server.passwords.lead);
    await page.waitForSelector("#project-LLI-317 a");
    assert.equal(await text(page, "h1"), expected.projects);

    await page.click("#project-LLI-317 a");
    await page.waitForSelector("#cofinancing-PP6");
    assert.match(await text(page, "#project-total"), new RegExp(expected.total));
    assert.equal(await page.$eval("#project-fund", (row) => row.classList.contains("finding")), true);
    await screenshots(page, `journey-${language}-project`);

    await page.click("#partner-PP6 a");
    await page.waitForSelector("#edit-cofinancing");
    await page.click("#edit-cofinancing");
    await page.waitForSelector("#cofinancing-form");
    await page.$eval("#contribution-1-amount", (input) => { input.value = ""; });
    await page.type("#contribution-1-amount", expected.amount);
    await page.click("#save-cofinancing");
    await page.waitForFunction((saved) => document.getElementById("status")?.textContent === saved, {}, expected.saved);
    // The contributions' sum, exact and in the language's format.
    assert.ok((await text(page, "#contributions-total")).includes(expected.sum), await text(page, "#contributions-total"));

    await page.goto(`${server.url}/projects/LLI-317/reports`, { waitUntil: "networkidle0" });
    await page.waitForSelector("#report-form");
    assert.match(await text(page, "h1"), new RegExp(`^${expected.reports}`));
    await page.select("#kind", "financial");
    await page.click("#submit-report");
    await page.waitForFunction((prefix) => document.getElementById("status")?.textContent.startsWith(prefix), {}, expected.submitted);
    assert.ok((await page.$$("tr[id^=report-]")).length >= 1);
    // The report was submitted in the page's language.
    assert.match(await text(page, "tr[id^=report-]:last-child"), new RegExp(language.toUpperCase()));
    await screenshots(page, `journey-${language}-reports`);
    assert.deepEqual(page.problems, []);
    await page.browserContext().close();
  });
}
