/**
 * Compression codecs for Arrow IPC bodies (LZ4_FRAME, pyarrow's default for
 * Feather v2, and ZSTD), registered with flechette, which arquero reads
 * Arrow with. Decoding only: tsml never writes compressed Arrow. ZSTD is
 * zstddec (the reference C decoder compiled to WebAssembly; ~5× faster
 * than the pure-JS fzstd here); LZ4 frames are decoded in TypeScript.
 */
import { CompressionType, setCompressionCodec } from '@uwdata/flechette';
import { decompressLz4Frames } from './lz4-frame.js';

let registered: Promise<void> | undefined;

const noEncode = (name: string) => () => {
  throw new Error(`tsml reads ${name}-compressed Arrow but does not write it; write the table uncompressed`);
};

/** Registers both codecs once; the ZSTD decoder's WebAssembly is compiled on the first call. */
export function registerArrowCodecs(): Promise<void> {
  registered ??= (async () => {
    setCompressionCodec(CompressionType.LZ4_FRAME, { decode: decompressLz4Frames, encode: noEncode('LZ4') });
    const { ZSTDDecoder } = await import('zstddec');
    const zstd = new ZSTDDecoder();
    await zstd.init();
    setCompressionCodec(CompressionType.ZSTD, {
      decode: (bytes, size) => {
        const out = zstd.decode(bytes, size);
        if (out.length !== size) throw new Error(`ZSTD data holds ${out.length} bytes, ${size} were expected`);
        return out;
      },
      encode: noEncode('ZSTD'),
    });
  })();
  return registered;
}
