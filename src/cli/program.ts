import { Command, CommanderError } from 'commander';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { OmbudsError } from '../domain/errors.js';
import { roles } from '../domain/roles.js';
import { auditVerifyCommand } from './audit.command.js';
import { migrateCommand } from './migrate.command.js';
import { serveCommand } from './serve.command.js';
import { userAddCommand, userDisableCommand, userListCommand } from './user.command.js';

export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly env: NodeJS.ProcessEnv;
}

/** Exit codes: 0 done, 1 refused or failed (one line on stderr says why), 2 bad usage. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const config = (): Config => loadConfig(io.env);
  let exitCode = 0;
  const run = (command: () => Promise<number>) => async () => {
    exitCode = await command();
  };
  const program = new Command('ombuds')
    .description('ombuds: code-of-conduct reports and cases for an open-source foundation')
    .configureOutput({
      writeOut: (text) => io.out(text.trimEnd()),
      writeErr: (text) => io.err(text.trimEnd()),
    })
    .showHelpAfterError('(run "ombuds --help" for the commands)')
    .exitOverride();

  program
    .command('serve')
    .description('migrate the database if needed and serve the web application')
    .addHelpText('after', environmentHelp)
    .action(run(() => serveCommand(config(), io)));
  program
    .command('migrate')
    .description('bring the database schema up to this version of ombuds')
    .addHelpText('after', environmentHelp)
    .action(run(() => migrateCommand(config(), io)));
  program
    .command('audit')
    .description('work with the hash-chained audit log')
    .command('verify')
    .description('check every audit entry and link; exit 1 and name the first break if any')
    .addHelpText('after', environmentHelp)
    .action(run(() => auditVerifyCommand(config(), io)));
  addUserCommands(program, config, run, io);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportFailure(error, io);
  }
}

/** `ombuds user add | list | disable`: staff accounts from the command line. */
function addUserCommands(
  program: Command,
  config: () => Config,
  run: (command: () => Promise<number>) => () => Promise<void>,
  io: CliIo,
): void {
  const user = program.command('user').description('manage staff accounts');
  user
    .command('add')
    .description('create a staff user and print their one-time enrolment link (valid 72 hours)')
    .requiredOption(
      '--username <username>',
      'their user name: 2 to 64 letters, digits, ".", "-", "_"',
    )
    .requiredOption('--name <display name>', 'their name as staff see it')
    .option(
      '--role <role>',
      `a role, repeated for several: ${roles.join(', ')}`,
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .addHelpText(
      'after',
      `\nExample (the first administrator):\n  ombuds user add --username ada --name "Ada Lovelace" --role administrator\n${environmentHelp}`,
    )
    .action((options: { username: string; name: string; role: string[] }) =>
      run(() => userAddCommand(config(), io, options))(),
    );
  user
    .command('list')
    .description('list staff users: user name, status, roles, name')
    .addHelpText('after', environmentHelp)
    .action(run(() => userListCommand(config(), io)));
  user
    .command('disable')
    .description('disable a staff user and end every session of the account')
    .argument('<username>', 'the user name to disable')
    .addHelpText('after', environmentHelp)
    .action((username: string) => run(() => userDisableCommand(config(), io, username))());
}

function reportFailure(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    // Help and version are "errors" to commander; they already printed what was asked.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof ConfigError) {
    for (const problem of error.problems) io.err(`ombuds: ${problem}`);
    return 1;
  }
  if (error instanceof OmbudsError) {
    io.err(`ombuds: ${error.message}`);
    return 1;
  }
  io.err(`ombuds: unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
}

const environmentHelp = `
Environment:
  OMBUDS_DATA_DIR             folder for the SQLite file and the key file (default ./data)
  OMBUDS_DATABASE_URL         sqlite:<path> or postgres://user@host:port/database
                              (default sqlite:<OMBUDS_DATA_DIR>/ombuds.sqlite)
  OMBUDS_LISTEN               host:port to serve on (default 127.0.0.1:8080)
  OMBUDS_PUBLIC_URL           the address people use, e.g. https://conduct.example.org
  OMBUDS_KEY_ENCRYPTION_KEY   keys from the environment instead of the key file
  OMBUDS_BLIND_INDEX_KEY      (both or neither; see README, "Keys")
  OMBUDS_FOUNDATION_NAME      shown on public pages (default "the Foundation")
  OMBUDS_EMERGENCY_CONTACT    shown beside the advice to call local emergency services
  OMBUDS_CONDUCT_STAFF        staff named on /guidelines: "Name <e-mail> phone; Name2 <e-mail2>"
  OMBUDS_QUICK_EXIT_URL       where the quick exit leads (default https://www.wikipedia.org/)
  OMBUDS_REPORTS_PER_HOUR     reports one client may send an hour (default 20)
  OMBUDS_LOG_LEVEL            fatal, error, warn, info (default), debug or silent`;
