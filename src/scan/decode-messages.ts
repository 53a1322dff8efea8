// The decoder worker's protocol: one request per frame, answered with the same id.
export interface DecodeRequest {
  id: number;
  image: ImageData;
}

export type DecodeReply = { id: number; text: string | null } | { id: number; error: string };
