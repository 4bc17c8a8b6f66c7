#!/usr/bin/env node
import { runCli } from './program.js';

// The `ombuds` command. Everything it does is in program.ts so that tests can run it in-process.
const code = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
});
process.exitCode = code;
