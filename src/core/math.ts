/** Small number-theory helpers for modular arithmetic datasets. */

export function isPrime(n: number): boolean {
  if (!Number.isInteger(n) || n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}

/** a mod p in [0, p), also for negative a. */
export function mod(a: number, p: number): number {
  return ((a % p) + p) % p;
}

/** Multiplicative inverse of b mod prime p (b ≠ 0), by Fermat: b^(p-2). */
export function modInverse(b: number, p: number): number {
  let result = 1;
  let base = mod(b, p);
  let exp = p - 2;
  while (exp > 0) {
    if (exp & 1) result = (result * base) % p;
    base = (base * base) % p;
    exp >>= 1;
  }
  return result;
}
