import { fixtureArtifact, testHome } from './local/helpers.js';

const env = testHome();
const t = env.target;
for (const transport of ['http', 'http', 'stdio'] as const) {
  const t0 = Date.now();
  const info = await t.deploy(fixtureArtifact('x'), { transport });
  console.log('deploy', transport, Date.now() - t0, 'start', new Date(t0).toISOString());
  for await (const l of t.logs('x')) console.log(l);
  await t.remove('x');
}
await env.cleanup();
