/** A chart whose ECharts code is fetched only when a chart is first shown (its own lazily loaded chunk). */
import { lazy, Suspense } from 'react';
import { Skeleton } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';

const EChart = lazy(() => import('./EChart.tsx'));

/** The chart, with a placeholder while ECharts loads. */
export function Chart({ option, height = 240 }: { option: EChartsCoreOption; height?: number }) {
  return (
    <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height }} />}>
      <EChart option={option} height={height} />
    </Suspense>
  );
}
