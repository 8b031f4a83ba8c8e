const { checkHealth, loadHealthClient } = await import('../../src/targets/local/health-check.js');
const { spawn } = await import('node:child_process');
const t = performance.now();
await loadHealthClient();
console.log('load+warm', Math.round(performance.now() - t));
async function run(port: number) {
  const c = spawn(
    'node',
    ['test/targets/fixtures/echo-server.mjs', '--transport', 'http', '--port', String(port)],
    { stdio: 'ignore' },
  );
  const ts = performance.now();
  for (;;) {
    const t0 = performance.now();
    const r = await checkHealth(`http://127.0.0.1:${port}/mcp`);
    if (r.ok) {
      console.log(
        port,
        'ready at',
        Math.round(performance.now() - ts),
        'last check',
        Math.round(performance.now() - t0),
      );
      break;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  c.kill();
}
await run(45112);
await run(45113);
