/**
 * chokidar 4+ watches paths, not globs, so a glob is split into the folder to watch (its part before the
 * first wildcard) and a matcher for the paths reported there. Supported: `*`, `**`, `?`, `{a,b}`, `[abc]`.
 */
import { isAbsolute, resolve, sep } from 'node:path';

export interface WatchTarget {
  /** Absolute file or folder handed to chokidar. */
  readonly root: string;
  /** undefined: every path under root matches (the entry was a plain path). */
  readonly matches?: ((absolutePath: string) => boolean) | undefined;
}

const WILDCARD = /[*?[{]/;

export function watchTarget(entry: string, cwd: string): WatchTarget {
  const absolute = (isAbsolute(entry) ? entry : resolve(cwd, entry)).split(sep).join('/');
  const parts = absolute.split('/');
  const firstWild = parts.findIndex((part) => WILDCARD.test(part));
  if (firstWild === -1) return { root: absolute };
  const root = parts.slice(0, firstWild).join('/') || '/';
  const pattern = globToRegExp(absolute);
  return { root, matches: (path) => pattern.test(path.split(sep).join('/')) };
}

export function globToRegExp(glob: string): RegExp {
  let source = '';
  let inGroup = false;
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i] as string;
    if (char === '*' && glob[i + 1] === '*') {
      // `**/` matches zero or more folders; a trailing `**` anything below.
      const slash = glob[i + 2] === '/';
      source += slash ? '(?:[^/]*/)*' : '.*';
      i += slash ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '{') {
      source += '(?:';
      inGroup = true;
    } else if (char === '}' && inGroup) {
      source += ')';
      inGroup = false;
    } else if (char === ',' && inGroup) source += '|';
    else if (char === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end === -1) source += '\\[';
      else {
        const body = glob
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        source += `[${body}]`;
        i = end;
      }
    } else source += char.replace(/[.+^$()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
