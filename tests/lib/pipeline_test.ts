import assert from "node:assert/strict";
import { extractSchedule } from "../../lib/pipeline.ts";
import { SessionSchedule } from "../../lib/schema/schedule.ts";
import { buildPage, phoneChrome, type RowSpec } from "./layout/page_builder.ts";

const W = 1170;
const H = 2532;
const ctx = { reference: "2026-01-13", timeZone: "Europe/Stockholm", defaultYear: 2026 };

function agenda(rows: RowSpec[]) {
  return buildPage(W, H, [...phoneChrome(H), ...rows]);
}

function card(top: number, time: string, label: string, place: string): RowSpec[] {
  return [
    { top, height: 48, cells: [[111, time]] },
    { top: top + 81, height: 36, cells: [[112, label]] },
    { top: top + 148, height: 36, cells: [[116, "&", 0.3], [176, place]] },
  ];
}

const brief = (days: SessionSchedule["days"]) =>
  days.map((d) =>
    `${d.date} ${d.status} ${d.shifts.map((s) => `${s.start}-${s.end} ${s.label}`).join(", ")}`
      .trim()
  );

Deno.test("a day cut at the bottom of one image is taken from the next image where it is complete", () => {
  const first = agenda([
    { top: 333, height: 60, cells: [[59, "Måndag 12 januari"]] },
    ...card(466, "06:00 - 14:30", "Kassa", "Butik Centrum"),
    { top: 840, height: 60, cells: [[54, "Tisdag 13 januari"]] },
    ...card(967, "11:15 - 19:45", "Kassa", "Butik Centrum"),
    { top: 2077, height: 60, cells: [[54, "Onsdag 14 januari"]] },
    { top: 2203, height: 48, cells: [[111, "09:30 - 18:00"]] },
  ]);
  const second = agenda([
    { top: 316, height: 60, cells: [[57, "Tisdag 13 januari"]] },
    ...card(442, "11:15 - 19:45", "Kassa", "Butik Centrum"),
    { top: 1051, height: 60, cells: [[54, "Onsdag 14 januari"]] },
    ...card(1177, "09:30 - 18:00", "Kundtjänst", "Butik Centrum"),
    { top: 1552, height: 60, cells: [[59, "Torsdag 15 januari"]] },
    { top: 1671, height: 46, cells: [[95, "Ledig"]] },
  ]);
  const schedule = extractSchedule([first, second], ctx);
  assert.equal(schedule.status, "ok");
  assert.deepEqual(brief(schedule.days), [
    "2026-01-12 work 06:00-14:30 Kassa",
    "2026-01-13 work 11:15-19:45 Kassa",
    "2026-01-14 work 09:30-18:00 Kundtjänst",
    "2026-01-15 off",
  ]);
  const wednesday = schedule.days[2]!;
  assert.equal(wednesday.regions[0]!.image, 1);
  assert.equal(wednesday.shifts[0]!.regions[0]!.image, 1);
  assert.equal(wednesday.year_source, "weekday");
  assert.ok(SessionSchedule.safeParse(schedule).success);
});

Deno.test("a day cut in every image is left out with a warning", () => {
  const only = agenda([
    { top: 333, height: 60, cells: [[59, "Måndag 12 januari"]] },
    ...card(466, "06:00 - 14:30", "Kassa", "Butik Centrum"),
    { top: 2077, height: 60, cells: [[54, "Tisdag 13 januari"]] },
    { top: 2203, height: 48, cells: [[111, "09:30 - 18:00"]] },
  ]);
  const schedule = extractSchedule([only], ctx);
  assert.deepEqual(schedule.days.map((d) => d.date), ["2026-01-12"]);
  assert.ok(schedule.warnings.some((w) => w.includes("2026-01-13")));
});

Deno.test("relative day headers resolve against the capture date", () => {
  const page = agenda([
    { top: 333, height: 60, cells: [[59, "Idag"]] },
    ...card(466, "06:00 - 14:30", "Kassa", "Butik Centrum"),
    { top: 840, height: 60, cells: [[59, "Imorgon"]] },
    { top: 967, height: 46, cells: [[95, "Ledig"]] },
  ]);
  const schedule = extractSchedule([page], ctx);
  assert.deepEqual(brief(schedule.days), ["2026-01-13 work 06:00-14:30 Kassa", "2026-01-14 off"]);
  assert.deepEqual(schedule.days.map((d) => d.year_source), ["relative", "relative"]);
});

Deno.test("a list running over new year keeps its dates in order across the boundary", () => {
  const page = agenda([
    { top: 333, height: 36, cells: [[82, "30 dec"], [478, "12.00-20.30"], [862, "Kassa"]] },
    { top: 473, height: 36, cells: [[82, "31 dec"], [478, "21.00-05.30"], [862, "Kassa"]] },
    { top: 613, height: 36, cells: [[82, "1 jan"], [475, "Ledig"]] },
    { top: 753, height: 36, cells: [[82, "2 jan"], [478, "07.00-15.30"], [862, "Lager"]] },
  ]);
  const schedule = extractSchedule([page], { ...ctx, reference: "2025-12-27", defaultYear: 2025 });
  assert.deepEqual(schedule.days.map((d) => d.date), [
    "2025-12-30",
    "2025-12-31",
    "2026-01-01",
    "2026-01-02",
  ]);
  assert.equal(schedule.days[1]!.shifts[0]!.ends_next_day, true);
  assert.equal(schedule.days[1]!.shifts[0]!.ends_at, "2026-01-01T05:30:00+01:00");
  assert.deepEqual(schedule.date_range, { first: "2025-12-30", last: "2026-01-02" });
});

Deno.test("a screen without a schedule reports no_schedule and no days", () => {
  const settings = buildPage(W, H, [
    { top: 64, cells: [[93, "12:00"]] },
    { top: 165, height: 89, cells: [[60, "Inställningar"]] },
    { top: 810, cells: [[87, "Påminnelse före pass"], [918, "1 timme"]] },
    { top: 1389, cells: [[85, "Veckan börjar på"], [898, "Måndag"]] },
    { top: 1907, cells: [[85, "Version"], [962, "4.12.0"]] },
  ]);
  const schedule = extractSchedule([settings], ctx);
  assert.deepEqual(schedule, {
    status: "no_schedule",
    reference_date: "2026-01-13",
    date_range: null,
    days: [],
    warnings: [],
  });
});

Deno.test("shift confidence is the lowest confidence of the words it was read from", () => {
  const page = agenda([
    { top: 333, height: 60, cells: [[59, "Måndag 12 januari"]] },
    { top: 466, height: 48, cells: [[111, "06:00 - 14:30", 0.62]] },
    { top: 547, height: 36, cells: [[112, "Kassa", 0.9]] },
    { top: 840, height: 60, cells: [[54, "Tisdag 13 januari"]] },
    { top: 967, height: 46, cells: [[95, "Ledig"]] },
  ]);
  const schedule = extractSchedule([page], ctx);
  assert.equal(schedule.days[0]!.shifts[0]!.confidence, 0.62);
});

Deno.test("conflicting complete readings of a day keep the more confident one and record the conflict", () => {
  const page = (time: string, confidence: number) =>
    agenda([
      { top: 333, height: 60, cells: [[59, "Måndag 12 januari"]] },
      { top: 466, height: 48, cells: [[111, time, confidence]] },
      { top: 547, height: 36, cells: [[112, "Kassa"]] },
      { top: 840, height: 60, cells: [[54, "Tisdag 13 januari"]] },
      { top: 967, height: 46, cells: [[95, "Ledig"]] },
    ]);
  const schedule = extractSchedule([page("16:00 - 20:00", 0.55), page("18:00 - 20:00", 0.93)], ctx);
  assert.deepEqual(brief(schedule.days), ["2026-01-12 work 18:00-20:00 Kassa", "2026-01-13 off"]);
  assert.equal(schedule.days[0]!.regions[0]!.image, 1);
  assert.equal(schedule.warnings.length, 1);
  assert.match(schedule.warnings[0]!, /2026-01-12/);
});

Deno.test("day headers naming only the weekday are dated by the week header above them", () => {
  const weekdays = (header: string, reference: string) =>
    brief(
      extractSchedule([
        agenda([
          { top: 200, height: 40, cells: [[60, header]] },
          { top: 300, height: 50, cells: [[60, "Måndag"]] },
          ...card(380, "07:00 – 15:30", "Kassa", "Butik Norr"),
          { top: 640, height: 50, cells: [[60, "Tisdag"]] },
          { top: 720, height: 48, cells: [[60, "Ledig"]] },
          { top: 880, height: 50, cells: [[60, "Söndag"]] },
          ...card(960, "22:00 – 06:00", "Natt", "Lager Norr"),
        ]),
      ], { ...ctx, reference }).days,
    );
  const cases: Array<[string, string, string[]]> = [
    ["Vecka 13", "2026-03-20", [
      "2026-03-23 work 07:00-15:30 Kassa",
      "2026-03-24 off",
      "2026-03-29 work 22:00-06:00 Natt",
    ]],
    ["v. 1", "2025-12-28", [
      "2025-12-29 work 07:00-15:30 Kassa",
      "2025-12-30 off",
      "2026-01-04 work 22:00-06:00 Natt",
    ]],
    ["v43 2026", "2026-01-13", [
      "2026-10-19 work 07:00-15:30 Kassa",
      "2026-10-20 off",
      "2026-10-25 work 22:00-06:00 Natt",
    ]],
  ];
  for (const [header, reference, want] of cases) {
    assert.deepEqual(weekdays(header, reference), want, header);
  }
});

Deno.test("weekday words without a week header above them date nothing", () => {
  const page = agenda([
    { top: 300, height: 50, cells: [[60, "Måndag"]] },
    ...card(380, "07:00 – 15:30", "Kassa", "Butik Norr"),
    { top: 640, height: 50, cells: [[60, "Tisdag"]] },
    { top: 720, height: 48, cells: [[60, "Ledig"]] },
  ]);
  assert.equal(extractSchedule([page], ctx).status, "no_schedule");
});

Deno.test("a header whose day number was misread is dated by its weekday between its neighbours", () => {
  const list = (second: string, third: string) =>
    agenda([
      { top: 333, height: 36, cells: [[82, "Söndag 31 maj"], [478, "22:00-07:00"]] },
      { top: 473, height: 36, cells: [[82, second], [478, "Ledig"]] },
      { top: 613, height: 36, cells: [[82, third], [478, "14:00-22:00"]] },
    ]);
  const cases: Array<[string, string, string, string[]]> = [
    ["one misread digit", "Måndag 21 juni", "Tisdag 2 juni", [
      "2026-05-31",
      "2026-06-01",
      "2026-06-02",
    ]],
    // Monday comes twice between the neighbours, so the weekday does not say which.
    ["a weekday twice between", "Måndag 21 juni", "Tisdag 9 juni", [
      "2026-05-31",
      "2027-06-21",
      "2026-06-09",
    ]],
    // Monday comes once between them, yet more than a week apart they may not be neighbours.
    ["neighbours too far apart", "Måndag 21 juni", "Måndag 8 juni", [
      "2026-05-31",
      "2027-06-21",
      "2026-06-08",
    ]],
    ["a weekday that fits no day between", "Onsdag 3 juni", "Tisdag 2 juni", [
      "2026-05-31",
      "2026-06-03",
      "2026-06-02",
    ]],
  ];
  for (const [name, second, third, want] of cases) {
    const schedule = extractSchedule([list(second, third)], { ...ctx, reference: "2026-05-29" });
    assert.deepEqual(schedule.days.map((d) => d.date).sort(), [...want].sort(), name);
  }
});

Deno.test("a header is not redated by neighbours on another screenshot", () => {
  const sunday = ["Söndag 31 maj", "22:00-07:00"] as const;
  const monday = ["Måndag 21 juni", "Ledig"] as const;
  const tuesday = ["Tisdag 2 juni", "14:00-22:00"] as const;
  const screenshot = (...days: ReadonlyArray<readonly [string, string]>) =>
    agenda(days.map(([header, content], i) => ({
      top: 333 + i * 140,
      height: 36,
      cells: [[82, header], [478, content]],
    })));
  // Either neighbour may sit on another screenshot, which need not carry on the same list.
  const cases: Array<[string, ReturnType<typeof screenshot>[]]> = [
    ["the next one", [screenshot(sunday, monday), screenshot(tuesday)]],
    ["the previous one", [screenshot(sunday), screenshot(monday, tuesday)]],
  ];
  for (const [name, images] of cases) {
    const schedule = extractSchedule(images, { ...ctx, reference: "2026-05-29" });
    assert.deepEqual(schedule.days.map((d) => d.date).sort(), [
      "2026-05-31",
      "2026-06-02",
      "2027-06-21",
    ], name);
  }
});
