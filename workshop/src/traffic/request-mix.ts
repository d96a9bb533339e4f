/**
 * One cycle of the HTTP mix, in order: mostly plain reads, some slow ones,
 * one failure. Each connection walks the cycle, so over a minute the mix
 * holds at any rate: 85 % /data, 10 % /data?delayMs=250, 5 % /error.
 */
export const REQUEST_CYCLE: readonly string[] = [
  ...Array.from({ length: 8 }, () => '/data'),
  '/data?delayMs=250',
  '/data',
  ...Array.from({ length: 8 }, () => '/data'),
  '/data?delayMs=250',
  '/error',
];

