/**
 * Header names and values sent upstream must be ones Node accepts: a name with a space, a quote or a line
 * break, or a value with a control character, made every call of the tool fail as a "network error". The
 * check is Node's own (`validateHeaderName` / `validateHeaderValue`, what `fetch` and `http.request` apply).
 */
import { validateHeaderName, validateHeaderValue } from 'node:http';
import { shorten } from '../diagnostics.js';
import type { PathSegment } from '../path.js';
import { findings, type SpecRule } from './rule.js';

type Report = ReturnType<typeof findings>;

function checkName(report: Report, name: string, path: PathSegment[], at?: 'key') {
  try {
    validateHeaderName(name);
  } catch {
    report.error(
      path,
      `\`${shorten(JSON.stringify(name))}\` is not a valid HTTP header name; every request would fail`,
      "header names are letters, digits and !#$%&'*+-.^_`|~ (no spaces, quotes, colons or line breaks)",
      at,
    );
  }
}

function checkHeaders(report: Report, headers: Readonly<Record<string, string>>, path: PathSegment[]) {
  for (const [name, value] of Object.entries(headers)) {
    checkName(report, name, [...path, name], 'key');
    try {
      validateHeaderValue(name, value);
    } catch {
      report.error(
        [...path, name],
        `the value of header \`${shorten(name)}\` contains a control character or line break; every request would fail`,
        'header values are one line of visible text',
      );
    }
  }
}

export const httpHeaders: SpecRule = {
  name: 'http-header',
  check({ spec }) {
    const report = findings('http-header');
    spec.connections.forEach((connection, c) => {
      if (connection.type !== 'http' && connection.type !== 'graphql') return;
      checkHeaders(report, connection.headers, ['connections', c, 'headers']);
      if (connection.auth.type === 'api_key') {
        checkName(report, connection.auth.header, ['connections', c, 'auth', 'header']);
      }
    });
    spec.tools.forEach((tool, t) => {
      if (tool.implementation.type !== 'http') return;
      checkHeaders(report, tool.implementation.headers, ['tools', t, 'implementation', 'headers']);
    });
    return report.list;
  },
};
