import { AssayError, type ValidationIssue } from '../errors.ts';
import { parseUntrustedJson } from '../json/parse-untrusted-json.ts';
import { formatJsonPath } from '../json/path.ts';
import { checkFormat, describeIssues, parseWithSchema } from '../validation.ts';
import { eventDataSchema } from './event-data.ts';
import { RESULT_FORMAT, ResultSchema, type Result } from './schema.ts';

import { MAX_RESULT_BYTES } from '../file/limits.ts';

export { MAX_RESULT_BYTES };

/**
 * Validates a parsed JSON value as an `assay.result/1`: the schema, then what the
 * schema cannot say (each ranking is an order of the shown outputs, answers match
 * the shown order, the event log is numbered 0, 1, 2, …).
 */
export function validateResult(document: unknown): Result {
  checkFormat(document, RESULT_FORMAT, 'result');
  const result = parseWithSchema(ResultSchema, document, 'result');
  const issues: ValidationIssue[] = [];
  const at = (...path: PropertyKey[]) => formatJsonPath(path);
  result.tasks.forEach((task, t) => {
    const shown = new Set(task.shownOrder);
    if (shown.size !== task.shownOrder.length)
      issues.push({ path: at('tasks', t, 'shownOrder'), message: 'lists an output twice' });
    if (task.ranking) {
      const ranked = new Set(task.ranking);
      if (
        ranked.size !== task.ranking.length ||
        ranked.size !== shown.size ||
        ![...ranked].every((id) => shown.has(id))
      )
        issues.push({ path: at('tasks', t, 'ranking'), message: 'must order exactly the outputs shown' });
    }
    const answered = task.outputs.map((o) => o.outputId);
    if (answered.join('\u0000') !== task.shownOrder.join('\u0000'))
      issues.push({ path: at('tasks', t, 'outputs'), message: 'must follow the shown order' });
  });
  result.events.forEach((event, i) => {
    if (event.seq !== i) issues.push({ path: at('events', i, 'seq'), message: `must be ${i}` });
    const data = eventDataSchema(event.type)?.safeParse(event.data, { reportInput: true });
    if (data && !data.success)
      issues.push(
        ...describeIssues(data.error.issues.map((issue) => ({ ...issue, path: ['events', i, 'data', ...issue.path] }))),
      );
  });
  if (issues.length > 0) {
    const first = issues[0] as ValidationIssue;
    throw new AssayError('SCHEMA_INVALID', `This result is not valid: ${first.path} ${first.message}.`, issues);
  }
  return result;
}

/** Parses and validates a result file's text (already decoded: see decodeUntrustedText). */
export function parseResultText(text: string): Result {
  return validateResult(parseUntrustedJson(text, { maxLength: MAX_RESULT_BYTES }));
}
