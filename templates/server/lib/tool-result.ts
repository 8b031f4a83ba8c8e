/**
 * Shapes what an implementation returned into an MCP tool result: `structuredContent` (arrays wrapped as
 * `{ items }`, pages as `{ items, nextCursor }`) plus the same JSON as a text block, or an `isError`
 * result carrying one short message.
 */
import type { CallToolResult } from '@modelcontextprotocol/server';
import { type ToolDefinition, ToolError } from './contract.js';
import { isPlainObject, toJsonSafe } from './json-safe.js';
import { type Page, type PageRequest, pageFromOverfetch, slicePage } from './pagination.js';

export function errorResult(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

/**
 * @param overfetched true when the implementation already applied the page and fetched one extra row (SQL).
 */
export function successResult(
  tool: ToolDefinition,
  value: unknown,
  page: PageRequest | undefined,
  overfetched: boolean,
): CallToolResult {
  const shaped = shapeValue(tool, toJsonSafe(value), page, overfetched);
  if (typeof shaped === 'string' && !tool.outputSchema) return { content: [{ type: 'text', text: shaped }] };
  if (tool.outputSchema && !isPlainObject(shaped)) {
    throw new ToolError(`the tool produced ${describe(shaped)} where its output schema expects an object`);
  }
  if (tool.outputSchema) checkOutput(tool, shaped);
  const text = JSON.stringify(shaped);
  return isPlainObject(shaped)
    ? { content: [{ type: 'text', text }], structuredContent: shaped }
    : { content: [{ type: 'text', text }] };
}

/**
 * A result that breaks the advertised output schema is the tool's bug; reporting it as an `isError`
 * result names the field, where the SDK would otherwise answer with an opaque protocol error.
 */
function checkOutput(tool: ToolDefinition, value: unknown): void {
  const parsed = tool.outputSchema?.safeParse(value);
  if (!parsed || parsed.success) return;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  throw new ToolError(
    `the tool's result does not match its output schema${where}: ${issue?.message ?? 'invalid'}`,
  );
}

function shapeValue(
  tool: ToolDefinition,
  value: unknown,
  page: PageRequest | undefined,
  overfetched: boolean,
) {
  if (page) {
    const items = expectArray(value);
    const result: Page<unknown> = overfetched
      ? pageFromOverfetch(items, page, tool.name)
      : slicePage(items, page, tool.name);
    return result;
  }
  if (tool.wrap === 'items') return { items: expectArray(value) };
  return value;
}

function expectArray(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  throw new ToolError(`the tool produced ${describe(value)} where a list was expected`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
