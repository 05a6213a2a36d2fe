/**
 * Words a schedule prints instead of shifts on days without work, and the chip word some print
 * beside a day's shifts ("Pass"). Absences other than vacation
 * and one's own sickness (care of a sick child "VAB", parental leave, unpaid leave, time off in
 * lieu) have no status of their own in the documented set: they are days off.
 */
import type { DayStatus } from "./schema/schedule.ts";

const STATUS_WORDS: ReadonlyArray<readonly [string, DayStatus]> = [
  // a chip saying the day is a working day; the shift itself carries the times
  ["pass", "work"],
  ["arbetspass", "work"],
  ["arbete", "work"],
  ["ledig", "off"],
  ["ledigt", "off"],
  ["ledig dag", "off"],
  ["fridag", "off"],
  ["fri", "off"],
  ["ej schemalagd", "off"],
  ["inget pass", "off"],
  ["vab", "off"],
  ["föräldraledig", "off"],
  ["föräldraledighet", "off"],
  ["tjänstledig", "off"],
  ["tjänstledighet", "off"],
  ["kompledig", "off"],
  ["kompledighet", "off"],
  // time off in lieu as rosters shorten it
  ["komp", "off"],
  // a public holiday the schedule marks rather than staffs
  ["röd dag", "off"],
  ["semester", "vacation"],
  ["semesterdag", "vacation"],
  ["sjuk", "sick"],
  ["sjukdag", "sick"],
  ["sjukskriven", "sick"],
  ["sjukfrånvaro", "sick"],
];

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/**
 * "Ledig" -> off, "Semester" -> vacation, "Sjuk" -> sick; anything else null. A card's
 * border glued to the word ("<x£Ledig") is dropped up to its last symbol.
 */
export function classifyDayStatus(text: string): DayStatus | null {
  const status = classifyWords(text);
  if (status !== null) return status;
  const glued = /^\S*[^\p{L}\s](\p{L}{4,})$/u.exec(text.replace(/[^\p{L}]+$/u, "").trim());
  return glued ? classifyWords(glued[1]!) : null;
}

// OCR drops the dots and rings of å, ä and ö now and then.
const bare = (s: string) => s.replace(/[åä]/g, "a").replace(/ö/g, "o");

// Calendar apps mark an absence as lasting the whole day ("Heldag  Sjuk", "Semester (heldag)").
const ALL_DAY = /^(heldag|hela dagen) | (heldag|hela dagen)$/g;

function classifyWords(text: string): DayStatus | null {
  const t = text.toLowerCase().replace(/[^\p{L}\s]/gu, "").replace(/\s+/g, " ").trim()
    .replace(ALL_DAY, "");
  if (!t) return null;
  for (const [word, status] of STATUS_WORDS) if (t === word) return status;
  // One misread letter is tolerated in the longer words only ("Ledlg" is not).
  for (const [word, status] of STATUS_WORDS) {
    if (word.length >= 7 && editDistance(bare(t), bare(word)) <= 1) return status;
  }
  return null;
}
