import type { Config } from '../config.js';
import { startOmbuds } from '../main.js';
import type { CliIo } from './program.js';
import { describeDatabase } from './describe-database.js';

/** `ombuds serve`: starts and stays up until SIGINT or SIGTERM, then closes cleanly. */
export async function serveCommand(config: Config, io: CliIo): Promise<number> {
  const running = await startOmbuds(config);
  io.out(
    `ombuds is serving ${running.address} (${describeDatabase(config)}); public address ${config.publicUrl}`,
  );
  return new Promise<number>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      io.out(`${signal}: closing`);
      running.close().then(
        () => resolve(0),
        (error: unknown) => {
          io.err(
            `ombuds: error while closing: ${error instanceof Error ? error.message : String(error)}`,
          );
          resolve(1);
        },
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
