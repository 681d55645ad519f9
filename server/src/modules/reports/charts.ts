import { createRequire } from 'node:module';
import type * as Echarts from 'echarts/types/dist/echarts';
import { FONT_STACK } from '../../kernel/pdf/fonts.js';

// echarts' ESM typings do not resolve under NodeNext (extensionless re-exports), so the CommonJS
// build is loaded and typed from its own declaration file.
const echarts = createRequire(import.meta.url)('echarts') as typeof Echarts;
type EChartsOption = Echarts.EChartsOption;

export interface BarDatum {
  name: string;
  value: number;
}

/**
 * A chart as an SVG string, rendered on the server with ECharts' SSR renderer (no DOM, no browser):
 * the same drawing goes into the HTML, the PDF and, rasterised, the DOCX. Animation off so the SVG
 * holds the final state.
 */
function renderSvg(option: EChartsOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    // ECharts writes the family into a double-quoted style attribute unescaped: single quotes only.
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT_STACK.chineseSans.replace(/"/g, "'") }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export function barChart(title: string, data: BarDatum[], width = 640, height = 300): string {
  return renderSvg(
    {
      title: { text: title, left: 'center', textStyle: { fontSize: 15 } },
      grid: { left: 56, right: 24, top: 48, bottom: 40 },
      xAxis: { type: 'category', data: data.map((d) => d.name), axisLabel: { interval: 0, fontSize: 11 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: data.map((d) => d.value), itemStyle: { color: '#1f6fb2' }, label: { show: true, position: 'top' }, barMaxWidth: 48 }],
    },
    width,
    height,
  );
}

export function pieChart(title: string, data: BarDatum[], width = 640, height = 300): string {
  return renderSvg(
    {
      title: { text: title, left: 'center', textStyle: { fontSize: 15 } },
      color: ['#b8860b', '#1f6fb2', '#3a9d5d', '#c0504d', '#8064a2'],
      series: [{ type: 'pie', radius: ['35%', '62%'], center: ['50%', '56%'], data, label: { formatter: '{b}: {c}' } }],
    },
    width,
    height,
  );
}
