/// <reference lib="webworker" />
// Runs the wasm decoder off the main thread so the camera preview stays smooth.
import { readQrText } from './zxing-reader.ts';
import type { DecodeReply, DecodeRequest } from './decode-messages.ts';

self.onmessage = async (event: MessageEvent<DecodeRequest>) => {
  const { id, image } = event.data;
  let reply: DecodeReply;
  try {
    reply = { id, text: await readQrText(image) };
  } catch (err) {
    reply = { id, error: String(err) };
  }
  self.postMessage(reply);
};
