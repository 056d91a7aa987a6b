// Web-standard globals available in browsers, Web Workers and Node >= 20 alike.
// Declared here so that shared/ type-checks without the DOM or Node libraries.
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  readonly encoding: string;
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare const crypto: { getRandomValues<T extends ArrayBufferView>(array: T): T };
