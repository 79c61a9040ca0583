// Draws the app icon (a white shield with a check mark on a blue rounded square) and writes it as
// PNG, ICO and ICNS into resources/icons/, plus the tray icons. Plain Node (zlib) so that no image
// tool is needed: `node scripts/generate-icons.mjs`. The output is committed; rerun after a change.
import { deflateSync } from 'node:zlib';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'icons');

// ---- geometry (unit square, y down) -------------------------------------------------------

function roundedRectContains(x, y, inset, radius) {
  const min = inset;
  const max = 1 - inset;
  if (x < min || x > max || y < min || y > max) return false;
  const cx = Math.min(Math.max(x, min + radius), max - radius);
  const cy = Math.min(Math.max(y, min + radius), max - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

/** Shield: straight sides from the top down to the shoulder, then curving into a point. */
function shieldContains(x, y, scale) {
  const top = 0.5 - 0.27 * scale;
  const shoulder = 0.5 + 0.02 * scale;
  const bottom = 0.5 + 0.31 * scale;
  const halfWidth = 0.25 * scale;
  if (y < top || y > bottom) return false;
  // A shallow dip in the middle of the top edge.
  const dip = 0.035 * scale * Math.cos(((x - 0.5) / halfWidth) * (Math.PI / 2));
  if (y < top + Math.max(0, dip)) return false;
  let width = halfWidth;
  if (y > shoulder) {
    const t = (y - shoulder) / (bottom - shoulder);
    width = halfWidth * (1 - t * t);
  }
  return Math.abs(x - 0.5) <= width;
}

function distanceToSegment(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function checkContains(x, y, scale) {
  const s = (v) => 0.5 + (v - 0.5) * scale;
  const thickness = 0.042 * scale;
  return distanceToSegment(x, y, s(0.385), s(0.5), s(0.47), s(0.585)) <= thickness
    || distanceToSegment(x, y, s(0.47), s(0.585), s(0.63), s(0.405)) <= thickness;
}

// ---- painting ---------------------------------------------------------------------------

const BLUE_TOP = [38, 99, 201];
const BLUE_BOTTOM = [22, 61, 138];
const WHITE = [255, 255, 255];
const BLACK = [0, 0, 0];

/** The colour at a point, [r, g, b, a] with a in 0..1, for each icon style. */
const styles = {
  app: (x, y, { inset }) => {
    if (!roundedRectContains(x, y, inset, 0.2)) return [0, 0, 0, 0];
    const scale = 1 - 2 * inset;
    const blue = BLUE_TOP.map((c, i) => c + (BLUE_BOTTOM[i] - c) * y);
    if (shieldContains(x, y, scale)) return checkContains(x, y, scale) ? [...blue, 1] : [...WHITE, 1];
    return [...blue, 1];
  },
  // macOS menu bar: black and transparency only; the system tints it.
  template: (x, y) => {
    if (!shieldContains(x, y, 1.45) || checkContains(x, y, 1.45)) return [0, 0, 0, 0];
    return [...BLACK, 1];
  },
};

function render(size, style, options = {}) {
  const samples = size <= 64 ? 6 : 3;
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const [cr, cg, cb, ca] = styles[style]((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size, options);
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const offset = (py * size + px) * 4;
      // Average premultiplied colour, then un-premultiply for PNG's straight alpha.
      pixels[offset] = a === 0 ? 0 : Math.round(r / a);
      pixels[offset + 1] = a === 0 ? 0 : Math.round(g / a);
      pixels[offset + 2] = a === 0 ? 0 : Math.round(b / a);
      pixels[offset + 3] = Math.round((a / (samples * samples)) * 255);
    }
  }
  return pixels;
}

// ---- encoders -----------------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(rows, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** ICO with PNG-compressed entries (supported since Windows Vista). */
function encodeIco(entries) {
  const directory = Buffer.alloc(6 + entries.length * 16);
  directory.writeUInt16LE(0, 0);
  directory.writeUInt16LE(1, 2);
  directory.writeUInt16LE(entries.length, 4);
  let offset = directory.length;
  entries.forEach(({ size, png }, i) => {
    const at = 6 + i * 16;
    directory[at] = size >= 256 ? 0 : size;
    directory[at + 1] = size >= 256 ? 0 : size;
    directory.writeUInt16LE(1, at + 4); // colour planes
    directory.writeUInt16LE(32, at + 6); // bits per pixel
    directory.writeUInt32LE(png.length, at + 8);
    directory.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([directory, ...entries.map((e) => e.png)]);
}

/** ICNS with PNG entries: ic11..ic14 are the @2x variants, ic07..ic10 the 128..1024 sizes. */
function encodeIcns(entries) {
  const blocks = entries.map(({ type, png }) => {
    const header = Buffer.alloc(8);
    header.write(type, 0, 'ascii');
    header.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([header, png]);
  });
  const header = Buffer.alloc(8);
  header.write('icns', 0, 'ascii');
  header.writeUInt32BE(8 + blocks.reduce((sum, b) => sum + b.length, 0), 4);
  return Buffer.concat([header, ...blocks]);
}

// ---- output -------------------------------------------------------------------------------

const pngCache = new Map();
function appPng(size) {
  if (!pngCache.has(size)) pngCache.set(size, encodePng(size, render(size, 'app', { inset: 0.09 })));
  return pngCache.get(size);
}

await mkdir(outDir, { recursive: true });
const files = {
  'icon.png': appPng(1024),
  'icon.ico': encodeIco([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, png: appPng(size) }))),
  'icon.icns': encodeIcns([
    { type: 'ic11', png: appPng(32) },
    { type: 'ic12', png: appPng(64) },
    { type: 'ic07', png: appPng(128) },
    { type: 'ic13', png: appPng(256) },
    { type: 'ic08', png: appPng(256) },
    { type: 'ic14', png: appPng(512) },
    { type: 'ic09', png: appPng(512) },
    { type: 'ic10', png: appPng(1024) },
  ]),
  // Windows and Linux trays: the full-bleed coloured icon reads best at 16 px.
  'tray.png': encodePng(16, render(16, 'app', { inset: 0 })),
  'tray@2x.png': encodePng(32, render(32, 'app', { inset: 0 })),
  'trayTemplate.png': encodePng(16, render(16, 'template')),
  'trayTemplate@2x.png': encodePng(32, render(32, 'template')),
};
for (const [name, bytes] of Object.entries(files)) {
  await writeFile(path.join(outDir, name), bytes);
  console.log(`resources/icons/${name}  ${bytes.length} bytes`);
}
