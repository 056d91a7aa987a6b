// Loading the shipped PaddleOCR models into an ONNX runtime session. The runtime module is handed in
// (onnxruntime-web in the Worker and in Node) so this file stays free of any platform code.

import type { InferenceSession, Tensor } from 'onnxruntime-web';
import type { OcrModel, OcrModels } from './ocr-engine';

/** What we use of the onnxruntime module. */
export interface OrtModule {
  InferenceSession: {
    create(model: Uint8Array, options?: InferenceSession.SessionOptions): Promise<InferenceSession>;
  };
  Tensor: new (type: 'float32', data: Float32Array, dims: readonly number[]) => Tensor;
}

export interface ModelFiles {
  detection: Uint8Array;
  recognition: Uint8Array;
  /** ppocr_keys_v1.txt as text. */
  keys: string;
}

async function loadModel(
  ort: OrtModule,
  bytes: Uint8Array,
): Promise<OcrModel & { release(): Promise<void> }> {
  const session = await ort.InferenceSession.create(bytes, { graphOptimizationLevel: 'all' });
  const inputName = session.inputNames[0]!;
  const outputName = session.outputNames[0]!;
  return {
    async run(input, dims) {
      const tensor = new ort.Tensor('float32', input, dims);
      const result = await session.run({ [inputName]: tensor });
      const out = result[outputName]!;
      const data = out.data as Float32Array;
      const outDims = [...out.dims];
      tensor.dispose();
      out.dispose();
      return { data, dims: outDims };
    },
    release: () => session.release(),
  };
}

/** The character list of the recognition model: one per line of the keys file, then the space. */
export function parseCharacterKeys(keys: string): string[] {
  const list = keys.split(/\r?\n/);
  if (list.at(-1) === '') list.pop();
  return [...list, ' '];
}

export async function loadOcrModels(
  ort: OrtModule,
  files: ModelFiles,
): Promise<OcrModels & { release(): Promise<void> }> {
  const detection = await loadModel(ort, files.detection);
  const recognition = await loadModel(ort, files.recognition);
  return {
    detection,
    recognition,
    characters: parseCharacterKeys(files.keys),
    release: async () => {
      await detection.release();
      await recognition.release();
    },
  };
}
