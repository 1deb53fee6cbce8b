// The ECharts that plansite ships: only the chart types and components that
// internal/chart builds options for, drawn as SVG. make setup bundles it with
// esbuild from the npm package into templates/assets/vendor/echarts.min.js.
// A chart type added in Go must be added here too; site.js reports a series
// that ECharts did not draw, and the browser tests fail on it.
import * as echarts from 'echarts/core';
import { BarChart, GaugeChart, HeatmapChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapPiecewiseComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  BarChart, GaugeChart, HeatmapChart, LineChart, PieChart,
  GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapPiecewiseComponent,
  SVGRenderer,
]);

window.echarts = echarts;
