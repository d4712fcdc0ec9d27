// Archives built at test time: zip (adm-zip), tar (a small ustar writer) and gzip (zlib).

import { gzipSync } from 'node:zlib';
import AdmZip from 'adm-zip';

/** A zip holding `files` (path → content), deflated. */
export function zipOf(files: Record<string, string | Buffer>): Buffer {
  const zip = new AdmZip();
  for (const [name, content] of Object.entries(files)) zip.addFile(name, Buffer.isBuffer(content) ? content : Buffer.from(content));
  return zip.toBuffer();
}

/** A ustar archive holding `files` (path → content). */
export function tarOf(files: Record<string, string | Buffer>): Buffer {
  const blocks: Buffer[] = [];
  for (const [name, content] of Object.entries(files)) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content);
    const h = Buffer.alloc(512);
    h.write(name, 0, 100, 'utf8');
    h.write('0000644\0', 100, 'latin1');
    h.write('0000000\0', 108, 'latin1');
    h.write('0000000\0', 116, 'latin1');
    h.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
    h.write('00000000000\0', 136, 'latin1');
    h.write('        ', 148, 'latin1');
    h.write('0', 156, 'latin1');
    h.write('ustar\0', 257, 'latin1');
    h.write('00', 263, 'latin1');
    let sum = 0;
    for (const b of h) sum += b;
    h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
    blocks.push(h, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

export const gzipOf = (data: string | Buffer): Buffer => gzipSync(data);

/** Sets the uncompressed size every central-directory entry of a zip declares (to make one that lies about it). */
export function declareSize(zip: Buffer, size: number): Buffer {
  const out = Buffer.from(zip);
  for (let i = out.indexOf('PK\x01\x02', 0, 'latin1'); i !== -1; i = out.indexOf('PK\x01\x02', i + 4, 'latin1')) out.writeUInt32LE(size, i + 24);
  for (let i = out.indexOf('PK\x03\x04', 0, 'latin1'); i !== -1; i = out.indexOf('PK\x03\x04', i + 4, 'latin1')) out.writeUInt32LE(size, i + 22);
  return out;
}
