import { signInLimits } from '../domain/staff-accounts.js';

export interface ThrottleLimits {
  readonly perAccount: number;
  readonly perAddress: number;
  readonly windowMs: number;
}

/**
 * Counts sign-in guesses per account and per client address, in memory, over a sliding window.
 * `reserve` checks and counts in one synchronous step, before any password is verified, so fifty
 * parallel requests cannot all pass a check made before any of them is counted. Held per server
 * process: several app servers each allow the limit (stated in the README).
 */
export class SignInThrottle {
  readonly #accounts = new Map<string, number[]>();
  readonly #addresses = new Map<string, number[]>();
  readonly #limits: ThrottleLimits;
  readonly #maxKeys: number;

  constructor(limits: ThrottleLimits = signInLimits, maxKeys = 100_000) {
    this.#limits = limits;
    this.#maxKeys = maxKeys;
  }

  /**
   * Counts one guess for the account and the address at `now` (ms), or returns false without
   * counting when either has used its guesses for the window.
   */
  reserve(account: string, address: string, now: number): boolean {
    const accountKey = account.slice(0, 128);
    const addressKey = addressGroup(address);
    const byAccount = this.#recent(this.#accounts, accountKey, now);
    const byAddress = this.#recent(this.#addresses, addressKey, now);
    if (byAccount.length >= this.#limits.perAccount) return false;
    if (byAddress.length >= this.#limits.perAddress) return false;
    byAccount.push(now);
    byAddress.push(now);
    this.#store(this.#accounts, accountKey, byAccount, now);
    this.#store(this.#addresses, addressKey, byAddress, now);
    return true;
  }

  /** How many accounts and addresses are tracked (bounded by maxKeys each). */
  get trackedKeys(): { readonly accounts: number; readonly addresses: number } {
    return { accounts: this.#accounts.size, addresses: this.#addresses.size };
  }

  /** Gives back the guess of a sign-in that succeeded: only failures count against a person. */
  refund(account: string, address: string, at: number): void {
    for (const [map, key] of [
      [this.#accounts, account.slice(0, 128)],
      [this.#addresses, addressGroup(address)],
    ] as const) {
      const times = map.get(key);
      const index = times?.lastIndexOf(at) ?? -1;
      if (times && index >= 0) times.splice(index, 1);
    }
  }

  #recent(map: Map<string, number[]>, key: string, now: number): number[] {
    const since = now - this.#limits.windowMs;
    return (map.get(key) ?? []).filter((time) => time > since);
  }

  #store(map: Map<string, number[]>, key: string, times: number[], now: number): void {
    map.delete(key);
    map.set(key, times);
    if (map.size <= this.#maxKeys) return;
    const since = now - this.#limits.windowMs;
    for (const [other, otherTimes] of map) {
      if (otherTimes.every((time) => time <= since)) map.delete(other);
    }
    // Still full of live entries: drop the least recently used, never the one just counted.
    for (const other of map.keys()) {
      if (map.size <= this.#maxKeys) break;
      if (other !== key) map.delete(other);
    }
  }
}

/**
 * The unit an address limit applies to: an IPv4 address, or the /64 network of an IPv6 address
 * (one host usually holds a whole /64, so counting single IPv6 addresses would limit nothing).
 */
export function addressGroup(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const headParts = head === '' ? [] : head.split(':');
  const tailParts = tail === '' ? [] : tail.split(':');
  const groups = address.includes('::')
    ? [
        ...headParts,
        ...Array<string>(Math.max(0, 8 - headParts.length - tailParts.length)).fill('0'),
        ...tailParts,
      ]
    : headParts;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
