/** A share as a percentage: one decimal below 10 %, so a rare error does not read as "0 %". */
export function formatShare(ratio: number): string {
  return `${(ratio * 100).toFixed(ratio > 0 && ratio < 0.1 ? 1 : 0)} %`;
}

/** Calls per second: two decimals below 10, where a workshop's rates are. */
export function formatRate(perSecond: number): string {
  return perSecond < 10 ? perSecond.toFixed(2) : perSecond.toFixed(0);
}
