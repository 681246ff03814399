// Serves the fixture web on loopback until stopped, and prints the --resolve flags and seed URLs
// to crawl it by hand:  node dist/scripts/serve-fixtures.js [--port 8080] [--latency 0]
import { FixtureServer } from '../src/fixture-server/index.js';
import { fixtureResolveArgs, fixtureSiteList } from '../src/pipeline/fixture-sites.js';

const arg = (name: string): number | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : undefined;
};
const server = await new FixtureServer({ port: arg('--port') ?? 0, latencyMs: arg('--latency') ?? 0 }).start();
const flags = fixtureResolveArgs(server).map((r) => `--resolve ${r}`).join(' ');
process.stdout.write(`fixture web on ${server.address}:${server.port}\nRESOLVE="${flags}"\n`);
for (const s of fixtureSiteList(server)) process.stdout.write(`${s.manifest.slug}\t${s.url}\t${s.name}\n`);
const stop = (): void => void server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
