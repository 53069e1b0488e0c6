// The map symbols of bottled LPG (瓶装燃气): a gas cylinder on a rounded square, drawn on a canvas
// (the map loads no remote sprites). The same pictures serve the legend.

import { LPG_COLORS } from './mapLayers'

/** The icon's size in CSS pixels. */
export const LPG_ICON_PX = 22

export interface LpgIcon {
  /** MapLibre image name. */
  name: string
  kind: string
  image: ImageData
  /** A data: URL of the same picture, for the legend. */
  url: string
  pixelRatio: number
}

function roundRect(g: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number) {
  g.beginPath()
  g.moveTo(x + r, y)
  g.arcTo(x + w, y, x + w, y + h, r)
  g.arcTo(x + w, y + h, x, y + h, r)
  g.arcTo(x, y + h, x, y, r)
  g.arcTo(x, y, x + w, y, r)
  g.closePath()
}

/** One icon: `big` (storage/filling station) has a double border. */
function draw(color: string, big: boolean, ratio: number): { image: ImageData; url: string } | null {
  const size = LPG_ICON_PX * ratio
  const canvas = document.createElement('canvas')
  canvas.width = size
  canvas.height = size
  const g = canvas.getContext('2d')
  if (!g) return null
  g.scale(ratio, ratio)
  const s = LPG_ICON_PX
  // Badge with a white rim (and an inner ring for a station).
  roundRect(g, 1, 1, s - 2, s - 2, 5)
  g.fillStyle = '#ffffff'
  g.fill()
  roundRect(g, 2.5, 2.5, s - 5, s - 5, 4)
  g.fillStyle = color
  g.fill()
  if (big) {
    roundRect(g, 4.5, 4.5, s - 9, s - 9, 3)
    g.strokeStyle = 'rgba(255,255,255,0.55)'
    g.lineWidth = 1
    g.stroke()
  }
  // The cylinder: a valve, a collar, a rounded body and a foot ring.
  g.fillStyle = '#ffffff'
  g.fillRect(s / 2 - 1.5, 5.5, 3, 2)
  roundRect(g, s / 2 - 3, 7, 6, 2, 1)
  g.fill()
  roundRect(g, s / 2 - 4.5, 8.5, 9, 9, 3.2)
  g.fill()
  g.fillRect(s / 2 - 3.5, 17, 7, 1.5)
  g.fillStyle = color
  g.fillRect(s / 2 - 4.5, 12, 9, 1)
  return { image: g.getImageData(0, 0, size, size), url: canvas.toDataURL('image/png') }
}

/** The icons of the two LPG kinds (none when the browser cannot draw on a canvas). */
export function lpgIcons(ratio = 2): LpgIcon[] {
  const out: LpgIcon[] = []
  for (const [kind, big] of [
    ['lpg_station', true],
    ['bottle_supply_point', false],
  ] as const) {
    try {
      const d = draw(LPG_COLORS[kind], big, ratio)
      if (d) out.push({ name: `lpg-${kind}`, kind, pixelRatio: ratio, ...d })
    } catch {
      // No canvas (e.g. a locked-down browser): the layer falls back to circles.
    }
  }
  return out
}
