import { z } from 'zod';

/**
 * The one time format of the domain: an ISO-8601 instant in UTC with a `Z`
 * (`2025-03-01T09:00:00.000Z`, as `Date.prototype.toISOString` writes it). Local times and offsets
 * are refused, so that two instants always compare the same way and persist as they are.
 */
export const isoInstant = z.iso.datetime();
