/**
 * Saving a chart as a figure: the chart's own SVG as a standalone file (the page's CSS written into each element,
 * so it looks the same outside the studio), or that SVG drawn onto a canvas at twice its size as a PNG.
 */
import { downloadBlob } from './download';

/** Style properties a chart's CSS sets on its SVG elements (axes, ticks, markers, labels). */
const STYLED = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'font-family', 'font-size', 'font-weight', 'text-anchor', 'dominant-baseline'] as const;
/** Pixels of PNG per SVG unit. */
const PNG_SCALE = 2;

/** The figure's size in SVG units: its viewBox, else its width and height attributes. */
function sizeOf(svg: SVGSVGElement): { width: number; height: number } {
  const box = (svg.getAttribute('viewBox') ?? '').split(/[\s,]+/).map(Number);
  if (box.length === 4 && box.every(Number.isFinite)) return { width: box[2], height: box[3] };
  return { width: Number(svg.getAttribute('width')) || 400, height: Number(svg.getAttribute('height')) || 300 };
}

/** Standalone SVG text of `svg`: namespaced, sized, on a white background, with the page's styles inlined. */
export function svgMarkup(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [copy, ...copy.querySelectorAll('*')];
  originals.forEach((element, i) => {
    const computed = getComputedStyle(element);
    const inline = STYLED.flatMap((property) => {
      const value = computed.getPropertyValue(property);
      return value && value !== 'normal' ? [`${property}:${value}`] : [];
    });
    if (inline.length) copies[i].setAttribute('style', `${inline.join(';')};${copies[i].getAttribute('style') ?? ''}`);
  });
  const { width, height } = sizeOf(svg);
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  const background = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#ffffff');
  copy.insertBefore(background, copy.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`;
}

/** Saves `svg` as NAME.svg. */
export function saveSvg(svg: SVGSVGElement, name: string): void {
  downloadBlob(`${name}.svg`, new Blob([svgMarkup(svg)], { type: 'image/svg+xml' }));
}

/** PNG bytes of `svg` drawn at PNG_SCALE times its size. */
export async function svgToPng(svg: SVGSVGElement): Promise<Blob> {
  const { width, height } = sizeOf(svg);
  const url = URL.createObjectURL(new Blob([svgMarkup(svg)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * PNG_SCALE);
    canvas.height = Math.round(height * PNG_SCALE);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this browser cannot draw on a canvas');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the figure could not be encoded as PNG'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Saves `svg` as NAME.png. */
export async function savePng(svg: SVGSVGElement, name: string): Promise<void> {
  downloadBlob(`${name}.png`, await svgToPng(svg));
}

/** A file name part from free text (a run id, a model name): letters, digits, dot, dash, underscore. */
export function fileNamePart(text: string): string {
  return text.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'figure';
}
