import * as tf from '@tensorflow/tfjs';
import { PNG } from 'pngjs';
import { deflateSync } from 'node:zlib';
import { buildModel } from '../models/build-model';
import { crc32 } from '../training/checkpoint';
import { decodePng, ImageInputError, pixelsFromValues, predictImage } from './image-input';

const N = 28 * 28;

/** A PNG from RGBA pixels, re-encoded by pngjs as the given colour type (0 grey, 2 RGB, 4 grey+alpha, 6 RGBA). */
function png(rgba: (i: number) => [number, number, number, number], options: { colorType: 0 | 2 | 4 | 6; size?: number }): Uint8Array {
  const size = options.size ?? 28;
  const image = new PNG({ width: size, height: size });
  for (let i = 0; i < size * size; i++) image.data.set(rgba(i), 4 * i);
  const bytes = PNG.sync.write(image, { colorType: options.colorType, inputHasAlpha: true });
  // IHDR's colour type byte: the test really covers the type it names.
  if (bytes[25] !== options.colorType) throw new Error(`pngjs wrote colour type ${bytes[25]}, not ${options.colorType}`);
  return bytes;
}

/** A palette PNG (colour type 3) written by hand: pngjs only writes the other colour types. */
function palettePng(indices: (i: number) => number, palette: [number, number, number][], alpha: number[]): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(28, 0);
  ihdr.writeUInt32BE(28, 4);
  ihdr.set([8, 3, 0, 0, 0], 8); // 8-bit, palette, deflate, no filter method, no interlace
  const rows = Buffer.alloc(28 * 29);
  for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) rows[y * 29 + 1 + x] = indices(y * 28 + x); // filter byte 0 = none
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('PLTE', Buffer.from(palette.flat())),
    chunk('tRNS', Buffer.from(alpha)),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const luminance = (r: number, g: number, b: number) => (0.299 * r + 0.587 * g + 0.114 * b) / 255;

describe('decodePng', () => {
  it('reads grey PNGs exactly as value / 255', () => {
    const pixels = decodePng(png((i) => [i % 256, i % 256, i % 256, 255], { colorType: 0 }));
    expect(pixels).toHaveLength(N);
    expect(Array.from(pixels)).toEqual(Array.from({ length: N }, (_, i) => Math.fround((i % 256) / 255)));
  });

  it('turns RGB into luminance 0.299 R + 0.587 G + 0.114 B', () => {
    const colours: [number, number, number][] = [
      [255, 0, 0],
      [0, 255, 0],
      [0, 0, 255],
      [10, 200, 30],
      [255, 255, 255],
    ];
    const pixels = decodePng(png((i) => [...colours[i % 5]!, 255], { colorType: 2 }));
    expect(pixels[0]).toBeCloseTo(0.299, 6);
    expect(pixels[1]).toBeCloseTo(0.587, 6);
    expect(pixels[2]).toBeCloseTo(0.114, 6);
    expect(pixels[3]).toBeCloseTo(luminance(10, 200, 30), 6);
    expect(pixels[4]).toBe(1);
    expect(pixels[N - 1]).toBeCloseTo(luminance(...colours[(N - 1) % 5]!), 6);
  });

  it('composites alpha on black, for RGBA and grey+alpha', () => {
    const rgba = decodePng(png((i) => (i === 0 ? [200, 100, 50, 128] : [255, 255, 255, i === 1 ? 0 : 255]), { colorType: 6 }));
    expect(rgba[0]).toBeCloseTo((luminance(200, 100, 50) * 128) / 255, 6);
    expect(rgba[1]).toBe(0); // fully transparent white is black
    expect(rgba[2]).toBe(1);
    const greyAlpha = decodePng(png((i) => [100, 100, 100, i % 2 ? 255 : 51], { colorType: 4 }));
    expect(greyAlpha[0]).toBeCloseTo((100 / 255) * (51 / 255), 6);
    expect(greyAlpha[1]).toBeCloseTo(100 / 255, 6);
  });

  it('reads palette PNGs, palette transparency included', () => {
    const palette: [number, number, number][] = [
      [0, 0, 0],
      [255, 255, 255],
      [120, 60, 200],
    ];
    const bytes = palettePng((i) => i % 3, palette, [255, 255, 64]);
    expect(bytes[25]).toBe(3);
    const pixels = decodePng(bytes);
    expect(pixels[0]).toBe(0);
    expect(pixels[1]).toBe(1);
    expect(pixels[2]).toBeCloseTo((luminance(120, 60, 200) * 64) / 255, 6);
  });

  it('reads 16-bit grey', () => {
    const image = new PNG({ width: 28, height: 28, bitDepth: 16, colorType: 0, inputColorType: 0, inputHasAlpha: false });
    const data = new Uint16Array(N).map((_, i) => (i % 2 ? 65535 : 32768));
    image.data = Buffer.from(data.buffer);
    const bytes = PNG.sync.write(image, { bitDepth: 16, colorType: 0, inputColorType: 0, inputHasAlpha: false });
    const pixels = decodePng(bytes);
    expect(pixels[1]).toBe(1);
    expect(pixels[0]).toBeCloseTo(0.5, 2);
  });

  it('says what is wrong with files it cannot use', () => {
    expect(() => decodePng(png(() => [0, 0, 0, 255], { colorType: 0, size: 32 }))).toThrow(
      "the image is 32×32; Atelier's models take 28×28 grayscale: resize it to 28×28 pixels first",
    );
    expect(() => decodePng(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toThrow(
      'the file is a JPEG image, not a PNG: upload a PNG',
    );
    expect(() => decodePng(new TextEncoder().encode('hello, world'))).toThrow(
      'the file is not a PNG image: upload a PNG, or send the 784 pixel values',
    );
    expect(() => decodePng(new Uint8Array(0))).toThrow('the file is empty');
    const good = png(() => [0, 0, 0, 255], { colorType: 0 });
    expect(() => decodePng(good.subarray(0, good.length - 20))).toThrow(ImageInputError);
    expect(() => decodePng(good.subarray(0, good.length - 20))).toThrow('the PNG could not be decoded');
  });
});

describe('pixelsFromValues', () => {
  it('scales 0..255 values by 1/255 and keeps [0,1] values, inferring the scale from the largest value', () => {
    const bytes = Array.from({ length: N }, (_, i) => i % 256);
    expect(pixelsFromValues(bytes)[255]).toBe(1);
    expect(pixelsFromValues(bytes)[51]).toBeCloseTo(0.2, 6);
    const unit = Array.from({ length: N }, (_, i) => (i % 11) / 10);
    expect(pixelsFromValues(unit)[5]).toBeCloseTo(0.5, 6);
    expect(pixelsFromValues(Float32Array.from(unit))[10]).toBe(1);
    // Ambiguous 0/1 values: an explicit scale decides.
    const ones = new Array(N).fill(1);
    expect(pixelsFromValues(ones)[0]).toBe(1);
    expect(pixelsFromValues(ones, { scale: '0-255' })[0]).toBeCloseTo(1 / 255, 8);
  });

  it('refuses wrong counts and out-of-range values with an actionable message', () => {
    expect(() => pixelsFromValues(new Array(1024).fill(0))).toThrow(
      "got 1024 pixel values; Atelier's models take 28×28 grayscale images: 784 values, row by row",
    );
    const values = new Array(N).fill(0);
    values[7] = 256;
    expect(() => pixelsFromValues(values)).toThrow('pixel 7 is 256: 8-bit pixel values go from 0 to 255');
    values[7] = -1;
    expect(() => pixelsFromValues(values)).toThrow('pixel 7 is -1: pixel values cannot be negative');
    values[7] = NaN;
    expect(() => pixelsFromValues(values)).toThrow('pixel 7 is NaN: every pixel must be a finite number');
    values[7] = 3;
    expect(() => pixelsFromValues(values, { scale: '0-1' })).toThrow('pixel 7 is 3, above 1: pass scale "0-255"');
  });
});

describe('predictImage', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('returns every class probability, most probable first, equal to model.predict, leaking nothing', async () => {
    const model = buildModel({
      spec: { kind: 'layers', layers: [{ type: 'flatten' }, { type: 'dense', units: 8 }] },
      inputShape: [28, 28, 1],
      numClasses: 4,
      activation: 'relu',
      seed: 5,
    });
    const pixels = decodePng(png((i) => [(i * 7) % 256, (i * 7) % 256, (i * 7) % 256, 255], { colorType: 0 }));
    const classNames = ['zero', 'one', 'two', 'three'];
    const before = tf.memory().numTensors;
    const result = await predictImage(model, pixels, classNames);
    expect(tf.memory().numTensors).toBe(before);

    const reference = tf.tidy(() => Array.from((model.predict(tf.tensor4d(pixels, [1, 28, 28, 1])) as tf.Tensor).dataSync()));
    expect(result).toHaveLength(4);
    expect(result.map((p) => p.probability)).toEqual([...reference].sort((a, b) => b - a));
    for (const p of result) {
      expect(p.className).toBe(classNames[p.classIndex]);
      expect(p.probability).toBe(reference[p.classIndex]);
    }
    expect(result.reduce((s, p) => s + p.probability, 0)).toBeCloseTo(1, 5);

    await expect(predictImage(model, pixels, ['a', 'b'])).rejects.toThrow('the model has 4 outputs but 2 class names were given');
    await expect(predictImage(model, pixels.subarray(0, 100), classNames)).rejects.toThrow(
      'got 100 pixel values but the model takes 28×28×1 = 784',
    );
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
