/** Small project files: tsconfig.json, .gitignore, .dockerignore, .env.example, mcp.spec.yaml. */
import type { ServerSpec } from '../../spec/types.js';
import type { EnvVar } from '../env-vars.js';
import { stableJson, stableYaml } from './serialize.js';

/** The same strict settings the factory compiles its runtime templates with. */
export function tsconfigJson(): string {
  return stableJson({
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      lib: ['ES2023'],
      types: ['node'],
      strict: true,
      noUncheckedIndexedAccess: true,
      verbatimModuleSyntax: true,
      noImplicitOverride: true,
      noFallthroughCasesInSwitch: true,
      isolatedModules: true,
      esModuleInterop: true,
      skipLibCheck: true,
      resolveJsonModule: true,
      sourceMap: true,
      rootDir: '.',
      outDir: 'dist',
    },
    include: ['src', 'test'],
  });
}

export function gitignore(): string {
  return ['node_modules/', 'dist/', '.env', '*.log', ''].join('\n');
}

export function dockerignore(): string {
  return ['node_modules', 'dist', '.env', '.git', '*.log', ''].join('\n');
}

/** One commented block per variable; secrets are listed with an empty value, never an example. */
export function envExample(variables: readonly EnvVar[]): string {
  const blocks = variables.map((v) => {
    const flags = [v.required ? 'required' : 'optional', ...(v.secret ? ['secret'] : [])].join(', ');
    const value = v.secret ? '' : (v.example ?? '');
    const line = `${v.name}=${value}`;
    // Optional settings stay commented out so copying the file to .env changes nothing by itself.
    return `# ${oneLine(v.description)} (${flags})\n${v.required ? line : `# ${line}`}\n`;
  });
  return `# Copy to .env and fill in. Never commit .env.\n\n${blocks.join('\n')}`;
}

function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029\u0085]+/g, ' ');
}

/** The normalized spec the project was made from; regenerating from it gives the same project. */
export function specYaml(spec: ServerSpec): string {
  const how = [
    '# The normalized spec this server was generated from (every default written out). To change the server,',
    '# edit it, bump its version, and run: mcp-factory create --spec mcp.spec.yaml --out .',
  ];
  return `${how.join('\n')}\n${stableYaml(spec)}`;
}
