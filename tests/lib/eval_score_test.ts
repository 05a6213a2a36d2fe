import assert from "node:assert/strict";
import { scoreAgainstTruth } from "../../lib/eval_score.ts";
import type { Truth } from "../../lib/schema/corpus.ts";
import type { Day, SessionSchedule } from "../../lib/schema/schedule.ts";

const truth = (id: number, expect: Truth["expect"], days: Truth["days"], layout = "A"): Truth => ({
  session_id: id,
  expect,
  layout,
  theme: "light",
  reference_date: "2026-01-13",
  default_year: 2026,
  days,
});

const shift = (
  start: string,
  end: string,
  label: string | null,
  breakMinutes: number | null = null,
) => ({
  start,
  end,
  label,
  location: null,
  break_minutes: breakMinutes,
});

function day(date: string, status: Day["status"], shifts: ReturnType<typeof shift>[]): Day {
  return {
    date,
    status,
    header_text: date,
    year_source: "weekday",
    regions: [],
    shifts: shifts.map((s) => ({
      ...s,
      ends_next_day: false,
      starts_at: `${date}T${s.start}:00+01:00`,
      ends_at: `${date}T${s.end}:00+01:00`,
      confidence: 0.9,
      regions: [],
    })),
  };
}

const schedule = (days: Day[]): SessionSchedule => ({
  status: days.length ? "ok" : "no_schedule",
  reference_date: "2026-01-13",
  date_range: null,
  days,
  warnings: [],
});

Deno.test("a shift matches on date and times; the full score also needs every other field", () => {
  const report = scoreAgainstTruth([{
    truth: truth(1, "ok", [
      { date: "2026-01-12", status: "work", shifts: [shift("06:00", "14:30", "Kassa", 30)] },
      { date: "2026-01-13", status: "work", shifts: [shift("07:00", "15:00", "Lager")] },
      { date: "2026-01-14", status: "off", shifts: [] },
    ]),
    outcome: {
      kind: "schedule",
      schedule: schedule([
        day("2026-01-12", "work", [shift("06:00", "14:30", "Kassa", 30)]),
        day("2026-01-13", "work", [shift("07:00", "15:00", "Kassa")]),
        day("2025-01-14", "off", []),
      ]),
    },
  }]);
  const m = report.metrics;
  assert.equal(m.true_positives, 2);
  assert.equal(m.false_positives, 0);
  assert.equal(m.false_negatives, 0);
  assert.equal(m.f1, 1);
  assert.equal(m.full_f1, 0.5);
  assert.equal(m.label_accuracy, 0.5);
  assert.equal(m.day_status_accuracy, 2 / 3);
  assert.equal(m.wrong_years, 1);
  assert.deepEqual(report.sessions[0]!.missed, ["2026-01-13 07:00-15:00 Lager | - | -"]);
  assert.deepEqual(report.sessions[0]!.wrong, ["2026-01-13 07:00-15:00 Kassa | - | -"]);
});

Deno.test("shifts on a non-schedule screen and unexpected outcomes are counted", () => {
  const report = scoreAgainstTruth([
    {
      truth: truth(2, "no_schedule", [], "B"),
      outcome: {
        kind: "schedule",
        schedule: schedule([day("2026-01-13", "work", [shift("07:00", "15:30", null)])]),
      },
    },
    {
      truth: truth(3, "missing_image", [], "B"),
      outcome: { kind: "error", code: "image_missing", message: 'Cannot resolve image "x.png"' },
    },
    {
      truth: truth(4, "ambiguous_image", [], "B"),
      outcome: { kind: "error", code: "image_missing", message: 'Cannot resolve image "y.png"' },
    },
  ]);
  assert.equal(report.metrics.false_shifts_on_non_schedule, 1);
  assert.deepEqual(report.sessions.map((s) => s.expect_matched), [false, true, false]);
  assert.equal(report.by_layout["B"]!.sessions, 3);
});
