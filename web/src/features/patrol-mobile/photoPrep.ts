/** Long side of a photo as queued: enough to see a cut fence, small enough for a weak link. */
const MAX_SIDE = 1600;

/**
 * Makes a photo fit for a weak link before it is queued: scaled to 1600 px on its long side and
 * re-encoded as JPEG. Drawing it anew also drops its metadata (GPS, camera) on the phone, before
 * it ever leaves (the server removes it again in any case). A picture the browser cannot decode is
 * kept as it is when it is a JPEG or PNG, and refused otherwise.
 */
export async function preparePhoto(file: File): Promise<{ blob: Blob; name: string } | null> {
  const name = file.name.replace(/\.[^.]+$/, '') || 'photo';
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.8));
    if (blob) return { blob, name: `${name}.jpg` };
  } catch {
    // fall through to the file as it is
  }
  return file.type === 'image/jpeg' || file.type === 'image/png' ? { blob: file, name: file.name } : null;
}
