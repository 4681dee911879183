/** Generates N signed, invited results of about 50 KB for the verify benchmark. */
import { readFile } from 'node:fs/promises';
import { createTeamKey, loadBundleText, mintInvite, type TeamKeyFile } from '../src/core/index.ts';
import { simulateResult } from '../scripts/simulate-result.ts';

export async function makeResults(
  count: number,
): Promise<{ bundleText: string; texts: string[]; team: TeamKeyFile; signMs: number[] }> {
  const bundleText = await readFile('exercises/code-review.json', 'utf8');
  const loaded = await loadBundleText(bundleText);
  const team = await createTeamKey('Bench team', 'a benchmark passphrase');
  const texts: string[] = [];
  const signMs: number[] = [];
  const startedAt = Date.UTC(2026, 10, 20, 9, 0, 0);
  for (let i = 0; i < count; i++) {
    const invite = await mintInvite(
      { privateKey: team.keys.signing, kid: team.keys.file.signing.kid },
      {
        sub: `candidate${i}@example.org`,
        name: `Candidate ${i}`,
        email: `candidate${i}@example.org`,
        bundle: loaded.hash,
        nbf: startedAt / 1000 - 3600,
        exp: startedAt / 1000 + 30 * 24 * 3600,
        dur: loaded.bundle.timeLimitMinutes,
      },
    );
    const t0 = performance.now();
    const { result } = await simulateResult({
      bundle: loaded.bundle,
      bundleHash: loaded.hash,
      candidate: { name: `Candidate ${i}`, email: `candidate${i}@example.org` },
      invite,
      startedAt: startedAt + i * 60_000,
      minutes: 38,
      critiqueLength: 2400,
      seed: i + 1,
    });
    signMs.push(performance.now() - t0);
    texts.push(`${JSON.stringify(result, null, 2)}\n`);
  }
  return { bundleText, texts, team: team.keys.file, signMs };
}
