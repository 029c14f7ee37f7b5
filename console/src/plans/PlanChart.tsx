// The plans as a chart (Chart.js): monthly payment as bars and total cost as a line, for every plan and term.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { useEffect, useId, useRef } from 'preact/hooks';
import type { PromotionalPlan } from '../api/contract.ts';
import { termFigures } from '../domain/plan-figures.ts';
import { formatMoney } from '../i18n/format.ts';
import { useLanguage } from '../i18n/language-context.tsx';

// Registering only what is drawn keeps the bundle small.
Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

export function PlanChart({ plans, deferredIds }: { plans: PromotionalPlan[]; deferredIds: Set<number> }) {
  const { t, lang } = useLanguage();
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart>();
  const headingId = useId();
  const figures = termFigures(plans, deferredIds);

  useEffect(() => {
    if (!canvas.current) return;
    chart.current?.destroy();
    const money = (value: number | string) => formatMoney(lang, Number(value));
    chart.current = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: figures.map((f) => t('plans.chart.term', { plan: f.planId, term: f.term })),
        datasets: [
          { type: 'bar', label: t('plans.chart.monthly'), data: figures.map((f) => f.monthly), backgroundColor: '#1f6feb', yAxisID: 'monthly', order: 2 },
          {
            type: 'line',
            label: t('plans.chart.total'),
            data: figures.map((f) => f.totalOfPayments),
            borderColor: '#b35900',
            backgroundColor: '#b35900',
            yAxisID: 'total',
            order: 1,
            pointRadius: 4,
          },
        ],
      },
      options: {
        // No animation: a till redraws at once, and screenshots see the finished chart.
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        locale: lang === 'fr' ? 'fr-CA' : 'en-CA',
        plugins: {
          legend: { position: 'bottom' },
          // A deferred plan has no monthly bar (null): only its total is drawn.
          tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${money(item.parsed.y ?? 0)}` } },
        },
        scales: {
          monthly: {
            type: 'linear',
            position: 'left',
            beginAtZero: true,
            title: { display: true, text: t('plans.chart.monthly') },
            ticks: { callback: money },
          },
          total: {
            type: 'linear',
            position: 'right',
            beginAtZero: true,
            grid: { drawOnChartArea: false },
            title: { display: true, text: t('plans.chart.total') },
            ticks: { callback: money },
          },
        },
      },
    });
    return () => {
      chart.current?.destroy();
      chart.current = undefined;
    };
  }, [plans, deferredIds, lang]);

  if (figures.length === 0) return null;
  return (
    <figure class="plan-chart" aria-labelledby={headingId}>
      <figcaption id={headingId}>{t('plans.chart')}</figcaption>
      <div class="chart-box">
        <canvas ref={canvas} role="img" aria-label={t('plans.chartLabel')} />
      </div>
    </figure>
  );
}
