// How long Lighthouse waits before it ends a page's trace (its defaults are 1 s each).
export const settle = {
  pauseAfterLoadMs: 3000,
  networkQuietThresholdMs: 3000,
  cpuQuietThresholdMs: 3000,
  maxWaitForLoad: 90000,
};
