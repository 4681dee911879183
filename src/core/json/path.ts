/**
 * Formats a path of object keys and array indexes as a JSON path (RFC 9535 style):
 * `['tasks', 1, 'outputs', 0, 'id']` → `$.tasks[1].outputs[0].id`.
 * Keys that are not plain identifiers are quoted: `$['odd key']`.
 */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$]*$/.test(segment)) out += `.${segment}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}
