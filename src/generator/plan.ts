/**
 * plan(spec, templates) → GenerationPlan: every file of a generated server, as data. Pure and
 * deterministic: no clock, no disk, no environment; files sorted by path, so the same spec always gives the
 * same bytes.
 */
import { FactoryError } from '../errors.js';
import type { ServerSpec } from '../spec/types.js';
import { canonicalSpec } from './canonical.js';
import { configFile } from './emit/config-file.js';
import { composeYaml, dockerfile } from './emit/docker.js';
import { dependencySets, packageJson } from './emit/package-json.js';
import { dockerignore, envExample, gitignore, specYaml, tsconfigJson } from './emit/project-files.js';
import { readmeFile } from './emit/readme.js';
import { DEFAULT_REGISTRY_NAMESPACE, serverJson } from './emit/server-json.js';
import {
  entryFile,
  handlerStubFile,
  serverDefinitionFile,
  toolsIndexFile,
  triggersFile,
} from './emit/source-files.js';
import { toolsTestFile } from './emit/tests-file.js';
import { toolFile } from './emit/tool-file.js';
import { envVars } from './env-vars.js';
import { commentLine, USER_FILE_NOTE, withMarker } from './header.js';
import { toolNames } from './tool-names.js';
import type { GenerationPlan, PlannedFile, TemplateFiles } from './types.js';

export interface PlanOptions {
  /** Namespace of the name in server.json, e.g. `io.github.alice`; defaults to `local` (see server-json.ts). */
  readonly registryNamespace?: string;
}

const NAMESPACE = /^[a-zA-Z0-9.-]+$/;

export function plan(input: ServerSpec, templates: TemplateFiles, options: PlanOptions = {}): GenerationPlan {
  const spec = canonicalSpec(input);
  const namespace = options.registryNamespace ?? DEFAULT_REGISTRY_NAMESPACE;
  if (!NAMESPACE.test(namespace)) {
    throw new FactoryError('USAGE', `invalid registry namespace ${JSON.stringify(namespace)}`, {
      hint: 'use letters, digits, "." and "-", e.g. io.github.your-name',
    });
  }
  const files = [
    ...projectFiles(spec, templates, namespace),
    ...sourceFiles(spec),
    ...copied('src/lib/', templates.lib),
    ...copied('test/lib/', templates.testing),
    ...(spec.triggers.length > 0 ? copied('src/triggers/', templates.triggers) : []),
  ];
  assertUniquePaths(files);
  return {
    name: spec.name,
    version: spec.version,
    files: files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  };
}

function projectFiles(spec: ServerSpec, templates: TemplateFiles, namespace: string): PlannedFile[] {
  const variables = envVars(spec);
  const native = dependencySets(spec, templates).dependencies.includes('better-sqlite3');
  return [
    // Carries its own header (it is the file to edit), not the do-not-edit marker.
    { path: 'mcp.spec.yaml', content: specYaml(spec), ownership: 'generated' },
    generated('package.json', packageJson(spec, templates)),
    generated('tsconfig.json', tsconfigJson()),
    generated('server.json', serverJson(spec, variables, namespace)),
    generated('.env.example', envExample(variables)),
    generated('.gitignore', gitignore()),
    generated('.dockerignore', dockerignore()),
    generated('Dockerfile', dockerfile(spec, native)),
    generated('compose.yaml', composeYaml(spec, variables)),
    generated('README.md', readmeFile(spec, variables, toolNames(spec.tools))),
  ];
}

function sourceFiles(spec: ServerSpec): PlannedFile[] {
  const names = toolNames(spec.tools);
  const perTool = spec.tools.flatMap((tool, i) => {
    const n = names[i]!;
    const files = [generated(`src/tools/${n.stem}.ts`, toolFile(tool, n))];
    if (tool.implementation.type === 'handler')
      files.push(userFile(`src/handlers/${n.stem}.ts`, handlerStubFile(tool, n)));
    return files;
  });
  return [
    generated('src/index.ts', entryFile(spec.triggers.length > 0)),
    ...(spec.triggers.length > 0 ? [generated('src/triggers.gen.ts', triggersFile(spec))] : []),
    generated('src/config.gen.ts', configFile(spec)),
    generated('src/server.gen.ts', serverDefinitionFile()),
    generated('src/tools/index.gen.ts', toolsIndexFile(names)),
    ...perTool,
    generated('test/tools.test.ts', toolsTestFile(spec)),
  ];
}

function copied(prefix: string, tree: Readonly<Record<string, string>>): PlannedFile[] {
  return Object.keys(tree)
    .sort()
    .map((path) => generated(`${prefix}${path}`, tree[path]!));
}

function generated(path: string, content: string): PlannedFile {
  return { path, content: withMarker(path, content), ownership: 'generated' };
}

function userFile(path: string, content: string): PlannedFile {
  return { path, content: commentLine('ts', USER_FILE_NOTE) + content, ownership: 'user' };
}

function assertUniquePaths(files: readonly PlannedFile[]): void {
  const seen = new Set<string>();
  for (const file of files) {
    const key = file.path.toLowerCase();
    if (seen.has(key)) throw new FactoryError('INTERNAL', `two generated files share the path ${file.path}`);
    seen.add(key);
  }
}
