import {
  PDFCrossRefSection, type PDFDocument, PDFHeader, PDFRawStream, PDFRef, PDFTrailer, PDFTrailerDict, type PDFObject, type PDFPage,
} from 'pdf-lib';

/*
 * Writing a packet out while it is being built, so that a packet of thousands of pages never has
 * all its scans and page contents in memory at once, nor a second copy of them in one output
 * buffer. After each file is added, the large streams it brought (page contents, images) are
 * written to the sink and removed from the document; at the end the rest of the document (pages,
 * outline, fonts...) follows with a classic cross-reference table. The streams written early are
 * never changed afterwards: drawing on a page adds new content streams (after normalize(), which
 * is done before its streams leave).
 */

/** Where a streamed packet goes: a file in Node, Blob parts in the worker. */
export interface PacketSink {
  write(chunk: Uint8Array): Promise<void> | void;
}

/** Streams smaller than this stay in the document until the end (not worth a write). */
const MIN_FLUSHED_BYTES = 4096;

/** The bytes of an ASCII string (object headers: digits, spaces, keywords). */
function ascii(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

function objectBytes(ref: PDFRef, object: PDFObject): Uint8Array {
  const head = ascii(`${ref.objectNumber} ${ref.generationNumber} obj\n`);
  const tail = ascii('\nendobj\n\n');
  const bytes = new Uint8Array(head.byteLength + object.sizeInBytes() + tail.byteLength);
  bytes.set(head, 0);
  const end = head.byteLength + object.copyBytesInto(bytes, head.byteLength);
  bytes.set(tail, end);
  return bytes;
}

export class PacketStreamWriter {
  private position = 0;
  private readonly offsets = new Map<number, { readonly ref: PDFRef; readonly offset: number }>();
  /** Objects numbered above this were created after the last flush. */
  private checkedThrough: number;

  private constructor(private readonly doc: PDFDocument, private readonly sink: PacketSink) {
    this.checkedThrough = doc.context.largestObjectNumber;
  }

  static async start(doc: PDFDocument, sink: PacketSink): Promise<PacketStreamWriter> {
    const writer = new PacketStreamWriter(doc, sink);
    const header = PDFHeader.forVersion(1, 7);
    const bytes = new Uint8Array(header.sizeInBytes() + 2);
    const end = header.copyBytesInto(bytes, 0);
    bytes[end] = 0x0a;
    bytes[end + 1] = 0x0a;
    await writer.write(bytes);
    return writer;
  }

  get bytesWritten(): number {
    return this.position;
  }

  private async write(bytes: Uint8Array): Promise<void> {
    await this.sink.write(bytes);
    this.position += bytes.byteLength;
  }

  private async writeObject(ref: PDFRef, object: PDFObject): Promise<void> {
    this.offsets.set(ref.objectNumber, { ref, offset: this.position });
    await this.write(objectBytes(ref, object));
  }

  /**
   * Writes the large raw streams (copied page contents, images) created since the last call and
   * drops them from the document. `pages` are the pages those streams belong to: normalised
   * first, as drawing on them later would do, so that their content array no longer needs the
   * streams themselves.
   */
  async flushNewStreams(pages: readonly PDFPage[]): Promise<void> {
    for (const page of pages) page.node.normalize();
    const { context } = this.doc;
    const last = context.largestObjectNumber;
    for (let n = this.checkedThrough + 1; n <= last; n++) {
      const ref = PDFRef.of(n);
      const object = context.lookup(ref);
      if (!(object instanceof PDFRawStream) || object.getContentsSize() < MIN_FLUSHED_BYTES) continue;
      await this.writeObject(ref, object);
      context.delete(ref);
    }
    this.checkedThrough = last;
  }

  /** Writes every object still in the document, the cross-reference table and the trailer. */
  async finish(): Promise<number> {
    const { context } = this.doc;
    for (const [ref, object] of context.enumerateIndirectObjects()) await this.writeObject(ref, object);
    const xref = PDFCrossRefSection.create();
    for (const { ref, offset } of [...this.offsets.values()].sort((a, b) => a.ref.objectNumber - b.ref.objectNumber)) xref.addEntry(ref, offset);
    const xrefOffset = this.position;
    const trailerDict = PDFTrailerDict.of(context.obj({
      Size: context.largestObjectNumber + 1,
      Root: context.trailerInfo.Root,
      Encrypt: context.trailerInfo.Encrypt,
      Info: context.trailerInfo.Info,
      ID: context.trailerInfo.ID,
    }));
    const trailer = PDFTrailer.forLastCrossRefSectionOffset(xrefOffset);
    const bytes = new Uint8Array(xref.sizeInBytes() + 1 + trailerDict.sizeInBytes() + 2 + trailer.sizeInBytes());
    let offset = xref.copyBytesInto(bytes, 0);
    bytes[offset++] = 0x0a;
    offset += trailerDict.copyBytesInto(bytes, offset);
    bytes[offset++] = 0x0a;
    bytes[offset++] = 0x0a;
    trailer.copyBytesInto(bytes, offset);
    await this.write(bytes);
    return this.position;
  }
}
