// The work plan in a real browser, on the demo of version 2: a partner reads the plan, the
// events with their participants by target group and the indicators' progress in Latvian, is
// offered to change only its own activities and events, and adds an event, a wrong count marked
// at its field and nothing saved until it is right.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  accessibilityViolations,
  browser,
  openPage,
  screenshots,
  server,
  signIn,
  text,
  useServerAndBrowser,
} from "./harness.mjs";

useServerAndBrowser();

async function workPlanAs(role, language) {
  const page = await openPage(browser, { language });
  await signIn(page, server.url, `demo-${role}`, server.passwords[role]);
  await page.waitForSelector("tbody a");
  await page.goto(`${server.url}/projects/LLI-317/work-plan`, { waitUntil: "networkidle0" });
  await page.waitForSelector("#wp-WP4");
  return page;
}

async function fill(page, selector, value) {
  await page.$eval(selector, (input) => { input.value = ""; });
  await page.type(selector, value);
}

const stored = (page, path) => page.evaluate(async (p) => (await fetch(`/api/v1${p}`)).json(), path);

test("a partner reads the work plan, the events and the indicators in Latvian", async () => {
  const page = await workPlanAs("partner", "lv");
  assert.equal(await text(page, "h1"), "SocQuality — Darba plāns");
  assert.equal(await text(page, "#activity-A4\\.1 td:nth-child(2)"),
    "Vasaras nometnes jauniešiem ar funkcionāliem traucējumiem");
  assert.equal(await text(page, "#activity-A4\\.1 td:nth-child(4)"), "Pabeigta");
  // The final conference: 77 people, by target group in the programme rules' Latvian labels.
  assert.equal(await text(page, "#event-E19 td:nth-child(4)"), "Konference");
  assert.equal(await text(page, "#event-E19 td:nth-child(8)"),
    "77 cilvēki, 77 apmeklējumi (Speciālisti 52, Cilvēki ar invaliditāti 9, Seniori 16)");
  // 1,046 of the 1,000 people the project set out to reach.
  assert.equal(await text(page, "#indicator-O1 td:nth-child(7)"), "1\u00a0046,00");
  assert.match(await text(page, "#indicator-O1 td:nth-child(8)"), /104,6 %/);
  // PP6 changes its own activity and events, not the lead's.
  assert.ok(await page.$("#edit-activity-A4\\.7"));
  assert.ok(await page.$("#edit-event-E3"));
  assert.equal(await page.$("#edit-activity-A2\\.1"), null);
  assert.equal(await page.$("#edit-event-E1"), null);
  assert.deepEqual(await accessibilityViolations(page), []);
  await screenshots(page, "work-plan");
});

test("a partner adds an event; a count above the total is marked and nothing is saved", async () => {
  const page = await workPlanAs("partner", "en");
  const before = await stored(page, "/projects/LLI-317/events");
  await page.click("#add-event-A4\\.7");
  await page.waitForSelector("#event-form");
  assert.deepEqual(await accessibilityViolations(page), []);
  await fill(page, "#wp-code", "E30");
  await fill(page, "#wp-title", "Jaunimo vasaros šventė");
  await page.$eval("#wp-start", (input) => { input.value = "2019-06-14"; });
  await page.select("#wp-kind", "discussion");
  await fill(page, "#wp-participants-total", "40");
  await fill(page, "#wp-participants-unique", "45");
  await fill(page, "#wp-participants-by_target_group-youth", "35");
  await page.click("#save-event");
  await page.waitForSelector("#wp-participants-unique[aria-invalid=true]");
  assert.equal(await text(page, "#wp-participants-unique-error"), "45 is more than the total of 40.");
  assert.deepEqual(await stored(page, "/projects/LLI-317/events"), before);

  await fill(page, "#wp-participants-unique", "38");
  await page.click("#save-event");
  await page.waitForSelector("#event-E30");
  assert.equal(await text(page, "#status"), "Saved.");
  const saved = await stored(page, "/projects/LLI-317/events/E30");
  assert.equal(saved.partner, "PP6");
  assert.equal(saved.activity, "A4.7");
  assert.deepEqual(saved.participants, { total: 40, unique: 38, by_target_group: { youth: 35 } });
  assert.deepEqual(saved.title, { en: "Jaunimo vasaros šventė" });
});

test("a partner uploads its events sheet; errors show at their rows and columns", async () => {
  const page = await workPlanAs("partner", "lv");
  assert.ok(await page.$("#template-events"));
  const dir = mkdtempSync(join(tmpdir(), "crossgrant-sheet-"));
  const header = "Pasākums;Aktivitāte;Veids;Nosaukums;Sākums;Partneris;Dalībnieki;Jaunieši\r\n";
  const bad = join(dir, "pp6-bad.csv");
  writeFileSync(bad, `${header};A4.7;Diskusija;Jauniešu forums;14.06.2019;PP6;40;45\r\n`);
  const before = await stored(page, "/projects/LLI-317/events");
  await (await page.$("#sheet-file")).uploadFile(bad);
  await page.click("#import-sheet");
  await page.waitForSelector("#sheet-errors li");
  assert.equal(await text(page, "#sheet-errors li"),
    "2. rinda, kolonna “Jaunieši”: 45 ir vairāk par kopējo skaitu 40.");
  assert.deepEqual(await stored(page, "/projects/LLI-317/events"), before);
  assert.deepEqual(await accessibilityViolations(page), []);

  const good = join(dir, "pp6.csv");
  writeFileSync(good, `${header};A4.7;Diskusija;Jauniešu forums;14.06.2019;PP6;40;35\r\n`);
  await (await page.$("#sheet-file")).uploadFile(good);
  await page.click("#import-sheet");
  await page.waitForFunction(() => document.getElementById("status")?.textContent.startsWith("Importēts"));
  assert.equal(await text(page, "#status"), "Importēts: izveidoti 1, mainīti 0.");
  const events = (await stored(page, "/projects/LLI-317/events")).events;
  assert.equal(events.length, before.events.length + 1);
  assert.deepEqual(events.at(-1).participants, { total: 40, by_target_group: { youth: 35 } });
});

test("a partner adds an attendance list with personal data; programme staff see it but cannot open it", async () => {
  const page = await workPlanAs("partner", "en");
  await page.click("#evidence-event-E3");
  await page.waitForSelector("#evidence-form");
  const dir = mkdtempSync(join(tmpdir(), "crossgrant-evidence-"));
  const html = join(dir, "list.pdf");
  writeFileSync(html, "<html><body>not a PDF</body></html>");
  await (await page.$("#evidence-file")).uploadFile(html);
  await page.click("#upload-evidence");
  await page.waitForFunction(() => document.getElementById("evidence-error")?.textContent !== "");
  assert.equal(await text(page, "#evidence-error"),
    "Only PDF, JPEG, PNG and ODF or Office documents are accepted.");

  const pdf = join(dir, "dalyvių sąrašas.pdf");
  writeFileSync(pdf, "%PDF-1.4\n%%EOF\n");
  await (await page.$("#evidence-file")).uploadFile(pdf);
  await page.click("#evidence-personal");
  await page.click("#upload-evidence");
  await page.waitForFunction(() => document.getElementById("evidence-status")?.textContent !== "");
  assert.equal(await text(page, "#evidence-status"), "“dalyvių sąrašas.pdf” was added.");
  assert.ok(await page.$("tbody tr td a[download]"));
  assert.deepEqual(await accessibilityViolations(page), []);
  await screenshots(page, "evidence");

  const staff = await workPlanAs("programme", "en");
  await staff.click("#evidence-event-E3");
  // The work-plan page has a table too: wait for the evidence page's own rows.
  await staff.waitForSelector("#evidence-status");
  await staff.waitForSelector("tbody tr[id^=evidence-]");
  assert.equal(await staff.$("tbody tr td a[download]"), null);
  assert.equal(await text(staff, "tbody tr td"), "dalyvių sąrašas.pdf");
  assert.equal(await staff.$("#evidence-form"), null);
});

test("a partner deletes its own event but is offered no work package or indicator changes", async () => {
  const page = await workPlanAs("partner", "en");
  assert.equal(await page.$("#add-work-package"), null);
  assert.equal(await page.$("#add-indicator"), null);
  assert.equal(await page.$("#delete-wp-WP4"), null);
  assert.equal(await page.$("#edit-indicator-O1"), null);
  assert.ok(await page.$("#add-activity-WP4"));
  assert.ok(await page.$("#delete-event-E3"));
  assert.equal(await page.$("#delete-event-E1"), null);
});

test("the lead adds a work package with an activity and an indicator counted from events, and deletes what it no longer needs", async () => {
  const page = await workPlanAs("lead", "lv");
  page.on("dialog", (dialog) => dialog.accept());
  await page.click("#add-work-package");
  await page.waitForSelector("#work_package-form");
  assert.deepEqual(await accessibilityViolations(page), []);
  await fill(page, "#wp-code", "WP9");
  await fill(page, "#wp-title", "Pēcprojekta darbs");
  await page.select("#wp-lead", "PP6");
  await page.click("#save-work_package");
  await page.waitForSelector("#wp-WP9");
  assert.equal(await text(page, "#wp-WP9 h2"), "WP9 — Pēcprojekta darbs");

  await page.click("#add-activity-WP9");
  await page.waitForSelector("#activity-form");
  await fill(page, "#wp-code", "A9.1");
  await fill(page, "#wp-title", "Pieredzes apmaiņa");
  await page.select("#wp-partner", "PP6");
  await page.click("#save-activity");
  await page.waitForSelector("#activity-A9\\.1");
  const activity = await stored(page, "/projects/LLI-317/activities/A9.1");
  assert.equal(activity.work_package, "WP9");
  assert.equal(activity.partner, "PP6");
  assert.equal(activity.status, "planned");

  // A work package that still has an activity is not deleted, and the lead is told why.
  await page.click("#delete-wp-WP9");
  await page.waitForFunction(() => document.getElementById("status")?.textContent.includes("WP9"));
  assert.equal(await text(page, "#status"),
    "Darba pakete WP9 vēl ir aktivitātes: vispirms tās dzēsiet vai pārvietojiet uz citu darba paketi.");
  assert.ok(await page.$("#wp-WP9"));

  // An indicator counting the different young people of the project's events, typed with a
  // decimal comma.
  await page.click("#add-indicator");
  await page.waitForSelector("#indicator-form");
  assert.deepEqual(await accessibilityViolations(page), []);
  await fill(page, "#wp-code", "O9");
  await fill(page, "#wp-name", "Sasniegtie jaunieši");
  await fill(page, "#wp-unit", "cilvēki");
  await fill(page, "#wp-target", "150,5");
  await page.select("#wp-_source", "events");
  await page.click("#wp-_group-youth");
  await page.click("#save-indicator");
  await page.waitForSelector("#indicator-O9");
  const indicator = await stored(page, "/projects/LLI-317/indicators/O9");
  assert.equal(indicator.target, "150.50");
  assert.deepEqual(indicator.source, { events: { measure: "unique", target_groups: ["youth"] } });
  assert.deepEqual(indicator.name, { lv: "Sasniegtie jaunieši" });

  // Deleting: the activity, then its work package, then the indicator and an event; each
  // page is awaited by its status line (the page shows "loading" between).
  const deleteAndSee = async (button, object) => {
    await page.click(button);
    await page.waitForFunction((expected) => document.getElementById("status")?.textContent === expected,
      {}, `Dzēsts: ${object}.`);
  };
  await deleteAndSee("#delete-activity-A9\\.1", "Aktivitāte A9.1");
  assert.equal(await page.$("#activity-A9\\.1"), null);
  await deleteAndSee("#delete-wp-WP9", "Darba pakete WP9");
  assert.equal(await page.$("#wp-WP9"), null);
  await deleteAndSee("#delete-indicator-O9", "Rādītājs O9");
  assert.equal(await page.$("#indicator-O9"), null);
  const events = (await stored(page, "/projects/LLI-317/events")).events.length;
  await deleteAndSee("#delete-event-E3", "Pasākums E3");
  assert.equal(await page.$("#event-E3"), null);
  assert.equal((await stored(page, "/projects/LLI-317/events")).events.length, events - 1);
  assert.equal(await page.evaluate(() => fetch("/api/v1/projects/LLI-317/work-packages/WP9").then((r) => r.status)), 404);
});

test("a partner writes its summary and an activity's progress for a period; the lead's statement it only reads", async () => {
  const page = await workPlanAs("partner", "lv");
  await page.goto(`${server.url}/projects/LLI-317/periods/3/progress`, { waitUntil: "networkidle0" });
  await page.waitForSelector("#statement-PP6-form");
  assert.equal(await text(page, "h1"), "SocQuality — progress 3. periodā");
  // The project's statement is the lead's: no form for PP6's user.
  assert.ok(await page.$("#statement-project"));
  assert.equal(await page.$("#statement-project-form"), null);
  assert.equal(await page.$("#statement-LP"), null);
  assert.ok(await page.$("#PP6-activity-A4\\.7"));
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.type("#PP6-summary", "Jauniešu forums notika Rokišķos.");
  await page.type("#PP6-problems", "Nometne pārcelta uz jūliju.");
  await page.type("#PP6-activity-A4\\.7", "Forums ar 40 dalībniekiem.");
  await page.click("#save-statement-PP6");
  await page.waitForFunction(() => document.getElementById("status")?.textContent.startsWith("Saglabāts"));
  assert.equal(await text(page, "#status"), "Saglabāts: PP6 VšĮ Rokiškio jaunimo centras.");
  const saved = await stored(page, "/projects/LLI-317/periods/3/statements/PP6");
  assert.equal(saved.version, 1);
  assert.deepEqual(saved.summary, { lv: "Jauniešu forums notika Rokišķos." });
  assert.deepEqual(saved.activities, { "A4.7": { lv: "Forums ar 40 dalībniekiem." } });
  assert.equal(await page.$eval("#PP6-problems", (area) => area.value), "Nometne pārcelta uz jūliju.");
  await screenshots(page, "progress");

  // A second save is based on the version the page read.
  await page.$eval("#PP6-summary", (area) => { area.value = ""; });
  await page.type("#PP6-summary", "Otrā redakcija.");
  const [saved2] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "PUT" && r.url().endsWith("/statements/PP6")),
    page.click("#save-statement-PP6"),
  ]);
  assert.equal(saved2.status(), 200);
  assert.equal((await stored(page, "/projects/LLI-317/periods/3/statements/PP6")).version, 2);
});

test("a text written in another language is shown beside its field and saved under that language only", async () => {
  const page = await workPlanAs("partner", "lv");
  const before = await stored(page, "/projects/LLI-317/activities/A4.7");
  assert.equal(before.title.lv, undefined);
  assert.equal(before.title.en, "Youth centre activities in Rokiškis");
  await page.click("#edit-activity-A4\\.7");
  await page.waitForSelector("#activity-form");
  // No Latvian title yet: the field is empty, the English one is its hint.
  assert.equal(await page.$eval("#wp-title", (input) => input.value), "");
  assert.match(await text(page, "#wp-title-hint"), /EN: “Youth centre activities in Rokiškis”/);
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.$eval("#wp-location", (input) => { input.value = ""; });
  await page.type("#wp-location", "Rokiškis");
  await page.click("#save-activity");
  await page.waitForFunction(() => document.getElementById("status")?.textContent === "Saglabāts.");
  const after = await stored(page, "/projects/LLI-317/activities/A4.7");
  assert.deepEqual(after.title, before.title);
  assert.equal(after.location, "Rokiškis");
});
