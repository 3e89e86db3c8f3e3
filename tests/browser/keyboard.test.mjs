// One journey with the keyboard alone: sign in, open the project, open PP6, change its
// co-financing and save, switch the language and sign out, pressing only Tab, Shift+Tab, typing
// and Enter; every control is reached in order and shows where the focus is.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, browser, server, text, useServerAndBrowser } from "./harness.mjs";

useServerAndBrowser();

/** Presses Tab until the focused element matches selector; fails after max presses. */
async function tabTo(page, selector, max = 80) {
  for (let i = 0; i < max; ++i) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press("Tab");
  }
  assert.fail(`${selector} was not reached with Tab`);
}

async function focusVisible(page) {
  return page.evaluate(() => {
    const style = getComputedStyle(document.activeElement);
    return style.outlineStyle !== "none" && style.outlineWidth !== "0px";
  });
}

test("the lead's journey with the keyboard alone", async () => {
  const page = await openPage(browser, { language: "en" });
  await page.goto(server.url, { waitUntil: "networkidle0" });
  await page.waitForSelector("#user");

  await tabTo(page, "#user");
  await page.keyboard.type("demo-lead");
  await page.keyboard.press("Tab");
  await page.keyboard.type(server.passwords.lead);
  await page.keyboard.press("Enter");
  await page.waitForSelector("#project-LLI-317 a");

  await tabTo(page, "#project-LLI-317 a");
  assert.ok(await focusVisible(page), "the focused link shows it");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#partner-PP6 a");
  await tabTo(page, "#partner-PP6 a");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#edit-cofinancing");
  await tabTo(page, "#edit-cofinancing");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#cofinancing-form");

  await tabTo(page, "#contribution-1-amount");
  await page.keyboard.down("Control");
  await page.keyboard.press("KeyA");
  await page.keyboard.up("Control");
  await page.keyboard.type("14180.32");
  await tabTo(page, "#save-cofinancing");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.getElementById("status")?.textContent === "Saved.");
  assert.equal(await page.$eval("#contributions-total", (r) => r.classList.contains("finding")), false);

  // Back up the page to the language switch, then to signing out.
  for (let i = 0; i < 40; ++i) {
    if (await page.evaluate(() => document.activeElement?.matches("button[lang=lv]"))) break;
    await page.keyboard.down("Shift");
    await page.keyboard.press("Tab");
    await page.keyboard.up("Shift");
  }
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("lang")), "lv");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.documentElement.lang === "lv");
  await page.waitForNetworkIdle();
  await page.waitForSelector("#sign-out");
  await tabTo(page, "#sign-out");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#user");
  assert.equal(await page.$eval("h1", (h) => h.textContent), "Pieteikties");
  assert.deepEqual(page.problems, []);
  await page.browserContext().close();
});
