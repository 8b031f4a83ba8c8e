/** A location inside a spec, as the keys and indexes that lead to it. */
export type PathSegment = string | number;
export type SpecPath = readonly PathSegment[];

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** `['tools', 0, 'parameters', 'query', 'type']` → `tools[0].parameters.query.type`. */
export function formatPath(path: SpecPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text === '' ? '(root)' : text;
}
