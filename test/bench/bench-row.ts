// One line of `npm run bench`: our number next to a reference measured in the same run.
export interface BenchRow {
  name: string;
  ours: number;
  reference: number;
  /** As named in `target`: reference/ours for speed-ups, ours/reference for overheads. */
  ratio: number;
  unit: string;
  /** Human-readable goal, e.g. "≥ 0.75" or "≤ 1000 ms". */
  target: string;
  pass: boolean;
  note?: string;
}
