// A photo taken on the phone, made fit to upload: the server takes JPEG, PNG or WebP up to 10 MB; a
// large camera picture is scaled down to 2048 pixels on its long side (JPEG), which also keeps the
// queue in IndexedDB small.

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp']
/** Pictures up to this size go as they are. */
const KEEP_BYTES = 1.5 * 1024 * 1024
const MAX_SIDE = 2048

export interface PreparedPhoto {
  blob: Blob
  name: string
  type: string
}

const baseName = (name: string) => name.replace(/\.[^.]*$/, '') || 'photo'

export async function preparePhoto(file: File): Promise<PreparedPhoto> {
  const supported = PHOTO_TYPES.includes(file.type)
  if (supported && file.size <= KEEP_BYTES) return { blob: file, name: file.name || 'photo.jpg', type: file.type }
  try {
    const bitmap = await createImageBitmap(file)
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height))
    const w = Math.max(1, Math.round(bitmap.width * scale))
    const h = Math.max(1, Math.round(bitmap.height * scale))
    const canvas = document.createElement('canvas')
    canvas.width = w
    canvas.height = h
    const ctx = canvas.getContext('2d')
    if (!ctx) throw new Error('no canvas')
    ctx.drawImage(bitmap, 0, 0, w, h)
    bitmap.close()
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85))
    if (!blob) throw new Error('no blob')
    return { blob, name: `${baseName(file.name)}.jpg`, type: 'image/jpeg' }
  } catch {
    if (supported) return { blob: file, name: file.name || 'photo.jpg', type: file.type }
    throw new Error('无法读取该照片，请拍摄或选择JPEG、PNG格式的照片')
  }
}
