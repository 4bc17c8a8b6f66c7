import type { Config } from '../config.js';
import { openDatabase } from '../store/database.js';
import { describeAuditBreak } from '../store/audit-verify.js';
import { verifyAuditChainInParallel } from '../store/audit-verify-parallel.js';
import type { CliIo } from './program.js';

/** `ombuds audit verify`: reads only; prints the count checked and the first break, exit 1 on any. */
export async function auditVerifyCommand(config: Config, io: CliIo): Promise<number> {
  const database = await openDatabase(config.database, { create: false, readOnly: true });
  try {
    let lastReport = Date.now();
    const result = await verifyAuditChainInParallel(database, config.database, {
      onProgress: (checked) => {
        if (Date.now() - lastReport >= 1000) {
          lastReport = Date.now();
          io.err(`checked ${checked} entries…`);
        }
      },
    });
    if (result.firstBreak === null) {
      io.out(`audit log intact: ${result.checked} entries checked`);
      return 0;
    }
    io.out(
      `audit log BROKEN at entry ${result.firstBreak.seq}: ${describeAuditBreak(result.firstBreak)}`,
    );
    io.out(`${result.checked} entries checked before the break`);
    return 1;
  } finally {
    await database.close();
  }
}
