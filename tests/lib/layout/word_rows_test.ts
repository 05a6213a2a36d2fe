import assert from "node:assert/strict";
import {
  makeCell,
  splitAtSeparators,
  stripLeadingNoise,
  type Word,
} from "../../../lib/layout/word_rows.ts";

/** Words on one line from [left, right, text, confidence?], all 33 px high. */
function cell(...words: Array<[number, number, string, number?]>) {
  return makeCell(words.map(([left, right, text, confidence]): Word => ({
    text,
    confidence: confidence ?? 0.95,
    box: { left, top: 614, right, bottom: 647 },
  })));
}

Deno.test("stripLeadingNoise() drops icons read as a letter or a dash, never a word", () => {
  const cases: Array<[string, ReturnType<typeof cell>, string | null]> = [
    [
      "pin read as A",
      cell([108, 141, "A", 0.75], [170, 280, "Butik"], [296, 433, "Västra"]),
      "Butik Västra",
    ],
    [
      "pin read as A, one word after",
      cell([73, 94, "A", 0.84], [120, 257, "Sjukhuset"]),
      "Sjukhuset",
    ],
    [
      "a letter at word spacing stays",
      cell([108, 130, "B"], [142, 250, "Huset"], [262, 330, "Syd"]),
      "B Huset Syd",
    ],
    ["lowercase i is a word", cell([108, 118, "i"], [150, 280, "kassan"]), "i kassan"],
    ["faint dash before a time", cell([452, 461, "-", 0.29], [472, 525, "07-16"]), "07-16"],
    ["a clear dash stays", cell([452, 461, "-", 0.9], [472, 525, "07-16"]), "- 07-16"],
    ["icon noise before a label", cell([110, 130, "&", 0.3], [176, 300, "Lager"]), "Lager"],
  ];
  for (const [name, input, want] of cases) {
    assert.equal(stripLeadingNoise(input)?.text ?? null, want, name);
  }
});

/** Words on one line from [left, right, text, height]; their bottoms share a baseline. */
function sized(...words: Array<[number, number, string, number]>) {
  return makeCell(words.map(([left, right, text, h]): Word => ({
    text,
    confidence: 0.85,
    box: { left, top: 647 - h, right, bottom: 647 },
  })));
}

Deno.test("an icon read as a capital is told from a one-letter word by its gap, at any size", () => {
  const cases: Array<[string, ReturnType<typeof sized>, string]> = [
    // pins as the OCR read them on the dev corpus
    [
      "pin the size of the text",
      sized([108, 141, "A", 33], [170, 280, "Butik", 34], [296, 433, "Västra", 33]),
      "Butik Västra",
    ],
    [
      "pin smaller than the text",
      sized([60, 80, "A", 22], [99.5, 180, "Lager", 28], [192, 240, "Syd", 22]),
      "Lager Syd",
    ],
    [
      "pin smaller, a word with a descender after",
      sized(
        [60, 80, "A", 22],
        [98.5, 230, "Sjukhuset", 29],
        [244, 300, "plan", 28],
        [315, 330, "3", 22],
      ),
      "Sjukhuset plan 3",
    ],
    [
      "pin larger than the text",
      sized([60, 100, "A", 44], [128, 220, "Butik", 33], [232, 330, "Västra", 33]),
      "Butik Västra",
    ],
    ["pin beside small text", sized([30, 40, "A", 16], [54, 110, "Kassa", 16]), "Kassa"],
    // near misses: capitals at word spacing, and a letter no wider apart than the words after
    [
      "a one-letter word at word spacing",
      sized([60, 70, "I", 33], [82, 200, "kassan", 33]),
      "I kassan",
    ],
    [
      "a capital before a taller word, at word spacing",
      sized([60, 84, "B", 33], [96, 200, "Huset", 44]),
      "B Huset",
    ],
    [
      "widely spaced text",
      sized([60, 84, "C", 33], [114, 200, "Lager", 33], [228, 300, "Norr", 33]),
      "C Lager Norr",
    ],
    [
      "small text at word spacing",
      sized([30, 40, "Å", 16], [46, 110, "Vägen", 16]),
      "Å Vägen",
    ],
  ];
  for (const [name, input, want] of cases) {
    assert.equal(stripLeadingNoise(input)?.text ?? null, want, name);
  }
});

Deno.test("splitAtSeparators() parts a label from its place at a separator between words", () => {
  const cases: Array<[string, ReturnType<typeof cell>, string[]]> = [
    [
      "middle dot read as colon",
      cell([430, 536, "Kassa"], [553, 558, ":"], [577, 673, "Butik"], [688, 758, "City"]),
      ["Kassa", "Butik City"],
    ],
    [
      "middle dot glued to the word before as a colon",
      cell([82, 190, "Natt:", 0.69], [215, 330, "Lager"], [345, 440, "Norr"]),
      ["Natt", "Lager Norr"],
    ],
    [
      "middle dot read as a faint dash",
      cell([80, 190, "Städ"], [205, 215, "-", 0.36], [230, 340, "Skola"], [355, 430, "Öst"]),
      ["Städ", "Skola Öst"],
    ],
    ["a colon before a number stays", cell([80, 190, "Rast:"], [205, 250, "45"]), ["Rast: 45"]],
    ["a hyphen inside a word stays", cell([80, 300, "Kassa-Lager"]), ["Kassa-Lager"]],
    ["a dash between times stays", cell([80, 170, "07:00"], [180, 190, "-"], [200, 290, "15:30"]), [
      "07:00 - 15:30",
    ]],
    ["bullet", cell([430, 536, "Kök"], [553, 558, "•"], [577, 673, "Hamnen"]), ["Kök", "Hamnen"]],
    ["bar", cell([430, 536, "Kök"], [553, 558, "|"], [577, 673, "Hamnen"]), ["Kök", "Hamnen"]],
    ["guillemet", cell([430, 536, "Kassa"], [549, 560, "»", 0.35], [570, 700, "City"]), [
      "Kassa",
      "City",
    ]],
    ["single guillemet", cell([430, 536, "Kök"], [553, 558, "›"], [577, 673, "Hamnen"]), [
      "Kök",
      "Hamnen",
    ]],
    ["a comma lists", cell([430, 536, "Frukt"], [540, 545, ","], [560, 660, "grönt"]), [
      "Frukt , grönt",
    ]],
    ["colon between digits stays", cell([430, 460, "07"], [462, 466, ":"], [468, 500, "00"]), [
      "07 : 00",
    ]],
    ["no separator", cell([430, 536, "Frukt"], [550, 570, "&"], [580, 680, "grönt"]), [
      "Frukt & grönt",
    ]],
  ];
  for (const [name, input, want] of cases) {
    assert.deepEqual(splitAtSeparators(input).map((c) => c.text), want, name);
  }
});
