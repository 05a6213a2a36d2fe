/**
 * Connected regions of a grey page from runs of pixels row by row: each row splits into runs that
 * are alternately darker and not darker than a threshold, and runs of the same kind that overlap in
 * neighbouring rows join one component. Screenshots have few runs per row, so this is much cheaper
 * than labelling pixels.
 */
import type { GreyImage } from "./png_grey.ts";

export interface Runs {
  row: Int32Array;
  start: Int32Array;
  end: Int32Array;
  /** 1 for a run darker than the threshold */
  dark: Uint8Array;
  /** first run of each row; rowStart[height] is the number of runs */
  rowStart: Int32Array;
}

export interface Components {
  runs: Runs;
  /** the component of each run, named by its first run */
  root: Int32Array;
  /** by component: pixel count and bounding box (right exclusive, bottom inclusive) */
  area: Float64Array;
  top: Int32Array;
  bottom: Int32Array;
  left: Int32Array;
  right: Int32Array;
  /** by component: 1 when it touches the image's edge */
  edge: Uint8Array;
}

function findRuns(image: GreyImage, threshold: number): Runs {
  const { width, height, data } = image;
  let capacity = height * 8;
  let columns = [new Int32Array(capacity), new Int32Array(capacity), new Int32Array(capacity)];
  let dark = new Uint8Array(capacity);
  const rowStart = new Int32Array(height + 1);
  let n = 0;
  for (let y = 0; y < height; y++) {
    rowStart[y] = n;
    const base = y * width;
    let x = 0;
    while (x < width) {
      const isDark = data[base + x]! < threshold;
      let e = x + 1;
      while (e < width && (data[base + e]! < threshold) === isDark) e++;
      if (n === capacity) {
        capacity *= 2;
        columns = columns.map((c) => {
          const grown = new Int32Array(capacity);
          grown.set(c);
          return grown;
        });
        const grown = new Uint8Array(capacity);
        grown.set(dark);
        dark = grown;
      }
      columns[0]![n] = y;
      columns[1]![n] = x;
      columns[2]![n] = e;
      dark[n] = isDark ? 1 : 0;
      n++;
      x = e;
    }
  }
  rowStart[height] = n;
  const [row, start, end] = columns as [Int32Array, Int32Array, Int32Array];
  return { row, start, end, dark, rowStart };
}

/** Calls `visit` for each pair of runs in neighbouring rows whose columns overlap. */
export function eachVerticalPair(runs: Runs, visit: (above: number, below: number) => void) {
  const height = runs.rowStart.length - 1;
  for (let y = 1; y < height; y++) {
    let a = runs.rowStart[y - 1]!;
    const aEnd = runs.rowStart[y]!;
    let b = aEnd;
    const bEnd = runs.rowStart[y + 1]!;
    while (a < aEnd && b < bEnd) {
      if (runs.start[a]! < runs.end[b]! && runs.start[b]! < runs.end[a]!) visit(a, b);
      if (runs.end[a]! < runs.end[b]!) a++;
      else b++;
    }
  }
}

function find(parent: Int32Array, i: number): number {
  while (parent[i] !== i) {
    parent[i] = parent[parent[i]!]!;
    i = parent[i]!;
  }
  return i;
}

/** The components of pixels darker than `threshold` and of the others. */
export function components(image: GreyImage, threshold: number): Components {
  const { width, height } = image;
  const runs = findRuns(image, threshold);
  const n = runs.rowStart[height]!;
  const parent = new Int32Array(n).map((_, i) => i);
  eachVerticalPair(runs, (a, b) => {
    if (runs.dark[a] !== runs.dark[b]) return;
    const ra = find(parent, a);
    const rb = find(parent, b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  });
  const root = new Int32Array(n);
  const area = new Float64Array(n);
  const top = new Int32Array(n).fill(height);
  const bottom = new Int32Array(n).fill(-1);
  const left = new Int32Array(n).fill(width);
  const right = new Int32Array(n).fill(-1);
  const edge = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const r = root[i] = find(parent, i);
    const y = runs.row[i]!;
    area[r]! += runs.end[i]! - runs.start[i]!;
    top[r] = Math.min(top[r]!, y);
    bottom[r] = Math.max(bottom[r]!, y);
    left[r] = Math.min(left[r]!, runs.start[i]!);
    right[r] = Math.max(right[r]!, runs.end[i]!);
    if (runs.start[i] === 0 || runs.end[i] === width || y === 0 || y === height - 1) edge[r] = 1;
  }
  return { runs, root, area, top, bottom, left, right, edge };
}

/** The component's grey levels, counted over its own pixels. */
export function histogramOf(image: GreyImage, c: Components, id: number): Float64Array {
  const counts = new Float64Array(256);
  const { runs, root } = c;
  for (let y = c.top[id]!; y <= c.bottom[id]!; y++) {
    for (let i = runs.rowStart[y]!; i < runs.rowStart[y + 1]!; i++) {
      if (root[i] !== id) continue;
      const base = y * image.width;
      for (let x = runs.start[i]!; x < runs.end[i]!; x++) counts[image.data[base + x]!]!++;
    }
  }
  return counts;
}

/**
 * Maps the pixels of a component and of everything it encloses through `table`: in each row, from
 * its first run to its last.
 */
export function mapComponent(image: GreyImage, c: Components, id: number, table: Uint8Array) {
  const { runs, root } = c;
  for (let y = c.top[id]!; y <= c.bottom[id]!; y++) {
    let from = -1;
    let to = -1;
    for (let i = runs.rowStart[y]!; i < runs.rowStart[y + 1]!; i++) {
      if (root[i] !== id) continue;
      if (from < 0) from = runs.start[i]!;
      to = runs.end[i]!;
    }
    const base = y * image.width;
    for (let x = from; from >= 0 && x < to; x++) {
      image.data[base + x] = table[image.data[base + x]!]!;
    }
  }
}
