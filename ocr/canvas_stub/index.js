// scribe.js only draws (and so only needs a canvas) in its legacy/combined
// modes and for PDF and font work. The LSTM recognition path we use never
// draws, so drawing is refused with a clear message rather than loading a
// native addon that would need --allow-ffi.
function unsupported(what) {
  return () => {
    throw new Error(
      `Canvas "${what}" is not available: this build of scribe.js runs LSTM recognition only`,
    );
  };
}

export const createCanvas = unsupported("createCanvas");
export const loadImage = unsupported("loadImage");
export class ImageData {
  constructor() {
    unsupported("ImageData")();
  }
}
export class DOMMatrix {
  constructor() {
    unsupported("DOMMatrix")();
  }
}
export class Canvas {
  constructor() {
    unsupported("Canvas")();
  }
}
// Font registration happens eagerly when scribe first asks for the module;
// with nothing to draw there is nothing to register.
export const GlobalFonts = { register: () => null, registerFromPath: () => null };
export default { createCanvas, loadImage, ImageData, DOMMatrix, Canvas, GlobalFonts };
