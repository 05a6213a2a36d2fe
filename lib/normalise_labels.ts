/** Lowercase letters whose capital has the same shape, so OCR cannot tell them apart by form. */
const SAME_SHAPE = "cosuvwxzå";

/**
 * Restores the capital of a label OCR read as lower case ("vårdbiträde" for "Vårdbiträde")
 * when most labels of the same screen are capitalised and the letter is one whose
 * capital differs only in size.
 */
export function normaliseLabelCase(labels: readonly (string | null)[]): (string | null)[] {
  const present = labels.filter((l): l is string => l !== null && /^\p{L}/u.test(l));
  const capitalised = present.filter((l) => l[0] !== l[0]!.toLowerCase());
  const lower = present.filter((l) => l[0] === l[0]!.toLowerCase());
  if (capitalised.length < 2 || lower.length * 2 > capitalised.length) return [...labels];
  return labels.map((l) => {
    if (l === null || !SAME_SHAPE.includes(l[0]!)) return l;
    return l[0]!.toUpperCase() + l.slice(1);
  });
}
