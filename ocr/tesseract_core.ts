/**
 * The Tesseract build that ships with scribe.js-ocr (WASM, relaxed SIMD, LSTM engine only), driven
 * through its own TessBaseAPI in the calling thread. Grey pixels go into the engine's memory as they
 * are and the words come back as Tesseract's TSV. scribe's engine wrapper would run the engine in a
 * second worker, take the page as an image file (a PNG encoded here and decoded again inside the
 * engine) and return a JSON page with every letter's font attributes: the same words for a few
 * percent more time and about 110 MB more memory per worker.
 */
import createCore from "scribe.js-ocr/tess/core/tesseract-core-relaxedsimd-lstm.js";
import { gunzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import type { GreyImage } from "./png_grey.ts";

const CORE_WASM = "scribe.js-ocr/tess/core/tesseract-core-relaxedsimd-lstm.wasm";
const OEM_LSTM_ONLY = 1;

interface TessBaseApi {
  Init(dataPath: string, lang: string, oem: number, configFile: string): number;
  SetImage(
    pixels: number,
    width: number,
    height: number,
    bytesPerPixel: number,
    stride: number,
  ): void;
  Recognize(monitor: null): number;
  GetTSVText(page: number): string;
  SetVariable(name: string, value: string): boolean;
}

interface CoreModule {
  FS: { writeFile(path: string, data: Uint8Array | string): void };
  TessBaseAPI: new () => TessBaseApi;
  _malloc(bytes: number): number;
  _free(pointer: number): void;
}

type Instantiate = (
  imports: WebAssembly.Imports,
  receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
) => Record<string, never>;

/** A whole page, its blocks and lines found by Tesseract, or one line of text. */
export type Layout = "page" | "line";
const PAGE_SEG_MODE = "tessedit_pageseg_mode";
const SINGLE_LINE = "7";

export interface Tesseract {
  /** Tesseract's TSV for 8-bit grey pixels; throws when recognition fails. */
  recognizeGrey(image: GreyImage, layout?: Layout): string;
}

/**
 * Starts an engine with `<langDir>/<lang>.traineddata.gz` and these settings. The module is
 * instantiated here rather than by its own loader so that its memory is at hand: the pixels are
 * copied straight into it.
 */
export async function openTesseract(
  langDir: string,
  lang: string,
  settings: Readonly<Record<string, string>>,
): Promise<Tesseract> {
  const wasm = await Deno.readFile(fileURLToPath(import.meta.resolve(CORE_WASM)));
  let memory: WebAssembly.Memory | null = null;
  const instantiateWasm: Instantiate = (imports, receive) => {
    WebAssembly.instantiate(wasm, imports).then(({ instance, module }) => {
      memory = Object.values(instance.exports)
        .find((e): e is WebAssembly.Memory => e instanceof WebAssembly.Memory) ?? null;
      receive(instance, module);
    });
    return {};
  };
  const core = await (createCore as (arg: object) => Promise<CoreModule>)({ instantiateWasm });
  if (!memory) throw new Error("the Tesseract module exports no memory");
  const heap = memory as WebAssembly.Memory;
  const data = await Deno.readFile(`${langDir}/${lang}.traineddata.gz`);
  core.FS.writeFile(`/${lang}.traineddata`, gunzipSync(data));
  core.FS.writeFile("/config", Object.entries(settings).map(([k, v]) => `${k} ${v}`).join("\n"));
  const api = new core.TessBaseAPI();
  if (api.Init("/", lang, OEM_LSTM_ONLY, "/config") !== 0) {
    throw new Error(`Tesseract cannot start with the "${lang}" language data in ${langDir}`);
  }
  return {
    recognizeGrey(image, layout = "page") {
      const pixels = core._malloc(image.data.length);
      const pageMode = settings[PAGE_SEG_MODE] ?? "3";
      if (layout === "line") api.SetVariable(PAGE_SEG_MODE, SINGLE_LINE);
      try {
        // A view made now: the memory may have grown, and its old buffer gone, since the last one.
        new Uint8Array(heap.buffer, pixels, image.data.length).set(image.data);
        api.SetImage(pixels, image.width, image.height, 1, image.width);
        if (api.Recognize(null) !== 0) throw new Error("Tesseract could not recognise the page");
        return api.GetTSVText(0);
      } finally {
        if (layout === "line") api.SetVariable(PAGE_SEG_MODE, pageMode);
        core._free(pixels);
      }
    },
  };
}
