// The plan chart's colours, named once: the e2e suite looks for the deferred bars' colour on the drawn canvas.
export const MONTHLY_COLOUR = '#1f6feb';
export const DEFERRED_COLOUR = '#8a3ffc';
export const TOTAL_COLOUR = '#b35900';
