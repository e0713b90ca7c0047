/** Base64 <-> bytes and blob URLs for audio the back end sends. */
import type { AudioData } from '../contract';

/** A blob: URL for WAV bytes sent as base64 (revoke it when done). */
export function audioUrl(data: AudioData): string {
  const binary = atob(data.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return URL.createObjectURL(new Blob([bytes], { type: data.mime }));
}

/** A File's bytes as base64 (for uploads in browser mode). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
