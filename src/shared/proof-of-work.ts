/**
 * The login's proof of work: find a nonce such that SHA-256(`challenge:nonce`) starts with `bits` zero bits.
 * SHA-256 is written out here (for short ASCII text) because the web app must solve it on plain-HTTP intranet
 * addresses too, where browsers offer no `crypto.subtle`; the server checks with the same function.
 */

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const W = new Uint32Array(64);

/** The first 32 bits of SHA-256 of an ASCII string (all a proof needs: at most 32 bits are asked for). */
export function sha256First32(text: string): number {
  const n = text.length;
  const blocks = ((n + 8) >> 6) + 1;
  const m = new Uint32Array(blocks * 16);
  for (let i = 0; i < n; i++) m[i >> 2]! |= (text.charCodeAt(i) & 0xff) << (24 - (i & 3) * 8);
  m[n >> 2]! |= 0x80 << (24 - (n & 3) * 8);
  m[blocks * 16 - 1] = n * 8;
  let h0 = 0x6a09e667, h1 = 0xbb67ae85, h2 = 0x3c6ef372, h3 = 0xa54ff53a, h4 = 0x510e527f, h5 = 0x9b05688c, h6 = 0x1f83d9ab, h7 = 0x5be0cd19;
  for (let b = 0; b < blocks; b++) {
    for (let i = 0; i < 16; i++) W[i] = m[b * 16 + i]!;
    for (let i = 16; i < 64; i++) {
      const x = W[i - 15]!, y = W[i - 2]!;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      W[i] = (W[i - 16]! + s0 + W[i - 7]! + s1) | 0;
    }
    let a = h0, bb = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[i]! + W[i]!) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & bb) ^ (a & c) ^ (bb & c))) | 0;
      h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = bb; bb = a; a = (t1 + t2) | 0;
    }
    h0 = (h0 + a) | 0; h1 = (h1 + bb) | 0; h2 = (h2 + c) | 0; h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0; h5 = (h5 + f) | 0; h6 = (h6 + g) | 0; h7 = (h7 + h) | 0;
  }
  return h0 >>> 0;
}

/** Whether `nonce` proves `bits` of work for `challenge`. */
export function provesWork(challenge: string, nonce: string, bits: number): boolean {
  if (bits <= 0) return true;
  if (bits > 32 || !/^[0-9]{1,12}$/.test(nonce)) return false;
  return sha256First32(`${challenge}:${nonce}`) >>> (32 - bits) === 0;
}

/** Find a nonce for `challenge` (≈ 2^bits tries); `yieldEvery` lets a browser breathe between rounds. */
export async function solveWork(challenge: string, bits: number, yieldEvery = 20_000): Promise<string> {
  for (let nonce = 0; ; nonce++) {
    if (provesWork(challenge, String(nonce), bits)) return String(nonce);
    if (nonce % yieldEvery === yieldEvery - 1) await new Promise((r) => setTimeout(r, 0));
  }
}
