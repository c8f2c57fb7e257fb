/**
 * The Teams app icons, drawn in code (no binary files in the repository): a white speech bubble with three
 * dots. `color` is 192×192 on the accent colour; `outline` is 32×32, white on transparent, as Teams requires.
 */
import { PNG } from 'pngjs';

type Rgba = [number, number, number, number];

const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

/** Parses "#RRGGBB". */
export function hexColour(hex: string): Rgba {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`teams icons: colour ${hex} is not #RRGGBB`);
  return [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16), 255];
}

/** Shape test in unit coordinates (0..1, y down). */
type Shape = (x: number, y: number) => boolean;

const roundedRect = (x0: number, y0: number, x1: number, y1: number, r: number): Shape => (x, y) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};

/** The bubble's tail: a triangle below the left part of the bubble. */
const tail: Shape = (x, y) => y >= 0.66 && y <= 0.84 && x >= 0.26 && x <= 0.26 + (0.84 - y) * 1.1;

const bubble: Shape = (x, y) => roundedRect(0.14, 0.2, 0.86, 0.7, 0.12)(x, y) || tail(x, y);
const innerBubble: Shape = (x, y) => roundedRect(0.2, 0.26, 0.8, 0.64, 0.07)(x, y);
const dots: Shape = (x, y) => [0.34, 0.5, 0.66].some((cx) => (x - cx) ** 2 + (y - 0.45) ** 2 <= 0.05 ** 2);

function draw(size: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const [r, g, b, a] = pixel((px + 0.5) / size, (py + 0.5) / size);
      const i = (py * size + px) * 4;
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = a;
    }
  }
  return PNG.sync.write(png);
}

/** 192×192 colour icon: accent background, white bubble, accent dots. */
export function colorIcon(accent: string): Buffer {
  const bg = hexColour(accent);
  return draw(192, (x, y) => (bubble(x, y) ? (dots(x, y) ? bg : WHITE) : bg));
}

/** 32×32 outline icon: white bubble outline and dots on transparent. */
export function outlineIcon(): Buffer {
  return draw(32, (x, y) => {
    if (dots(x, y)) return WHITE;
    return bubble(x, y) && !innerBubble(x, y) ? WHITE : CLEAR;
  });
}
