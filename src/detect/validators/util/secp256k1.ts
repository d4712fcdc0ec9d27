/** Order n of the secp256k1 group: a private key is a scalar in [1, n). */
export const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

export function isValidSecp256k1Scalar(k: bigint): boolean {
  return k > 0n && k < SECP256K1_N;
}
