import { zlibSync } from 'fflate';
import { concatTransformationMatrix, degrees, drawObject, PDFDocument, PDFName, popGraphicsState, pushGraphicsState, StandardFonts } from 'pdf-lib';

/*
 * Scanned PDFs for tests (issue 18): what a scanner app writes — one image per page, drawn over
 * the whole page — as DCTDecode (a JPEG embedded as is) or FlateDecode (raw samples, optionally
 * with PNG predictors), plus a born-digital page with text and no image.
 */

export interface PdfPageImage {
  /** A JPEG to embed as DCTDecode. */
  readonly jpeg?: Uint8Array;
  /** Raw samples to embed as FlateDecode. */
  readonly raw?: { readonly width: number; readonly height: number; readonly gray: boolean; readonly samples: Uint8Array; readonly predictor?: boolean; readonly decodeInverted?: boolean; readonly claimedSize?: { width: number; height: number } };
  /** /Rotate of the page, degrees clockwise. */
  readonly rotate?: number;
}

/** PNG predictors per row (None, Up, Sub in turn), as scanners writing Predictor 15 do. */
function predictUp(samples: Uint8Array, rowBytes: number, rows: number, bytesPerPixel: number): Uint8Array {
  const out = new Uint8Array((rowBytes + 1) * rows);
  for (let y = 0; y < rows; y++) {
    // Alternate filters so both Up and Sub (and None) are exercised.
    const filter = y % 3 === 0 ? 0 : y % 3 === 1 ? 2 : 1;
    out[y * (rowBytes + 1)] = filter;
    for (let x = 0; x < rowBytes; x++) {
      const v = samples[y * rowBytes + x]!;
      const up = y > 0 ? samples[(y - 1) * rowBytes + x]! : 0;
      const left = x >= bytesPerPixel ? samples[y * rowBytes + x - bytesPerPixel]! : 0;
      const predicted = filter === 2 ? up : filter === 1 ? left : 0;
      out[y * (rowBytes + 1) + 1 + x] = (v - predicted) & 0xff;
    }
  }
  return out;
}

export async function scannedPdf(pages: readonly PdfPageImage[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (const spec of pages) {
    let width: number, height: number;
    let name: string;
    const page = doc.addPage();
    if (spec.jpeg !== undefined) {
      const image = await doc.embedJpg(spec.jpeg);
      ({ width, height } = image);
      page.setSize(width * 0.36, height * 0.36);
      page.drawImage(image, { x: 0, y: 0, width: width * 0.36, height: height * 0.36 });
    } else if (spec.raw !== undefined) {
      const raw = spec.raw;
      ({ width, height } = raw);
      const components = raw.gray ? 1 : 3;
      const claimed = raw.claimedSize ?? { width, height };
      const body = raw.predictor ? predictUp(raw.samples, width * components, height, components) : raw.samples;
      const stream = doc.context.stream(zlibSync(body), {
        Type: 'XObject', Subtype: 'Image', Width: claimed.width, Height: claimed.height, BitsPerComponent: 8,
        ColorSpace: raw.gray ? 'DeviceGray' : 'DeviceRGB', Filter: 'FlateDecode',
        ...(raw.predictor ? { DecodeParms: { Predictor: 15, Colors: components, Columns: width } } : {}),
        ...(raw.decodeInverted ? { Decode: [1, 0] } : {}),
      });
      const ref = doc.context.register(stream);
      name = 'Im0';
      page.node.setXObject(PDFName.of(name), ref);
      page.setSize(width * 0.36, height * 0.36);
      page.pushOperators(pushGraphicsState(), concatTransformationMatrix(width * 0.36, 0, 0, height * 0.36, 0, 0), drawObject(name), popGraphicsState());
    }
    if (spec.rotate !== undefined) page.setRotation(degrees(spec.rotate));
  }
  return doc.save();
}

/** A born-digital page: text, no image. */
export async function textPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage().drawText('Business licence (electronic copy)', { x: 50, y: 700, size: 14, font });
  return doc.save();
}
