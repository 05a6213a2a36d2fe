import assert from "node:assert/strict";
import { dateBlockAnchors } from "../../../lib/layout/date_blocks.ts";
import { groupRows, pageWords } from "../../../lib/layout/word_rows.ts";
import { buildPage, type RowSpec } from "./page_builder.ts";

/** Each anchor's header text and month, top to bottom. */
function anchored(reference: string, rows: RowSpec[]): Array<[string, number | null]> {
  const { anchors } = dateBlockAnchors(
    groupRows(pageWords(buildPage(1170, 2532, rows))),
    reference,
  );
  return [...anchors.values()].map((a) => [a.label.text, a.label.month]);
}

/**
 * A day number with the shift beside it, `wrapped` lines of the shift's text under that, and
 * the weekday under the number below them.
 */
function block(top: number, day: string, weekday: string, wrapped = 0): RowSpec[] {
  const lines: RowSpec[] = Array.from({ length: wrapped }, (_, k) => ({
    top: top + 60 + k * 24,
    height: 20,
    cells: [[285, k ? "Norr" : "Hemtjänst"]],
  }));
  return [
    { top, height: 56, cells: [[103, day], [285, "Kväll 16-22"]] },
    ...lines,
    { top: top + 60 + wrapped * 24, height: 25, cells: [[103, weekday]] },
  ];
}

Deno.test("dateBlockAnchors() dates a block in the nearest month, up to three months from the capture", () => {
  // 2026-02-08: 1 Nov 2025 is a Saturday (three months back), 1 May 2026 a Friday (three ahead).
  assert.deepEqual(
    anchored("2026-02-08", [...block(400, "1", "LÖR"), ...block(700, "1", "FRE")]),
    [["1 LÖR", 11], ["1 FRE", 5]],
  );
  // 2026-01-15: 1 Oct 2025 and 1 Apr 2026 are both Wednesdays; April is nearer.
  assert.deepEqual(
    anchored("2026-01-15", [...block(400, "1", "ONS"), ...block(700, "14", "ONS")]),
    [["1 ONS", 4], ["14 ONS", 1]],
  );
});

Deno.test("dateBlockAnchors() leaves a block undated when its day falls on its weekday four months off or more", () => {
  // From 2026-02-08, the nearest Friday the 31st is 31 Oct 2025, four months back.
  assert.deepEqual(
    anchored("2026-02-08", [
      ...block(400, "1", "LÖR"),
      ...block(700, "31", "FRE"),
      ...block(1000, "1", "FRE"),
    ]),
    [["1 LÖR", 11], ["1 FRE", 5]],
  );
  // From 2026-01-15, the nearest Friday the 1st is 1 May 2026, four months ahead.
  assert.deepEqual(
    anchored("2026-01-15", [
      ...block(400, "1", "FRE"),
      ...block(700, "1", "ONS"),
      ...block(1000, "14", "ONS"),
    ]),
    [["1 ONS", 4], ["14 ONS", 1]],
  );
});

Deno.test("dateBlockAnchors() takes the month from the divider above before the capture's", () => {
  assert.deepEqual(
    anchored("2026-02-08", [
      { top: 300, height: 34, cells: [[58, "Februari"]] },
      ...block(400, "9", "MÅN"),
      { top: 600, height: 34, cells: [[58, "Mars"]] },
      ...block(700, "2", "MÅN"),
    ]),
    [["9 MÅN", 2], ["2 MÅN", 3]],
  );
});

Deno.test("dateBlockAnchors() finds the weekday one or two rows under its number, no further", () => {
  const rows: RowSpec[] = [
    { top: 300, height: 34, cells: [[58, "Februari"]] },
    ...block(400, "9", "MÅN"),
    ...block(700, "10", "TIS", 1),
    ...block(1000, "11", "ONS", 2),
  ];
  assert.deepEqual(anchored("2026-02-08", rows), [["9 MÅN", 2], ["10 TIS", 2]]);
});

Deno.test("dateBlockAnchors() takes no blocks from a page with fewer than two", () => {
  const rows: RowSpec[] = [...block(400, "9", "MÅN"), {
    top: 700,
    cells: [[103, "Inga fler pass"]],
  }];
  assert.deepEqual(anchored("2026-02-08", rows), []);
});

Deno.test("dateBlockAnchors() takes a weekday only centred under its number", () => {
  const offCentre = block(1000, "11", "ONS").map((r, k) =>
    k === 1 ? { ...r, cells: [[600, "ONS"]] as RowSpec["cells"] } : r
  );
  const rows: RowSpec[] = [...block(400, "9", "MÅN"), ...block(700, "10", "TIS"), ...offCentre];
  assert.deepEqual(anchored("2026-02-08", rows), [["9 MÅN", 2], ["10 TIS", 2]]);
});

Deno.test("dateBlockAnchors() takes no number past any month's last day, under a divider too", () => {
  const rows: RowSpec[] = [
    { top: 300, height: 34, cells: [[58, "Februari"]] },
    ...block(400, "9", "MÅN"),
    ...block(700, "10", "TIS"),
    ...block(1000, "45", "ONS"),
  ];
  assert.deepEqual(anchored("2026-02-08", rows), [["9 MÅN", 2], ["10 TIS", 2]]);
});
