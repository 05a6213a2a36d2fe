/**
 * What a file's first and last bytes say about it, before any decoder sees it: a truncated PNG
 * handed to the OCR engine can break the engine for every later image.
 */
import type { OcrError } from "./engine.ts";
import { SIGNATURE } from "./png_format.ts";

export type ImageFormat = "png" | "jpeg";

const PNG_IEND = [0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];

function startsWith(bytes: Uint8Array, prefix: number[], at = 0): boolean {
  return prefix.every((b, i) => bytes[at + i] === b);
}

function jpegSize(bytes: Uint8Array): { width: number; height: number } | null {
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1]!;
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    // SOF0..SOF15 but DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return {
        height: (bytes[i + 5]! << 8) | bytes[i + 6]!,
        width: (bytes[i + 7]! << 8) | bytes[i + 8]!,
      };
    }
    i += 2 + length;
  }
  return null;
}

export function checkImage(
  bytes: Uint8Array,
  path: string,
  maxPixels: number,
): { ok: true; format: ImageFormat; width: number; height: number } | {
  ok: false;
  error: OcrError;
} {
  const fail = (code: string, message: string, details?: Record<string, unknown>) => ({
    ok: false as const,
    error: { code, message, ...(details ? { details } : {}) },
  });
  if (bytes.length === 0) {
    return fail("image_empty", `Cannot read image "${path}": the file is empty`);
  }
  let format: ImageFormat;
  let size: { width: number; height: number } | null;
  if (startsWith(bytes, SIGNATURE)) {
    format = "png";
    if (bytes.length < 33) {
      return fail("image_truncated", `Cannot read image "${path}": the PNG ends in its header`);
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    size = { width: view.getUint32(16), height: view.getUint32(20) };
    if (!startsWith(bytes, PNG_IEND, bytes.length - 8)) {
      return fail(
        "image_truncated",
        `Cannot read image "${path}": the PNG stops before its end marker`,
        {
          bytes: bytes.length,
        },
      );
    }
  } else if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    format = "jpeg";
    size = jpegSize(bytes);
    if (!size) {
      return fail("image_unreadable", `Cannot read image "${path}": no frame header in the JPEG`);
    }
    if (!(bytes[bytes.length - 2] === 0xff && bytes[bytes.length - 1] === 0xd9)) {
      return fail(
        "image_truncated",
        `Cannot read image "${path}": the JPEG stops before its end marker`,
        {
          bytes: bytes.length,
        },
      );
    }
  } else {
    return fail("image_unsupported_format", `Cannot read image "${path}": not a PNG or JPEG file`);
  }
  if (size.width === 0 || size.height === 0) {
    return fail("image_unreadable", `Cannot read image "${path}": it has no pixels`);
  }
  if (size.width * size.height > maxPixels) {
    return fail(
      "image_too_large",
      `Cannot read image "${path}": ${size.width}x${size.height} is over the ${maxPixels} pixel limit`,
      { width: size.width, height: size.height, max_pixels: maxPixels },
    );
  }
  return { ok: true, format, ...size };
}
