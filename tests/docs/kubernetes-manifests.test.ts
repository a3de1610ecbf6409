/**
 * examples/kubernetes without a cluster: each manifest is checked against the Kubernetes API's
 * JSON schema (kubernetes-models, generated from the OpenAPI spec of Kubernetes 1.27), and the
 * shell commands of the sweep and merge Jobs are run here, one per completion index, as the pods
 * would run them (povsim on the PATH, the povsim folder as working folder), on a tiny sweep; the
 * merged files must be one machine's. What this does not test is said in examples/kubernetes/README.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { Job } from 'kubernetes-models/batch/v1';
import { PersistentVolumeClaim } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { povsim, tempDir } from '../cli/helpers.js';

const ROOT = process.cwd();
const SWEEP = 'tests/docs/fixtures/tiny-sweep.yaml';

interface Container {
  env: { name: string; value: string }[];
  command: string[];
  args: string[];
  resources: { requests: { cpu: string } };
}

function manifest(file: string): Record<string, unknown> {
  return parse(readFileSync(join(ROOT, 'examples/kubernetes', file), 'utf8')) as Record<string, unknown>;
}

function container(job: Record<string, unknown>): Container {
  return (job as { spec: { template: { spec: { containers: Container[] } } } }).spec.template.spec.containers[0]!;
}

const envValue = (c: Container, name: string): string | undefined => c.env.find((e) => e.name === name)?.value;

describe('examples/kubernetes', () => {
  it('manifests pass the Kubernetes API schema, and the schema check catches a wrong field', () => {
    for (const file of ['sweep-job.yaml', 'merge-job.yaml']) {
      const doc = manifest(file);
      expect([doc['apiVersion'], doc['kind']]).toEqual(['batch/v1', 'Job']);
      expect(() => new Job(doc).validate(), file).not.toThrow();
    }
    const pvc = manifest('pvc.yaml');
    expect([pvc['apiVersion'], pvc['kind']]).toEqual(['v1', 'PersistentVolumeClaim']);
    expect(() => new PersistentVolumeClaim(pvc).validate()).not.toThrow();
    const broken = manifest('sweep-job.yaml');
    (broken['spec'] as Record<string, unknown>)['completionMode'] = 'Indexd';
    expect(() => new Job(broken).validate()).toThrow(/completionMode/);
  });

  it('keeps N and the workers consistent: completions = SHARDS in both Jobs, --workers = the CPU request', () => {
    const sweep = manifest('sweep-job.yaml') as { spec: { completions: number } };
    const shards = Number(envValue(container(sweep), 'SHARDS'));
    expect(sweep.spec.completions).toBe(shards);
    expect(Number(envValue(container(manifest('merge-job.yaml')), 'SHARDS'))).toBe(shards);
    const workers = /--workers (\d+)/.exec(container(sweep).args.join(' '))?.[1];
    expect(workers).toBe(container(sweep).resources.requests.cpu);
  });

  it('the Jobs\' commands, run once per completion index and then the merge, give one machine\'s results', () => {
    const dir = tempDir('povsim-k8s-');
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    symlinkSync(join(ROOT, 'bin/povsim.js'), join(bin, 'povsim'));
    const shards = 3;
    const podEnv = (c: Container, extra: Record<string, string>): NodeJS.ProcessEnv => ({
      ...process.env, CI: '1', PATH: `${bin}:${process.env['PATH'] ?? ''}`,
      ...Object.fromEntries(c.env.map((e) => [e.name, e.value])),
      SHARDS: String(shards), SWEEP, OUT: join(dir, 'results/tiny'), ...extra,
    });
    const runPod = (c: Container, extra: Record<string, string>): void => {
      const [shell, ...flags] = c.command;
      const ran = spawnSync(shell!, [...flags, ...c.args], { cwd: ROOT, env: podEnv(c, extra), encoding: 'utf8' });
      expect(ran.status, ran.stderr).toBe(0);
    };
    const sweep = container(manifest('sweep-job.yaml'));
    for (let index = 0; index < shards; index++) runPod(sweep, { JOB_COMPLETION_INDEX: String(index) });
    runPod(container(manifest('merge-job.yaml')), {});

    const one = povsim(['sweep', SWEEP, '--workers', '1', '--no-charts', '--out', join(dir, 'one-machine')]);
    expect(one.code, one.stderr).toBe(0);
    for (const file of ['results.csv', 'design.csv']) {
      expect(readFileSync(join(dir, 'results/tiny', file)).equals(readFileSync(join(dir, 'one-machine', file))), file).toBe(true);
    }
  }, 180_000);
});
