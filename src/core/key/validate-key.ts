import type { Bundle } from '../bundle/schema.ts';
import { AssayError, type ValidationIssue } from '../errors.ts';
import { formatJsonPath } from '../json/path.ts';
import { checkFormat, parseWithSchema } from '../validation.ts';
import { KEY_FORMAT, KeySchema, type AnswerKey } from './schema.ts';

/** Validates a parsed JSON value as an `assay.key/1` (structure only). */
export function validateKey(document: unknown): AnswerKey {
  checkFormat(document, KEY_FORMAT, 'answer key');
  const key = parseWithSchema(KeySchema, document, 'answer key');
  // Every weight 0 leaves the composite 0/0: no candidate could be ranked by it.
  const { ranking, errorIdentification, consistency, critique } = key.weights;
  if (ranking + errorIdentification + consistency + critique === 0) {
    const message =
      'are all 0, so no composite score can be computed: give at least one part (ranking, errorIdentification, consistency, critique) a weight above 0';
    throw new AssayError('SCHEMA_INVALID', `This answer key is not valid: $.weights ${message}.`, [
      { path: '$.weights', message },
    ]);
  }
  return key;
}

/**
 * Checks an answer key against the bundle it is for: the hash matches, every task,
 * output, category and severity it names exists, each gold ranking orders every
 * output of its task exactly once, and consistency pairs map outputs one to one.
 * Returns every problem found (empty when the key fits the bundle).
 */
export function checkKeyAgainstBundle(key: AnswerKey, bundle: Bundle, bundleHash: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const at = (...path: PropertyKey[]) => formatJsonPath(path);
  if (key.bundle.id !== bundle.id)
    issues.push({ path: at('bundle', 'id'), message: `is "${key.bundle.id}" but the bundle is "${bundle.id}"` });
  if (key.bundle.sha256 !== bundleHash)
    issues.push({
      path: at('bundle', 'sha256'),
      message: `does not match the bundle (its SHA-256 is ${bundleHash}): the key was made for another version`,
    });
  const categories = new Set(bundle.taxonomy.map((c) => c.id));
  const severities = new Set(bundle.severities.map((s) => s.id));
  const tasks = new Map(bundle.tasks.map((t) => [t.id, t]));
  const seenTasks = new Set<string>();
  key.tasks.forEach((taskKey, t) => {
    const task = tasks.get(taskKey.taskId);
    if (!task) {
      issues.push({ path: at('tasks', t, 'taskId'), message: `task "${taskKey.taskId}" is not in the bundle` });
      return;
    }
    if (seenTasks.has(task.id))
      issues.push({ path: at('tasks', t, 'taskId'), message: `task "${task.id}" has two keys` });
    seenTasks.add(task.id);
    const outputs = new Set(task.outputs.map((o) => o.id));
    const ranked = taskKey.goldRanking.flat();
    ranked.forEach((id, i) => {
      if (!outputs.has(id))
        issues.push({ path: at('tasks', t, 'goldRanking'), message: `output "${id}" is not in task "${task.id}"` });
      if (ranked.indexOf(id) !== i)
        issues.push({ path: at('tasks', t, 'goldRanking'), message: `output "${id}" appears twice` });
    });
    for (const id of outputs)
      if (!ranked.includes(id))
        issues.push({ path: at('tasks', t, 'goldRanking'), message: `output "${id}" is missing` });
    const issueIds = new Set<string>();
    taskKey.issues.forEach((issue, i) => {
      if (issueIds.has(issue.id))
        issues.push({ path: at('tasks', t, 'issues', i, 'id'), message: `duplicate issue id "${issue.id}"` });
      issueIds.add(issue.id);
      if (!outputs.has(issue.outputId))
        issues.push({
          path: at('tasks', t, 'issues', i, 'outputId'),
          message: `output "${issue.outputId}" is not in task "${task.id}"`,
        });
      if (!categories.has(issue.category))
        issues.push({
          path: at('tasks', t, 'issues', i, 'category'),
          message: `"${issue.category}" is not in the bundle's taxonomy`,
        });
      if (!severities.has(issue.severity))
        issues.push({
          path: at('tasks', t, 'issues', i, 'severity'),
          message: `"${issue.severity}" is not in the bundle's severity scale`,
        });
      const output = task.outputs.find((o) => o.id === issue.outputId);
      if (output && issue.quote !== undefined && !output.content.includes(issue.quote))
        issues.push({
          path: at('tasks', t, 'issues', i, 'quote'),
          message: `is not found word for word in output "${issue.outputId}"`,
        });
    });
    for (const id of Object.keys(taskKey.referenceCritiques))
      if (!outputs.has(id))
        issues.push({
          path: at('tasks', t, 'referenceCritiques', id),
          message: `output "${id}" is not in task "${task.id}"`,
        });
  });
  for (const task of bundle.tasks)
    if (!seenTasks.has(task.id)) issues.push({ path: at('tasks'), message: `task "${task.id}" has no key` });
  key.consistencyPairs.forEach((pair, p) => {
    const a = tasks.get(pair.taskA);
    const b = tasks.get(pair.taskB);
    if (!a)
      issues.push({ path: at('consistencyPairs', p, 'taskA'), message: `task "${pair.taskA}" is not in the bundle` });
    if (!b)
      issues.push({ path: at('consistencyPairs', p, 'taskB'), message: `task "${pair.taskB}" is not in the bundle` });
    if (!a || !b) return;
    const aIds = new Set(a.outputs.map((o) => o.id));
    const bIds = new Set(b.outputs.map((o) => o.id));
    const targets = Object.values(pair.outputMap);
    for (const [from, to] of Object.entries(pair.outputMap)) {
      if (!aIds.has(from))
        issues.push({
          path: at('consistencyPairs', p, 'outputMap', from),
          message: `output "${from}" is not in task "${a.id}"`,
        });
      if (!bIds.has(to))
        issues.push({
          path: at('consistencyPairs', p, 'outputMap', from),
          message: `output "${to}" is not in task "${b.id}"`,
        });
    }
    if (new Set(targets).size !== targets.length)
      issues.push({ path: at('consistencyPairs', p, 'outputMap'), message: 'maps two outputs to the same output' });
    if (targets.length !== aIds.size || aIds.size !== bIds.size)
      issues.push({
        path: at('consistencyPairs', p, 'outputMap'),
        message: 'must map every output of task A to one of task B',
      });
  });
  return issues;
}

/** Validates a key and checks it against its bundle; throws SCHEMA_INVALID with every issue. */
export function validateKeyForBundle(document: unknown, bundle: Bundle, bundleHash: string): AnswerKey {
  const key = validateKey(document);
  const issues = checkKeyAgainstBundle(key, bundle, bundleHash);
  if (issues.length > 0) {
    const first = issues[0] as ValidationIssue;
    throw new AssayError(
      'SCHEMA_INVALID',
      `This answer key does not fit the bundle: ${first.path} ${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}.`,
      issues,
    );
  }
  return key;
}
