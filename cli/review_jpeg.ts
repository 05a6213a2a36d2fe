/**
 * A baseline JPEG encoder for the review page's small screenshots: the standard's example
 * quantisation and Huffman tables, colour at half resolution (4:2:0), built once per thread.
 * jpeg-js, which image-js encodes with, rebuilds its tables on every call (about 30 ms, more than
 * the encoding of a 360 px screenshot itself) and keeps colour at full resolution, which makes the
 * file a third larger for no difference a reviewer sees.
 */

/** A table written as hex, two digits a value: the standard's tables are long runs of bytes. */
function bytes(hex: string): number[] {
  return Array.from(
    { length: hex.length / 2 },
    (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16),
  );
}

/** natural (row-major) index of the k-th coefficient in zig-zag order */
const ZIGZAG = bytes(
  "000108100902030a11182019120b04050c131a21283029221b140d06070e151c232a313839322b24" +
    "1d160f171e252c333a3b342d261f272e353c3d362f373e3f",
);

// ITU T.81 Annex K: example tables, quantisation in natural order.
const LUMA_QUANT = bytes(
  "100b0a101828333d0c0c0e131a3a3c370e0d1018283945380e11161d3357503e12162538446d674d" +
    "182337405168715c31404e5767797865485c5f6270646763",
);
const CHROMA_QUANT = bytes(
  "1112182f6363636312151a4263636363181a3863636363632f426363636363636363636363636363" +
    "636363636363636363636363636363636363636363636363",
);

interface HuffmanSpec {
  /** number of codes of each length 1..16 */
  counts: number[];
  symbols: number[];
}

const AC_SYMBOLS_LUMA = bytes(
  "01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a16" +
    "1718191a25262728292a3435363738393a434445464748494a535455565758595a63646566676869" +
    "6a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6" +
    "b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8" +
    "f9fa",
);
const AC_SYMBOLS_CHROMA = bytes(
  "000102031104052131061241510761711322328108144291a1b1c109233352f0156272d10a162434" +
    "e125f11718191a262728292a35363738393a434445464748494a535455565758595a636465666768" +
    "696a737475767778797a82838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4" +
    "b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae2e3e4e5e6e7e8e9eaf2f3f4f5f6f7f8" +
    "f9fa",
);
const DC_SYMBOLS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

const DC_LUMA: HuffmanSpec = {
  counts: [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0],
  symbols: DC_SYMBOLS,
};
const DC_CHROMA: HuffmanSpec = {
  counts: [0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0],
  symbols: DC_SYMBOLS,
};
const AC_LUMA: HuffmanSpec = {
  counts: [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d],
  symbols: AC_SYMBOLS_LUMA,
};
const AC_CHROMA: HuffmanSpec = {
  counts: [0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77],
  symbols: AC_SYMBOLS_CHROMA,
};

/** code and length per symbol, canonical as T.81 Annex C builds them */
interface HuffmanTable {
  code: Uint16Array;
  size: Uint8Array;
}

function huffmanTable(spec: HuffmanSpec): HuffmanTable {
  const code = new Uint16Array(256);
  const size = new Uint8Array(256);
  let next = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    for (let i = 0; i < spec.counts[length - 1]!; i++) {
      const symbol = spec.symbols[k++]!;
      code[symbol] = next++;
      size[symbol] = length;
    }
    next <<= 1;
  }
  return { code, size };
}

const TABLES = {
  dcLuma: huffmanTable(DC_LUMA),
  acLuma: huffmanTable(AC_LUMA),
  dcChroma: huffmanTable(DC_CHROMA),
  acChroma: huffmanTable(AC_CHROMA),
};

/** The standard's quality scaling of a base table, natural order. */
function scaledQuant(base: number[], quality: number): number[] {
  const q = Math.min(100, Math.max(1, Math.round(quality)));
  const factor = q < 50 ? Math.floor(5000 / q) : 200 - q * 2;
  return base.map((v) => Math.min(255, Math.max(1, Math.floor((v * factor + 50) / 100))));
}

/** AAN scale factors the fast DCT leaves in its output. */
const AAN = [1, 1.387039845, 1.306562965, 1.175875602, 1, 0.785694958, 0.5411961, 0.275899379];

/** Multipliers that undo the DCT's scale and quantise, natural order. */
function divisors(quant: number[]): Float32Array {
  const out = new Float32Array(64);
  for (let row = 0; row < 8; row++) {
    for (let col = 0; col < 8; col++) {
      const k = row * 8 + col;
      out[k] = 1 / (quant[k]! * AAN[row]! * AAN[col]! * 8);
    }
  }
  return out;
}

/** Forward DCT in place (AAN, as libjpeg's jfdctflt), output scaled by the AAN factors times 8. */
function forwardDct(d: Float32Array): void {
  for (let pass = 0; pass < 2; pass++) {
    const step = pass === 0 ? 1 : 8;
    const next = pass === 0 ? 8 : 1;
    for (let line = 0; line < 8; line++) {
      const o = line * next;
      const d0 = d[o]!, d1 = d[o + step]!, d2 = d[o + 2 * step]!, d3 = d[o + 3 * step]!;
      const d4 = d[o + 4 * step]!, d5 = d[o + 5 * step]!, d6 = d[o + 6 * step]!;
      const d7 = d[o + 7 * step]!;
      const t0 = d0 + d7, t7 = d0 - d7, t1 = d1 + d6, t6 = d1 - d6;
      const t2 = d2 + d5, t5 = d2 - d5, t3 = d3 + d4, t4 = d3 - d4;
      let t10 = t0 + t3;
      const t13 = t0 - t3;
      let t11 = t1 + t2;
      let t12 = t1 - t2;
      d[o] = t10 + t11;
      d[o + 4 * step] = t10 - t11;
      const z1 = (t12 + t13) * 0.707106781;
      d[o + 2 * step] = t13 + z1;
      d[o + 6 * step] = t13 - z1;
      t10 = t4 + t5;
      t11 = t5 + t6;
      t12 = t6 + t7;
      const z5 = (t10 - t12) * 0.382683433;
      const z2 = 0.5411961 * t10 + z5;
      const z4 = 1.306562965 * t12 + z5;
      const z3 = t11 * 0.707106781;
      const z11 = t7 + z3;
      const z13 = t7 - z3;
      d[o + 5 * step] = z13 + z2;
      d[o + 3 * step] = z13 - z2;
      d[o + step] = z11 + z4;
      d[o + 7 * step] = z11 - z4;
    }
  }
}

/** Entropy-coded bytes, 0xFF followed by a stuffed 0x00 as the format requires. */
class BitWriter {
  bytes = new Uint8Array(1 << 16);
  length = 0;
  #buffer = 0;
  #bits = 0;

  #byte(b: number): void {
    if (this.length + 2 > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes[this.length++] = b;
    if (b === 0xff) this.bytes[this.length++] = 0;
  }

  write(code: number, size: number): void {
    this.#buffer = (this.#buffer << size) | (code & ((1 << size) - 1));
    this.#bits += size;
    while (this.#bits >= 8) {
      this.#bits -= 8;
      this.#byte((this.#buffer >> this.#bits) & 0xff);
    }
    this.#buffer &= (1 << this.#bits) - 1;
  }

  /** Pads the last byte with ones. */
  flush(): void {
    if (this.#bits > 0) this.write((1 << (8 - this.#bits)) - 1, 8 - this.#bits);
  }
}

/** Bits of a value's magnitude category and its code, as DC differences and AC values use. */
function category(v: number): number {
  let a = v < 0 ? -v : v;
  let n = 0;
  while (a) {
    n++;
    a >>= 1;
  }
  return n;
}

const coefficients = new Int32Array(64);

function encodeBlock(
  out: BitWriter,
  block: Float32Array,
  divisor: Float32Array,
  previousDc: number,
  dc: HuffmanTable,
  ac: HuffmanTable,
): number {
  forwardDct(block);
  for (let k = 0; k < 64; k++) {
    const n = ZIGZAG[k]!;
    coefficients[k] = Math.round(block[n]! * divisor[n]!);
  }
  const diff = coefficients[0]! - previousDc;
  const dcBits = category(diff);
  out.write(dc.code[dcBits]!, dc.size[dcBits]!);
  if (dcBits) out.write(diff < 0 ? diff - 1 : diff, dcBits);
  let last = 63;
  while (last > 0 && coefficients[last] === 0) last--;
  let run = 0;
  for (let k = 1; k <= last; k++) {
    const v = coefficients[k]!;
    if (v === 0) {
      run++;
      continue;
    }
    while (run >= 16) {
      out.write(ac.code[0xf0]!, ac.size[0xf0]!);
      run -= 16;
    }
    const bits = category(v);
    const symbol = (run << 4) | bits;
    out.write(ac.code[symbol]!, ac.size[symbol]!);
    out.write(v < 0 ? v - 1 : v, bits);
    run = 0;
  }
  if (last < 63) out.write(ac.code[0]!, ac.size[0]!);
  return coefficients[0]!;
}

function segment(marker: number, body: number[]): number[] {
  const length = body.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...body];
}

function huffmanSegment(tableClass: number, id: number, spec: HuffmanSpec): number[] {
  return [(tableClass << 4) | id, ...spec.counts, ...spec.symbols];
}

function headers(width: number, height: number, luma: number[], chroma: number[]): number[] {
  const zigzag = (quant: number[]) => ZIGZAG.map((n) => quant[n]!);
  return [
    0xff,
    0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xdb, [0, ...zigzag(luma), 1, ...zigzag(chroma)]),
    ...segment(0xc0, [
      8,
      height >> 8,
      height & 0xff,
      width >> 8,
      width & 0xff,
      3,
      1,
      0x22,
      0,
      2,
      0x11,
      1,
      3,
      0x11,
      1,
    ]),
    ...segment(0xc4, [
      ...huffmanSegment(0, 0, DC_LUMA),
      ...huffmanSegment(1, 0, AC_LUMA),
      ...huffmanSegment(0, 1, DC_CHROMA),
      ...huffmanSegment(1, 1, AC_CHROMA),
    ]),
    ...segment(0xda, [3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0]),
  ];
}

/**
 * RGBA pixels (alpha ignored) as a baseline JPEG, 4:2:0. Edges are padded by repeating the last
 * row and column, as encoders usually do, so no dark fringe bleeds into the picture.
 */
export function encodeJpegRgba(
  width: number,
  height: number,
  rgba: Uint8Array,
  quality: number,
): Uint8Array {
  const lumaQuant = scaledQuant(LUMA_QUANT, quality);
  const chromaQuant = scaledQuant(CHROMA_QUANT, quality);
  const lumaDiv = divisors(lumaQuant);
  const chromaDiv = divisors(chromaQuant);
  const out = new BitWriter();
  const y = [0, 1, 2, 3].map(() => new Float32Array(64));
  const cb = new Float32Array(64);
  const cr = new Float32Array(64);
  let dcY = 0, dcCb = 0, dcCr = 0;
  for (let top = 0; top < height; top += 16) {
    for (let left = 0; left < width; left += 16) {
      cb.fill(0);
      cr.fill(0);
      for (let py = 0; py < 16; py++) {
        const sy = Math.min(height - 1, top + py);
        const row = sy * width;
        for (let px = 0; px < 16; px++) {
          const i = (row + Math.min(width - 1, left + px)) * 4;
          const r = rgba[i]!, g = rgba[i + 1]!, b = rgba[i + 2]!;
          const block = y[(py >> 3) * 2 + (px >> 3)]!;
          block[(py & 7) * 8 + (px & 7)] = 0.299 * r + 0.587 * g + 0.114 * b - 128;
          const c = (py >> 1) * 8 + (px >> 1);
          cb[c] = cb[c]! + (-0.168736 * r - 0.331264 * g + 0.5 * b) / 4;
          cr[c] = cr[c]! + (0.5 * r - 0.418688 * g - 0.081312 * b) / 4;
        }
      }
      for (const block of y) {
        dcY = encodeBlock(out, block, lumaDiv, dcY, TABLES.dcLuma, TABLES.acLuma);
      }
      dcCb = encodeBlock(out, cb, chromaDiv, dcCb, TABLES.dcChroma, TABLES.acChroma);
      dcCr = encodeBlock(out, cr, chromaDiv, dcCr, TABLES.dcChroma, TABLES.acChroma);
    }
  }
  out.flush();
  const head = headers(width, height, lumaQuant, chromaQuant);
  const file = new Uint8Array(head.length + out.length + 2);
  file.set(head);
  file.set(out.bytes.subarray(0, out.length), head.length);
  file.set([0xff, 0xd9], head.length + out.length);
  return file;
}
