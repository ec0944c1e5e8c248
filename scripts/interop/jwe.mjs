#!/usr/bin/env node
// JWE interop harness: cross-checks the Go JWE core (wasm/jwe) against
// jose, an independent implementation, in both directions, for every alg ×
// enc pair jose supports (and every ECDH-ES curve).
//
//   node jwe.mjs generate OUT.json   jose encrypts, Go decrypts
//   node jwe.mjs decrypt IN.json     Go encrypts, jose decrypts
//
// OUT.json is [{alg, enc, curve, zip, plaintext, token, key}], key being
// {secretB64url} | {password} | {privatePem, publicPem, privateJwk, publicJwk}.
// IN.json is [{name, alg, enc, token, key, expectPlaintext}] with key
// {secretB64url} | {password} | {privatePem}; each case is also tried with
// a changed tag, which jose must refuse as a decryption failure. Prints
// "ok   name" / "FAIL name: reason", then "N passed, M failed"; exits 1 on
// any failure or an empty array.

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import {
  CompactEncrypt,
  compactDecrypt,
  exportJWK,
  importPKCS8,
  importSPKI,
  base64url,
} from 'jose';

const ENCS = ['A128CBC-HS256', 'A192CBC-HS384', 'A256CBC-HS512', 'A128GCM', 'A192GCM', 'A256GCM'];
const CEK_BYTES = { 'A128CBC-HS256': 32, 'A192CBC-HS384': 48, 'A256CBC-HS512': 64, A128GCM: 16, A192GCM: 24, A256GCM: 32 };

// Every key management alg jose 6 has (RSA1_5 is gone from it: the Go core
// only decrypts it, checked against RFC 7516 A.2 and RFC 7520 §5.1).
const ALGS = [
  ...['RSA-OAEP', 'RSA-OAEP-256', 'RSA-OAEP-384', 'RSA-OAEP-512'].map((alg) => ({ alg, family: 'rsa' })),
  ...['A128KW', 'A192KW', 'A256KW'].map((alg) => ({ alg, family: 'oct', bytes: parseInt(alg.slice(1, 4), 10) / 8 })),
  ...['A128GCMKW', 'A192GCMKW', 'A256GCMKW'].map((alg) => ({ alg, family: 'oct', bytes: parseInt(alg.slice(1, 4), 10) / 8 })),
  { alg: 'dir', family: 'dir' },
  ...['ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW'].map((alg) => ({ alg, family: 'ecdh' })),
  ...['PBES2-HS256+A128KW', 'PBES2-HS384+A192KW', 'PBES2-HS512+A256KW'].map((alg) => ({ alg, family: 'pbes2' })),
];
const CURVES = ['P-256', 'P-384', 'P-521', 'X25519'];
const PBES2 = ALGS.filter((a) => a.family === 'pbes2').map((a) => a.alg);
const ALLOWED = ALGS.map((a) => a.alg);

const PASSWORD = 'Thus from my lips, by yours, my sin is purged.';

function plaintextFor(alg, enc) {
  return JSON.stringify({ sub: `interop-${alg}-${enc}`, name: 'Zoë ✓ <script>', n: 1.5, list: [1, 'two', null] });
}

function pemPair(family, curve) {
  const opts = { publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } };
  if (family === 'rsa') return generateKeyPairSync('rsa', { modulusLength: 2048, ...opts });
  if (curve === 'X25519') return generateKeyPairSync('x25519', opts);
  return generateKeyPairSync('ec', { namedCurve: { 'P-256': 'prime256v1', 'P-384': 'secp384r1', 'P-521': 'secp521r1' }[curve], ...opts });
}

async function generate(out) {
  const vectors = [];
  let n = 0;
  for (const { alg, family, bytes } of ALGS) {
    for (const curve of family === 'ecdh' ? CURVES : ['']) {
      let pair;
      if (family === 'rsa' || family === 'ecdh') pair = pemPair(family, curve);
      for (const enc of ENCS) {
        const zip = n++ % 2 === 1;
        const header = { alg, enc, kid: `k-${n}`, ...(zip && { zip: 'DEF' }) };
        const plaintext = plaintextFor(alg, enc);
        let encKey, key;
        if (pair) {
          encKey = await importSPKI(pair.publicKey, alg, { extractable: true });
          const privKey = await importPKCS8(pair.privateKey, alg, { extractable: true });
          key = { privatePem: pair.privateKey, publicPem: pair.publicKey, privateJwk: await exportJWK(privKey), publicJwk: await exportJWK(encKey) };
        } else if (family === 'pbes2') {
          encKey = new TextEncoder().encode(PASSWORD);
          key = { password: PASSWORD };
        } else {
          encKey = randomBytes(family === 'dir' ? CEK_BYTES[enc] : bytes);
          key = { secretB64url: base64url.encode(encKey) };
        }
        const token = await new CompactEncrypt(new TextEncoder().encode(plaintext)).setProtectedHeader(header).encrypt(encKey);
        vectors.push({ alg, enc, curve, zip, plaintext, token, key });
      }
    }
  }
  await writeFile(out, JSON.stringify(vectors, null, 1));
  console.log(`${vectors.length} tokens written`);
}

async function decryptingKey(c) {
  if (c.key.password !== undefined) return new TextEncoder().encode(c.key.password);
  if (c.key.secretB64url !== undefined) return base64url.decode(c.key.secretB64url);
  return importPKCS8(c.key.privatePem, c.alg);
}

function tamper(token) {
  const parts = token.split('.');
  parts[4] = (parts[4][0] === 'A' ? 'B' : 'A') + parts[4].slice(1);
  return parts.join('.');
}

async function decrypt(inPath) {
  const cases = JSON.parse(await readFile(inPath, 'utf8'));
  let passed = 0, failed = 0;
  const opts = { keyManagementAlgorithms: ALLOWED, maxPBES2Count: 1_000_000 };
  for (const c of cases) {
    try {
      const key = await decryptingKey(c);
      const { plaintext, protectedHeader } = await compactDecrypt(c.token, key, opts);
      const text = new TextDecoder().decode(plaintext);
      if (text !== c.expectPlaintext) throw new Error(`plaintext ${JSON.stringify(text)}, want ${JSON.stringify(c.expectPlaintext)}`);
      if (protectedHeader.alg !== c.alg || protectedHeader.enc !== c.enc) throw new Error(`header ${JSON.stringify(protectedHeader)}`);
      console.log(`ok   ${c.name}`); passed++;
    } catch (e) {
      console.log(`FAIL ${c.name}: ${e.code ?? ''} ${e.message}`); failed++;
    }
    try {
      await compactDecrypt(tamper(c.token), await decryptingKey(c), opts);
      console.log(`FAIL ${c.name} (changed tag): jose decrypted it`); failed++;
    } catch (e) {
      if (e.code === 'ERR_JWE_DECRYPTION_FAILED') { console.log(`ok   ${c.name} (changed tag refused)`); passed++; }
      else { console.log(`FAIL ${c.name} (changed tag): refused for another reason: ${e.code} ${e.message}`); failed++; }
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  if (failed > 0 || cases.length === 0) process.exit(1);
}

const [cmd, file] = process.argv.slice(2);
if (cmd === 'generate' && file) await generate(file);
else if (cmd === 'decrypt' && file) await decrypt(file);
else { console.error('usage: node jwe.mjs generate OUT.json | decrypt IN.json'); process.exit(2); }
