/**
 * Apply throughput on loopback: writes a plan of 10,000 synthetic sessions of 7 days each,
 * applies it into an empty copy of the schema's tables, then applies it again (every day
 * unchanged), and prints sessions per second for both.
 *
 * deno task bench:apply [--database-url URL] [--source-schema schedule_ingest]
 *   [--sessions 10000] [--concurrency 8] [--step-days 7]
 * --step-days below 7 makes a user's consecutive sessions show some of the same days, as
 * captures of one week taken days apart do.
 * Without --database-url (or BENCH_DATABASE_URL) a fresh test server is started.
 */
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cpuUsage } from "node:process";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { runApply } from "../cli/apply_run.ts";
import { loadPlan } from "../cli/apply_plan_files.ts";
import { DEFAULT_CONCURRENCY } from "../cli/apply_flags.ts";
import type { PlanSession } from "../lib/schema/apply_report.ts";

const { values } = parseArgs({
  options: {
    "database-url": { type: "string" },
    "source-schema": { type: "string", default: "schedule_ingest" },
    "sessions": { type: "string", default: "10000" },
    "concurrency": { type: "string", default: String(DEFAULT_CONCURRENCY) },
    "step-days": { type: "string", default: "7" },
  },
});
const SESSIONS = Number(values.sessions);
const DAYS = 7;
const STEP = Number(values["step-days"]);
const BENCH_SCHEMA = "apply_bench";

function isoDay(base: number, offset: number): string {
  return new Date(base + offset * 86_400_000).toISOString().slice(0, 10);
}

function session(i: number): PlanSession {
  const user = 1000 + (i % 500);
  const base = Date.UTC(2026, 0, 5) + Math.floor(i / 500) * STEP * 86_400_000;
  const days = Array.from({ length: DAYS }, (_, d) => {
    const date = isoDay(base, d);
    const work = (i + d) % 7 < 5;
    const shifts = work
      ? [{
        start: "07:00",
        end: "15:30",
        ends_next_day: false,
        starts_at: `${date}T07:00:00+01:00`,
        ends_at: `${date}T15:30:00+01:00`,
        label: "Kassa",
        location: `Butik ${i % 13}`,
        break_minutes: 30,
        confidence: 0.93,
        regions: [],
      }]
      : [];
    return { date, status: work ? "work" as const : "off" as const, shifts };
  });
  const hash = (d: unknown) => createHash("sha256").update(JSON.stringify(d)).digest("hex");
  return {
    session: { id: i + 1, user_id: user, created_at: new Date(base - 3_600_000).toISOString() },
    status: "ok",
    days,
    preview: {
      days: days.map((d) => ({
        date: d.date,
        action: "insert",
        snapshot_hash_before: null,
        content_hash_after: hash(d),
        events: { insert: d.shifts.length, update: 0, delete: 0, unchanged: 0 },
      })),
    },
    notifications: [],
  };
}

async function openDatabase(): Promise<{ url: string; close: () => Promise<void> }> {
  const url = values["database-url"] ?? Deno.env.get("BENCH_DATABASE_URL");
  if (url) return { url, close: async () => {} };
  const harness = "../tests/support/test_database.ts";
  const { openTestDatabase } = await import(harness);
  const db = await openTestDatabase();
  return { url: db.adminUrl, close: () => db[Symbol.asyncDispose]() };
}

const db = await openDatabase();
const admin = postgres(db.url, { onnotice: () => {} });
const dir = await mkdtemp(join(tmpdir(), "apply_bench_"));
try {
  const src = values["source-schema"];
  await admin`drop schema if exists ${admin(BENCH_SCHEMA)} cascade`;
  await admin`create schema ${admin(BENCH_SCHEMA)}`;
  for (const t of ["day_snapshot", "schedule_event", "notification"]) {
    await admin`create table ${admin(`${BENCH_SCHEMA}.${t}`)}
      (like ${admin(`${src}.${t}`)} including all)`;
  }
  await mkdir(join(dir, "backfill_sessions"));
  const entries = [];
  for (let i = 0; i < SESSIONS; i++) {
    const s = session(i);
    const file = `backfill_sessions/${s.session.id}.json`;
    await writeFile(join(dir, file), JSON.stringify(s));
    entries.push({ id: s.session.id, status: s.status, file });
  }
  const planPath = join(dir, "backfill_report.json");
  await writeFile(planPath, JSON.stringify({ sessions: entries }));

  const run = async (label: string) => {
    // Other work on the machine moves the figures; the load beside them says how much.
    const load = Deno.loadavg()[0]!.toFixed(2);
    const cpu0 = cpuUsage();
    const t0 = performance.now();
    const result = await runApply({
      databaseUrl: db.url,
      schema: BENCH_SCHEMA,
      planPath,
      reportPath: join(dir, "apply_report.json"),
      storeNotifications: false,
      minConfidence: 0.6,
      concurrency: Number(values.concurrency),
      log: () => {},
    });
    const secs = (performance.now() - t0) / 1000;
    const cpu = cpuUsage(cpu0);
    const p = result.report?.persisted;
    console.log(
      `${label}: ${SESSIONS} sessions x ${DAYS} days in ${secs.toFixed(2)} s = ${
        Math.round(SESSIONS / secs)
      } sessions/s (exit ${result.exitCode}; snapshots written ${p?.snapshots_written}, ` +
        `events inserted ${p?.events_inserted}; load average ${load} before, ` +
        `this process's CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s)`,
    );
  };
  const t0 = performance.now();
  loadPlan(planPath);
  console.log(
    `concurrency ${values.concurrency}; reading and validating the plan alone takes ${
      ((performance.now() - t0) / 1000).toFixed(2)
    } s and is included in each figure below`,
  );
  await run("first apply (all days new)");
  await run("second apply (all days unchanged)");
} finally {
  await admin`drop schema if exists ${admin(BENCH_SCHEMA)} cascade`;
  await admin.end();
  if (!Deno.env.get("BENCH_KEEP")) await rm(dir, { recursive: true });
  else console.log(dir);
  await db.close();
}
