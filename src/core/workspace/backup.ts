import * as z from 'zod/mini';
import { checkFormat, parseWithSchema } from '../validation.ts';

export const WORKSPACE_FORMAT = 'assay.workspace/1';

/**
 * `assay.workspace/1`: the whole workspace as one file, to move it to another
 * computer or keep a copy. Results are carried as their JSON text and verified
 * again on restore: a backup file is untrusted input like any other.
 */
export const WorkspaceBackupSchema = z.strictObject({
  format: z.literal(WORKSPACE_FORMAT),
  exportedAt: z.iso.datetime(),
  bundles: z.array(z.unknown()),
  keys: z.array(z.unknown()),
  results: z.array(
    z.strictObject({
      fileName: z.string().check(z.maxLength(500)),
      /** The result's JSON text (decrypted). */
      text: z.string(),
      importedAt: z.number(),
    }),
  ),
  reviews: z.array(z.unknown()),
});

export type WorkspaceBackup = z.output<typeof WorkspaceBackupSchema>;

export function validateWorkspaceBackup(document: unknown): WorkspaceBackup {
  checkFormat(document, WORKSPACE_FORMAT, 'workspace backup');
  return parseWithSchema(WorkspaceBackupSchema, document, 'workspace backup');
}
