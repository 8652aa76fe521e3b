/**
 * One measured synth (child process of bench/synth.ts, so that peak RSS is this run's alone).
 * Usage: tsx bench/synth-once.ts <environmentsDir> <manifestsDir>
 */
import { synthesizeAll } from '../charts/pipeline/pipeline';
import { synthOptions } from '../charts/synth-config';

const [environmentsDir, manifestsDir] = process.argv.slice(2);
const started = process.hrtime.bigint();
const result = synthesizeAll(synthOptions({ environmentsDir, manifestsDir }));
const ms = Number(process.hrtime.bigint() - started) / 1e6;
console.log(JSON.stringify({ ms, objects: result.objects, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
