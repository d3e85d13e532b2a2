// Renders the kernelspec logos (kernel/assets/logo-{32x32,64x64}.png) from the
// same shapes as logo-svg.svg: a rounded square and a rising loss-curve line.
// Run once after changing the design: node scripts/make-logos.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
const crc32 = (buf) => {
  let c = -1;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
};
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const line = [[8, 46], [20, 34], [30, 40], [42, 22], [56, 14]];
function distToSegment(px, py, [ax, ay], [bx, by]) {
  const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
}
/** Colour of a point in the 64-unit design space. */
function shade(u, v) {
  const r = 10, inside = (() => {
    const cx = Math.min(Math.max(u, r), 64 - r), cy = Math.min(Math.max(v, r), 64 - r);
    return Math.hypot(u - cx, v - cy) <= r;
  })();
  if (!inside) return [0, 0, 0, 0];
  for (let i = 0; i < line.length - 1; i++) if (distToSegment(u, v, line[i], line[i + 1]) <= 2.5) return [255, 212, 59, 255];
  return [49, 120, 198, 255];
}
for (const size of [32, 64]) {
  const ss = 4; // supersampling for smooth edges
  const img = png(size, (x, y) => {
    const acc = [0, 0, 0, 0];
    for (let i = 0; i < ss; i++) for (let j = 0; j < ss; j++) {
      const c = shade(((x + (i + 0.5) / ss) * 64) / size, ((y + (j + 0.5) / ss) * 64) / size);
      for (let k = 0; k < 3; k++) acc[k] += c[k] * c[3];
      acc[3] += c[3];
    }
    return acc[3] ? [acc[0] / acc[3], acc[1] / acc[3], acc[2] / acc[3], acc[3] / (ss * ss)].map(Math.round) : [0, 0, 0, 0];
  });
  writeFileSync(new URL(`../kernel/assets/logo-${size}x${size}.png`, import.meta.url), img);
}
