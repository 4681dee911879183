/** In-browser half of the verify benchmark: fetches the results and verifies them all. */
import { bundleHash, checkBatch, validateBundle, verifyResult, type VerifyContext } from '../../src/core/index.ts';

async function runBenchmark(): Promise<void> {
  const [bundleDoc, teamKey, results] = (await Promise.all(
    ['bundle.json', 'team-key.public.json', 'results.json'].map((f) => fetch(`/data/${f}`).then((r) => r.json())),
  )) as [unknown, { signing: { kid: string; jwk: JsonWebKey } }, string[]];
  const context: VerifyContext = {
    bundles: [{ bundle: validateBundle(bundleDoc), hash: await bundleHash(bundleDoc) }],
    teamKeys: [teamKey.signing as never],
  };
  const started = performance.now();
  const reports = [];
  for (const text of results) reports.push(await verifyResult(text, context));
  checkBatch(reports);
  const ms = performance.now() - started;
  const failed = reports.filter((r) => r.verdict === 'fail').length;
  (window as unknown as { __bench: unknown }).__bench = { ms, files: results.length, failed };
}

void runBenchmark();
