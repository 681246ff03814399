/** Fixture web for tests, the demo and benchmarks: see fixtures/README.md. */
export { FixtureServer } from './fixture-server.js';
export type { FixtureServerOptions } from './options.js';
export { defaultSitesDir, findRepoRoot, isLoopbackV4 } from './options.js';
export type { Behaviour, BehaviourKind } from './behaviour.js';
export { validateBehaviour } from './behaviour.js';
export { ServerStats, type RequestRecord } from './server-stats.js';
export type { SiteManifest, SiteExpect } from './site-manifest.js';
export { generateFarm, generateSite, farmHost, type GenerateFarmOptions } from './generate-farm.js';
export { startFarm, farmAddress, type Farm, type FarmSite, type StartFarmOptions } from './farm.js';
export { loopbackRequest, type LoopbackRequest, type LoopbackResponse } from './loopback-request.js';
