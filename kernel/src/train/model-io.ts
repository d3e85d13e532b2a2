/**
 * Saving and loading tfjs-layers models to a directory without tfjs-node
 * (whose `file://` handler is the only one tfjs has for Node): the same
 * layout tfjs-node writes — `model.json` (topology, training config, weights
 * manifest) and `weights.bin` — so either side can read the other's files.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type * as TF from '@tensorflow/tfjs';
import { requireTf } from './tf.js';

type Artifacts = TF.io.ModelArtifacts;

function concat(data: ArrayBuffer | ArrayBuffer[] | undefined): Uint8Array {
  if (!data) return new Uint8Array(0);
  const parts = Array.isArray(data) ? data : [data];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let o = 0;
  for (const p of parts) {
    out.set(new Uint8Array(p), o);
    o += p.byteLength;
  }
  return out;
}

/** An IOHandler for `model.save(...)` and `tf.loadLayersModel(...)` on a local directory. */
export function fileHandler(dir: string): TF.io.IOHandler {
  const root = resolve(dir);
  return {
    async save(a: Artifacts): Promise<TF.io.SaveResult> {
      await mkdir(root, { recursive: true });
      const weights = concat(a.weightData as ArrayBuffer | ArrayBuffer[] | undefined);
      const json = {
        modelTopology: a.modelTopology,
        format: a.format ?? 'layers-model',
        generatedBy: a.generatedBy,
        convertedBy: a.convertedBy ?? null,
        ...(a.trainingConfig ? { trainingConfig: a.trainingConfig } : {}),
        ...(a.userDefinedMetadata ? { userDefinedMetadata: a.userDefinedMetadata } : {}),
        weightsManifest: [{ paths: ['./weights.bin'], weights: a.weightSpecs ?? [] }],
      };
      // Write then rename, so an interrupted save never leaves a half-written checkpoint behind.
      await writeFile(join(root, 'weights.bin.tmp'), weights);
      await writeFile(join(root, 'model.json.tmp'), JSON.stringify(json));
      await rename(join(root, 'weights.bin.tmp'), join(root, 'weights.bin'));
      await rename(join(root, 'model.json.tmp'), join(root, 'model.json'));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weights.byteLength } };
    },
    async load(): Promise<Artifacts> {
      let json: { modelTopology: object; weightsManifest: { paths: string[]; weights: TF.io.WeightsManifestEntry[] }[]; format?: string; generatedBy?: string; convertedBy?: string; trainingConfig?: TF.io.TrainingConfig; userDefinedMetadata?: { [key: string]: {} } };
      try {
        json = JSON.parse(await readFile(join(root, 'model.json'), 'utf8'));
      } catch (e) {
        throw new Error(`loadModel: cannot read ${join(root, 'model.json')}: ${(e as Error).message}. Pass the directory a checkpoint (or model.save(tsml.fileHandler(dir))) wrote`);
      }
      const specs: TF.io.WeightsManifestEntry[] = [];
      const buffers: Uint8Array[] = [];
      for (const group of json.weightsManifest ?? []) {
        specs.push(...group.weights);
        for (const p of group.paths) buffers.push(await readFile(join(root, p)));
      }
      const weights = concat(buffers.map((b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer));
      return {
        modelTopology: json.modelTopology,
        weightSpecs: specs,
        weightData: weights.buffer as ArrayBuffer,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
        trainingConfig: json.trainingConfig,
        userDefinedMetadata: json.userDefinedMetadata,
      };
    },
  };
}

/** Loads a model saved by `callbacks.checkpoint` or `saveModel` (or tfjs-node's `file://`). */
export async function loadModel(dir: string): Promise<TF.LayersModel> {
  return requireTf().loadLayersModel(fileHandler(dir));
}

/**
 * Saves a tfjs-layers model to a directory as tfjs-node does (`model.json` and `weights.bin`),
 * without tfjs-node; `loadModel(dir)` reads it back.
 */
export async function saveModel(model: TF.LayersModel, dir: string): Promise<TF.io.SaveResult> {
  return model.save(fileHandler(dir));
}
