/** Bundles over 5 MB are refused before they are read. */
export const MAX_BUNDLE_BYTES = 5 * 1024 * 1024;

/** Result files over 20 MB are refused before they are read (a result of 1,000 long critiques is ~2 MB). */
export const MAX_RESULT_BYTES = 20 * 1024 * 1024;
