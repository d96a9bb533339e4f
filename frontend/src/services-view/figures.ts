/** A share as a percentage: one decimal below 10 %, and a rare error never reads as "0 %". */
export function formatShare(ratio: number): string {
  if (ratio > 0 && ratio < 0.001) return '< 0.1 %';
  return `${(ratio * 100).toFixed(ratio > 0 && ratio < 0.1 ? 1 : 0)} %`;
}

/** Calls per second: two decimals below 10, where a workshop's rates are. */
export function formatRate(perSecond: number): string {
  return perSecond < 10 ? perSecond.toFixed(2) : perSecond.toFixed(0);
}
