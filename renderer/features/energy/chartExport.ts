import { PDFDocument } from 'pdf-lib';

/*
 * The domain's chart (shared/energy/energyChart.ts), rendered to SVG by ECharts' server-side
 * renderer, as PNG or PDF. The SVG is rasterised by
 * the page's own renderer through a canvas, so the Chinese labels use the fonts the system has,
 * exactly as on screen; the PDF embeds that picture, so it needs no font of its own. A footnote
 * says it is the company's own statistics, never the platform's format.
 */

const CHART_FOOTNOTE = '本图为企业内部能源台账统计，非北京市节能监测服务平台规定格式';

function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

async function loadImage(svg: string): Promise<HTMLImageElement> {
  const image = new Image();
  image.src = svgDataUrl(svg);
  await image.decode();
  return image;
}

/** The chart on a white canvas at `scale` times its size, with the footnote under it. */
async function renderChartCanvas(svg: string, width: number, height: number, footnote = CHART_FOOTNOTE, scale = 2): Promise<HTMLCanvasElement> {
  const image = await loadImage(svg);
  const footer = 28;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round((height + footer) * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('无法创建画布，不能导出图片');
  context.scale(scale, scale);
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height + footer);
  context.drawImage(image, 0, 0, width, height);
  context.fillStyle = '#5b6675';
  context.font = "12px 'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif";
  context.textAlign = 'center';
  context.fillText(footnote, width / 2, height + 18);
  return canvas;
}

function canvasToPng(canvas: HTMLCanvasElement): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (!blob) {
        reject(new Error('图片生成失败'));
        return;
      }
      blob.arrayBuffer().then((buffer) => resolve(new Uint8Array(buffer)), reject);
    }, 'image/png');
  });
}

export async function chartPngBytes(svg: string, width: number, height: number): Promise<Uint8Array> {
  return canvasToPng(await renderChartCanvas(svg, width, height));
}

/** One landscape A4 page with the chart fitted inside 36 pt margins. */
export async function chartPdfBytes(svg: string, width: number, height: number, title: string): Promise<Uint8Array> {
  const png = await chartPngBytes(svg, width, height);
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  pdf.setCreator('企业合规工作台');
  pdf.setProducer('企业合规工作台');
  const image = await pdf.embedPng(png);
  const page = pdf.addPage([841.89, 595.28]);
  const margin = 36;
  const fit = image.scaleToFit(page.getWidth() - 2 * margin, page.getHeight() - 2 * margin);
  page.drawImage(image, {
    x: (page.getWidth() - fit.width) / 2,
    y: (page.getHeight() - fit.height) / 2,
    width: fit.width,
    height: fit.height,
  });
  return pdf.save();
}
