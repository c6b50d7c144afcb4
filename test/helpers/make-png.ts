/** A real PNG, written by the book (signature, IHDR, zlib IDAT, IEND, checksums): noise or grey. */
import { randomBytes } from 'node:crypto'
import { crc32, deflateSync } from 'node:zlib'

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body) >>> 0)
  return Buffer.concat([length, body, crc])
}

/** An RGB PNG; `noise` makes it incompressible (stored, not deflated, so it is quick to make). */
export function makePng(width: number, height: number, { noise = false } = {}): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bits per sample
  header[9] = 2 // RGB
  const row = 1 + width * 3 // a filter byte (0: none) before each row
  const raw = noise ? randomBytes(row * height) : Buffer.alloc(row * height, 0x80)
  for (let y = 0; y < height; y++) raw[y * row] = 0
  const idat = deflateSync(raw, { level: noise ? 0 : 6 })
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))])
}
