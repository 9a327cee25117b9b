/**
 * A password-protected workbook as Excel's "Encrypt with Password" writes it, for tests of what reads .xlsx files:
 * the workbook's zip encrypted by ECMA-376 agile encryption (AES-256-CBC, SHA-512, 100,000 spins, with the HMAC
 * data integrity) in the EncryptionInfo and EncryptedPackage streams of an OLE compound file (MS-CFB, version 3).
 * It is real: msoffcrypto-tool decrypts it with the password to the same workbook (checked when this was written;
 * Excel's optional \x06DataSpaces storage is not written, as other encryptors leave it out too).
 */
import { createCipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

const sha512 = (...parts: Buffer[]) => createHash('sha512').update(Buffer.concat(parts)).digest();
const u32 = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32LE(n); return b; };

function aes(key: Buffer, iv: Buffer, data: Buffer): Buffer {
  const c = createCipheriv('aes-256-cbc', key, iv);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(data), c.final()]);
}
/** Zero-padded to a multiple of the block size (16). */
const padded = (b: Buffer, to = 16) => (b.length % to === 0 ? b : Buffer.concat([b, Buffer.alloc(to - (b.length % to))]));

const BLOCK = {
  verifierInput: Buffer.from('fea7d2763b4b9e79', 'hex'),
  verifierValue: Buffer.from('d7aa0f6d3061344e', 'hex'),
  keyValue: Buffer.from('146e0be7abacd0d6', 'hex'),
  hmacKey: Buffer.from('5fb2ad010cb9e1f6', 'hex'),
  hmacValue: Buffer.from('a0677f02b22c8433', 'hex'),
};

/** The agile-encrypted streams of a package (the .xlsx zip) under a password. */
export function agileEncrypt(pkg: Buffer, password: string): { encryptionInfo: Buffer; encryptedPackage: Buffer } {
  const spin = 100_000;
  const keySalt = randomBytes(16);
  const passwordSalt = randomBytes(16);
  const secretKey = randomBytes(32);
  // The key from the password (MS-OFFCRYPTO 2.3.4.11), one per block key.
  let h = sha512(passwordSalt, Buffer.from(password, 'utf16le'));
  for (let i = 0; i < spin; i++) h = sha512(u32(i), h);
  const passwordKey = (block: Buffer) => sha512(h, block).subarray(0, 32);
  const verifierInput = randomBytes(16);
  const encryptedVerifierHashInput = aes(passwordKey(BLOCK.verifierInput), passwordSalt, verifierInput);
  const encryptedVerifierHashValue = aes(passwordKey(BLOCK.verifierValue), passwordSalt, sha512(verifierInput));
  const encryptedKeyValue = aes(passwordKey(BLOCK.keyValue), passwordSalt, secretKey);
  // The package in 4,096-byte segments, each with its own IV, after its length.
  const segments: Buffer[] = [];
  for (let i = 0, k = 0; i < pkg.length; i += 4096, k++) {
    segments.push(aes(secretKey, sha512(keySalt, u32(k)).subarray(0, 16), padded(pkg.subarray(i, i + 4096))));
  }
  const size = Buffer.alloc(8);
  size.writeBigUInt64LE(BigInt(pkg.length));
  const encryptedPackage = Buffer.concat([size, ...segments]);
  // Data integrity: an HMAC of the whole EncryptedPackage stream, its key and value encrypted with the secret key.
  const hmacKey = randomBytes(64);
  const hmacValue = createHmac('sha512', hmacKey).update(encryptedPackage).digest();
  const encryptedHmacKey = aes(secretKey, sha512(keySalt, BLOCK.hmacKey).subarray(0, 16), hmacKey);
  const encryptedHmacValue = aes(secretKey, sha512(keySalt, BLOCK.hmacValue).subarray(0, 16), hmacValue);
  const b64 = (b: Buffer) => b.toString('base64');
  const params = 'blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512"';
  const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    + '<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password" xmlns:c="http://schemas.microsoft.com/office/2006/keyEncryptor/certificate">'
    + `<keyData saltSize="16" ${params} saltValue="${b64(keySalt)}"/>`
    + `<dataIntegrity encryptedHmacKey="${b64(encryptedHmacKey)}" encryptedHmacValue="${b64(encryptedHmacValue)}"/>`
    + '<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password">'
    + `<p:encryptedKey spinCount="${spin}" saltSize="16" ${params} saltValue="${b64(passwordSalt)}" encryptedVerifierHashInput="${b64(encryptedVerifierHashInput)}" encryptedVerifierHashValue="${b64(encryptedVerifierHashValue)}" encryptedKeyValue="${b64(encryptedKeyValue)}"/>`
    + '</keyEncryptor></keyEncryptors></encryption>';
  // Version 4.4, flags 0x40 (agile), then the XML.
  const encryptionInfo = Buffer.concat([Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]), Buffer.from(xml, 'utf8')]);
  return { encryptionInfo, encryptedPackage };
}

const FREE = 0xffffffff;
const END = 0xfffffffe;
const FATSECT = 0xfffffffd;
const SECTOR = 512;
const MINI = 64;
const CUTOFF = 4096;

/**
 * An OLE compound file (MS-CFB version 3, 512-byte sectors) holding streams at its root: those under 4,096 bytes in the
 * mini stream, the others in sectors of their own.
 */
export function compoundFile(streams: Array<{ name: string; data: Buffer }>): Buffer {
  const sectors = (n: number, size = SECTOR) => Math.ceil(n / size);
  const small = streams.filter((s) => s.data.length < CUTOFF);
  const big = streams.filter((s) => s.data.length >= CUTOFF);
  // The mini stream and its FAT.
  const miniStart = new Map<string, number>();
  const miniFat: number[] = [];
  const miniParts: Buffer[] = [];
  for (const s of small) {
    const n = sectors(s.data.length, MINI);
    miniStart.set(s.name, n ? miniFat.length : END);
    for (let k = 0; k < n; k++) miniFat.push(k === n - 1 ? END : miniFat.length + 1);
    miniParts.push(padded(s.data, MINI));
  }
  const miniStream = padded(Buffer.concat(miniParts), SECTOR);
  const miniFatBytes = padded(Buffer.concat(miniFat.map(u32)), SECTOR);
  const entries = 1 + streams.length;
  const dirSectors = sectors(entries * 128);
  const rest = dirSectors + miniFatBytes.length / SECTOR + miniStream.length / SECTOR + big.reduce((n, s) => n + sectors(s.data.length), 0);
  let fatSectors = 1;
  while (fatSectors * (SECTOR / 4) < rest + fatSectors) fatSectors++;
  if (fatSectors > 109) throw new Error('compoundFile: too big for a file without DIFAT sectors');
  // Sector layout: FAT, directory, mini FAT, mini stream, then each big stream.
  const fat: number[] = [];
  const chain = (n: number) => { const first = fat.length; for (let k = 0; k < n; k++) fat.push(k === n - 1 ? END : fat.length + 1); return n ? first : END; };
  for (let k = 0; k < fatSectors; k++) fat.push(FATSECT);
  const dirStart = chain(dirSectors);
  const miniFatStart = chain(miniFatBytes.length / SECTOR);
  const miniStreamStart = chain(miniStream.length / SECTOR);
  const bigStart = new Map(big.map((s) => [s.name, chain(sectors(s.data.length))]));
  while (fat.length < fatSectors * (SECTOR / 4)) fat.push(FREE);

  // The directory: the root, then the streams as a binary search tree of right siblings in the order CFB compares names
  // (shorter first, then by upper case).
  const sorted = [...streams].sort((a, b) => a.name.length - b.name.length || (a.name.toUpperCase() < b.name.toUpperCase() ? -1 : 1));
  const entry = (name: string, type: number, child: number, right: number, start: number, size: number) => {
    const e = Buffer.alloc(128);
    const n = Buffer.from(name + '\0', 'utf16le');
    n.copy(e, 0);
    e.writeUInt16LE(n.length, 64);
    e[66] = type;
    e[67] = 1; // black
    e.writeUInt32LE(FREE, 68);
    e.writeUInt32LE(right, 72);
    e.writeUInt32LE(child, 76);
    e.writeUInt32LE(start, 116);
    e.writeUInt32LE(size, 120);
    return e;
  };
  const dir = [entry('Root Entry', 5, sorted.length ? 1 : FREE, FREE, miniStream.length ? miniStreamStart : END, Buffer.concat(miniParts).length)];
  sorted.forEach((s, i) => {
    const start = s.data.length < CUTOFF ? miniStart.get(s.name)! : bigStart.get(s.name)!;
    dir.push(entry(s.name, 2, FREE, i + 1 < sorted.length ? i + 2 : FREE, start, s.data.length));
  });
  const dirBytes = Buffer.alloc(dirSectors * SECTOR);
  dir.forEach((e, i) => e.copy(dirBytes, i * 128));
  for (let i = dir.length; i < dirSectors * 4; i++) { dirBytes.writeUInt32LE(FREE, i * 128 + 68); dirBytes.writeUInt32LE(FREE, i * 128 + 72); dirBytes.writeUInt32LE(FREE, i * 128 + 76); }

  const header = Buffer.alloc(SECTOR);
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(header, 0);
  header.writeUInt16LE(0x3e, 24);
  header.writeUInt16LE(3, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  header.writeUInt16LE(6, 32);
  header.writeUInt32LE(fatSectors, 44);
  header.writeUInt32LE(dirStart, 48);
  header.writeUInt32LE(CUTOFF, 56);
  header.writeUInt32LE(miniFat.length ? miniFatStart : END, 60);
  header.writeUInt32LE(miniFatBytes.length / SECTOR, 64);
  header.writeUInt32LE(END, 68);
  for (let k = 0; k < 109; k++) header.writeUInt32LE(k < fatSectors ? k : FREE, 76 + k * 4);
  return Buffer.concat([header, Buffer.concat(fat.map(u32)), dirBytes, miniFatBytes, miniStream, ...big.map((s) => padded(s.data, SECTOR))]);
}

/** A workbook (.xlsx bytes) protected by a password, as Excel saves it. */
export function encryptedWorkbook(xlsx: Buffer, password: string): Buffer {
  const { encryptionInfo, encryptedPackage } = agileEncrypt(xlsx, password);
  return compoundFile([{ name: 'EncryptionInfo', data: encryptionInfo }, { name: 'EncryptedPackage', data: encryptedPackage }]);
}
