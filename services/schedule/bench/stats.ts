/** The median of some samples (the mean of the middle two for an even count). */
export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/**
 * Prints one figure on its own line, exactly `<figure-id>: <value> <unit> (ratio <r> vs <baseline>)`,
 * the baseline measured in the same run on the same machine.
 */
export const printFigure = (id: string, value: number, unit: string, baselineValue: number, baseline: string, digits = 0): void => {
  console.log(`${id}: ${value.toFixed(digits)} ${unit} (ratio ${(value / baselineValue).toFixed(2)} vs ${baseline})`);
};

/** A line of context (setup, checks, raw samples, profiles): never a figure. */
export const note = (text: string): void => {
  console.log(`# ${text}`);
};
