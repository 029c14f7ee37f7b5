// The plans as a chart (Chart.js): what the customer pays and when as bars (each month, or once when a deferral ends)
// and the total cost as a line, for every plan and term.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { useEffect, useId, useRef } from 'preact/hooks';
import type { PromotionalPlan } from '../api/contract.ts';
import { termFigures } from '../domain/plan-figures.ts';
import { DEFERRED_COLOUR, MONTHLY_COLOUR, TOTAL_COLOUR } from './chart-colours.ts';
import { formatMoney } from '../i18n/format.ts';
import { useLanguage } from '../i18n/language-context.tsx';

// Registering only what is drawn keeps the bundle small.
Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

/** The deferred payments' dataset, second of the three below. */
const DEFERRED_DATASET = 1;

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
          { type: 'bar', label: t('plans.chart.monthly'), data: figures.map((f) => f.monthly), backgroundColor: MONTHLY_COLOUR, yAxisID: 'payment', order: 2 },
          // A deferred plan is paid once, at the end of its term: its bar is that payment, in its own colour and legend
          // entry so it is not read as a monthly amount.
          {
            type: 'bar',
            label: t('plans.chart.deferred'),
            data: figures.map((f) => f.deferredPayment),
            backgroundColor: DEFERRED_COLOUR,
            yAxisID: 'payment',
            order: 3,
          },
          {
            type: 'line',
            label: t('plans.chart.total'),
            data: figures.map((f) => f.totalOfPayments),
            borderColor: TOTAL_COLOUR,
            backgroundColor: TOTAL_COLOUR,
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
          tooltip: {
            callbacks: {
              label: (item) => {
                const amount = money(item.parsed.y ?? 0);
                const figure = figures[item.dataIndex];
                return item.datasetIndex === DEFERRED_DATASET && figure
                  ? t('plans.chart.deferredWhen', { term: figure.term, amount })
                  : `${item.dataset.label}: ${amount}`;
              },
            },
          },
        },
        // Each term has a monthly or a deferred bar, never both: the empty one takes no room, so the bar stays centred.
        skipNull: true,
        scales: {
          payment: {
            type: 'linear',
            position: 'left',
            beginAtZero: true,
            title: { display: true, text: t('plans.chart.payment') },
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
