import type { SortKey } from '../../../state/workspace.svelte.ts';

export interface Column {
  key: SortKey;
  label: string;
  /** What the number is, for the header's tooltip. */
  description: string;
  numeric: boolean;
}

/**
 * The candidates table's columns, left to right (the CSV has a few more, see CSV_COLUMNS).
 * The composite comes right after the integrity verdict: it is what a team reads first,
 * and it must not scroll out of sight behind the parts it is made of.
 */
export const COLUMNS: readonly Column[] = [
  { key: 'name', label: 'Name', description: 'The candidate, as they typed it or as invited', numeric: false },
  { key: 'bundle', label: 'Bundle', description: 'The bundle the result answers', numeric: false },
  {
    key: 'verdict',
    label: 'Integrity',
    description: 'The checks of the result file: signature, bundle, event log, invite, time',
    numeric: false,
  },
  {
    key: 'composite',
    label: 'Composite',
    description:
      'Weighted mean of the parts that could be measured; final composites rank before provisional ones (awaiting reviews), and only composites made of the same parts are ranked together',
    numeric: true,
  },
  { key: 'activeMs', label: 'Active time (min)', description: 'Minutes spent on the tasks', numeric: true },
  { key: 'overtimeMs', label: 'Overtime (min)', description: 'Minutes past the time limit', numeric: true },
  {
    key: 'rankingTauB',
    label: 'Ranking agreement (τb)',
    description: 'Mean Kendall tau-b with the gold ranking, from −1 to +1',
    numeric: true,
  },
  {
    key: 'pairwiseAccuracy',
    label: 'Pairwise accuracy',
    description: 'Pairs of outputs ordered as the gold ranking orders them',
    numeric: true,
  },
  { key: 'errorRecall', label: 'Error recall', description: 'Known issues the candidate found', numeric: true },
  {
    key: 'errorPrecision',
    label: 'Precision',
    description: 'Of the categories the candidate marked, the share that are known issues',
    numeric: true,
  },
  {
    key: 'errorF1',
    label: 'Error F1',
    description:
      'F1 of recall and precision (the error part of the composite); beside it, what marking without reading would get on this key',
    numeric: true,
  },
  {
    key: 'falseAlarms',
    label: 'False alarms',
    description: 'Categories marked where the key has no such issue',
    numeric: true,
  },
  {
    key: 'consistency',
    label: 'Consistency',
    description: 'Same judgement on a repeated task (when the key pairs tasks)',
    numeric: true,
  },
  {
    key: 'reviewScore',
    label: 'Reviewer score (1–\u20604)',
    description: 'Mean grade reviewers gave the critiques',
    numeric: true,
  },
];
