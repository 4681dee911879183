// What the app reads from a take-home copy at start (apart from take-home.ts, which
// makes copies: the hiring team's screens need it, a candidate's first screen does not).

/** The id of the `<script type="application/json">` block holding the exercise. */
export const EMBEDDED_ID = 'assay-embedded';

export interface Embedded {
  /** The bundle document as the author wrote it. */
  bundle: unknown;
  /** An invite token, when the copy is for one invited person. */
  invite?: string;
}
