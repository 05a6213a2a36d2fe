import type { Truth } from "./schema/corpus.ts";
import type { SessionSchedule } from "./schema/schedule.ts";

/** What the pipeline produced for one session: a schedule, or the error that stopped it. */
export type SessionOutcome =
  | { kind: "schedule"; schedule: SessionSchedule }
  | { kind: "error"; code: string; message: string };

export interface ScoredInput {
  truth: Truth;
  outcome: SessionOutcome;
}

export interface Metrics {
  sessions: number;
  expect_matched: number;
  /** shifts matched on (date, start, end), the exact match the scores below count */
  true_positives: number;
  false_positives: number;
  false_negatives: number;
  precision: number;
  recall: number;
  f1: number;
  /** the same when label, location and break_minutes must equal the truth too */
  full_precision: number;
  full_recall: number;
  full_f1: number;
  /** among shifts matched on (date, start, end): share whose label is right too */
  label_accuracy: number;
  day_status_accuracy: number;
  /** reported days whose month and day are a truth day's but whose year is not */
  wrong_years: number;
  false_shifts_on_non_schedule: number;
}

export interface SessionScore {
  session_id: number;
  layout: string;
  expect: Truth["expect"];
  outcome: string;
  expect_matched: boolean;
  /** on (date, start, end) */
  true_positives: number;
  false_positives: number;
  false_negatives: number;
  /** reported shifts equal to a truth shift in every field */
  full_true_positives: number;
  /** shifts reported but not in the truth, as "date start-end label | location | break" */
  wrong: string[];
  /** truth shifts not reported */
  missed: string[];
  wrong_status: string[];
  wrong_years: string[];
  warnings: string[];
}

export interface EvalReport {
  metrics: Metrics;
  by_layout: Record<string, Metrics>;
  sessions: SessionScore[];
}

interface FlatShift {
  date: string;
  start: string;
  end: string;
  label: string | null;
  location: string | null;
  break_minutes: number | null;
}

const fullKey = (s: FlatShift) =>
  `${s.date} ${s.start}-${s.end} ${s.label ?? "-"} | ${s.location ?? "-"} | ${
    s.break_minutes ?? "-"
  }`;
const timeKey = (s: FlatShift) => `${s.date} ${s.start}-${s.end}`;

function flatten(
  days: readonly { date: string; shifts: readonly Omit<FlatShift, "date">[] }[],
): FlatShift[] {
  return days.flatMap((d) =>
    d.shifts.map((s) => ({
      date: d.date,
      start: s.start,
      end: s.end,
      label: s.label,
      location: s.location,
      break_minutes: s.break_minutes,
    }))
  );
}

/** Multiset difference: items of `a` left after removing one equal-keyed item of `b` each. */
function minus<T>(a: readonly T[], b: readonly T[], key: (t: T) => string): T[] {
  const counts = new Map<string, number>();
  for (const t of b) counts.set(key(t), (counts.get(key(t)) ?? 0) + 1);
  return a.filter((t) => {
    const n = counts.get(key(t)) ?? 0;
    if (n > 0) counts.set(key(t), n - 1);
    return n === 0;
  });
}

const expectedOutcome: Record<Truth["expect"], string> = {
  ok: "ok",
  no_schedule: "no_schedule",
  missing_image: "image_missing",
  ambiguous_image: "image_ambiguous",
};

function scoreSession({ truth, outcome }: ScoredInput) {
  const schedule = outcome.kind === "schedule" ? outcome.schedule : null;
  const got = schedule ? flatten(schedule.days) : [];
  const want = flatten(truth.days);
  const wrong = minus(got, want, fullKey);
  const missed = minus(want, got, fullKey);
  const timeMatched = got.length - minus(got, want, timeKey).length;
  // Label accuracy pairs shifts by date and times, then compares labels.
  const byTime = new Map<string, (string | null)[]>();
  for (const s of want) byTime.set(timeKey(s), [...(byTime.get(timeKey(s)) ?? []), s.label]);
  let labelRight = 0;
  for (const s of got) {
    const labels = byTime.get(timeKey(s));
    const i = labels?.indexOf(s.label) ?? -1;
    if (labels && i >= 0) {
      labels.splice(i, 1);
      labelRight++;
    }
  }
  const gotDays = new Map((schedule?.days ?? []).map((d) => [d.date, d.status]));
  const wrongStatus = truth.days.filter((d) => gotDays.get(d.date) !== d.status)
    .map((d) => `${d.date} ${d.status} read as ${gotDays.get(d.date) ?? "nothing"}`);
  const truthDates = new Set(truth.days.map((d) => d.date));
  const truthMonthDays = new Set(truth.days.map((d) => d.date.slice(5)));
  const wrongYears = [...gotDays.keys()].filter((d) =>
    !truthDates.has(d) && truthMonthDays.has(d.slice(5))
  );
  const outcomeName = schedule ? schedule.status : outcome.kind === "error" ? outcome.code : "";
  const score: SessionScore = {
    session_id: truth.session_id,
    layout: truth.layout,
    expect: truth.expect,
    outcome: outcomeName,
    expect_matched: outcomeName === expectedOutcome[truth.expect],
    true_positives: timeMatched,
    false_positives: got.length - timeMatched,
    false_negatives: want.length - timeMatched,
    full_true_positives: got.length - wrong.length,
    wrong: wrong.map(fullKey),
    missed: missed.map(fullKey),
    wrong_status: wrongStatus,
    wrong_years: wrongYears,
    warnings: schedule?.warnings ?? [],
  };
  return {
    score,
    labelRight,
    statusRight: truth.days.length - wrongStatus.length,
    statusTotal: truth.days.length,
    got: got.length,
    want: want.length,
    nonSchedule: truth.expect === "no_schedule" ? got.length : 0,
  };
}

function ratio(n: number, d: number): number {
  return d === 0 ? 1 : n / d;
}

function combine(parts: readonly ReturnType<typeof scoreSession>[]): Metrics {
  const sum = (f: (p: ReturnType<typeof scoreSession>) => number) =>
    parts.reduce((n, p) => n + f(p), 0);
  const got = sum((p) => p.got);
  const want = sum((p) => p.want);
  const scores = (tp: number) => {
    const precision = ratio(tp, got);
    const recall = ratio(tp, want);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { precision, recall, f1 };
  };
  const tp = sum((p) => p.score.true_positives);
  const exact = scores(tp);
  const full = scores(sum((p) => p.score.full_true_positives));
  return {
    sessions: parts.length,
    expect_matched: sum((p) => Number(p.score.expect_matched)),
    true_positives: tp,
    false_positives: sum((p) => p.score.false_positives),
    false_negatives: sum((p) => p.score.false_negatives),
    ...exact,
    full_precision: full.precision,
    full_recall: full.recall,
    full_f1: full.f1,
    label_accuracy: ratio(sum((p) => p.labelRight), tp),
    day_status_accuracy: ratio(sum((p) => p.statusRight), sum((p) => p.statusTotal)),
    wrong_years: sum((p) => p.score.wrong_years.length),
    false_shifts_on_non_schedule: sum((p) => p.nonSchedule),
  };
}

/**
 * Scores pipeline outcomes against corpus truth. Sessions whose images could not be
 * resolved count only for whether the expected error was reported.
 */
export function scoreAgainstTruth(inputs: readonly ScoredInput[]): EvalReport {
  const parts = inputs.map(scoreSession);
  const layouts = [...new Set(parts.map((p) => p.score.layout))].sort();
  return {
    metrics: combine(parts),
    by_layout: Object.fromEntries(
      layouts.map((l) => [l, combine(parts.filter((p) => p.score.layout === l))]),
    ),
    sessions: parts.map((p) => p.score),
  };
}
