/** PNG inspection helpers for the chart tests (not a test file). */
import { createCanvas, loadImage } from 'canvas';

/** The 8-byte PNG signature (PNG spec, section 5.2). */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Chunk types in file order; throws if the chunk structure runs past the end. */
export function pngChunkTypes(png: Buffer): string[] {
  const types: string[] = [];
  let offset = 8;
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    types.push(png.toString('latin1', offset + 4, offset + 8));
    offset += 12 + length; // length + type + data + CRC
  }
  if (offset !== png.length) throw new Error('PNG chunks do not end at the end of the file');
  return types;
}

/** Width and height from the IHDR chunk (bytes 16-23: first chunk's data). */
export function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** RGBA pixels of a PNG. */
export async function pngPixels(png: Buffer): Promise<{ width: number; height: number; data: Uint8ClampedArray }> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  return { width: image.width, height: image.height, data: ctx.getImageData(0, 0, image.width, image.height).data };
}

/** Number of distinct RGBA colours and the share of pixels that are not pure opaque white. */
export async function pixelStats(png: Buffer): Promise<{ distinctColours: number; inkShare: number }> {
  const { data } = await pngPixels(png);
  const colours = new Set<number>();
  let ink = 0;
  const n = data.length / 4;
  for (let i = 0; i < data.length; i += 4) {
    const r = data[i] as number;
    const g = data[i + 1] as number;
    const b = data[i + 2] as number;
    const a = data[i + 3] as number;
    colours.add(((r * 256 + g) * 256 + b) * 256 + a);
    if (!(r === 255 && g === 255 && b === 255 && a === 255)) ink++;
  }
  return { distinctColours: colours.size, inkShare: ink / n };
}

/** RGBA of one pixel. */
export async function pixelAt(png: Buffer, x: number, y: number): Promise<number[]> {
  const { width, data } = await pngPixels(png);
  const i = (y * width + x) * 4;
  return [data[i], data[i + 1], data[i + 2], data[i + 3]] as number[];
}
