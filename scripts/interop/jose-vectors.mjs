#!/usr/bin/env node
// Interop harness: cross-checks the Go token core against jose, an
// independent JWT implementation, in both directions.
//
//   node jose-vectors.mjs generate OUT.json   jose signs, Go verifies
//   node jose-vectors.mjs verify IN.json      Go signs, jose verifies
//
// See README.md for the JSON shapes.

import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import {
  SignJWT,
  base64url,
  calculateJwkThumbprint,
  exportJWK,
  exportPKCS8,
  exportSPKI,
  generateKeyPair,
  generateSecret,
  importJWK,
  importSPKI,
  jwtVerify,
} from 'jose';

// Every JWS algorithm the playground supports, with the key family that
// decides which extra key encodings a vector carries. The EC curve and the
// HMAC secret length (32/48/64 bytes) follow from the algorithm in jose.
const ALGORITHMS = [
  { alg: 'HS256', family: 'hmac' },
  { alg: 'HS384', family: 'hmac' },
  { alg: 'HS512', family: 'hmac' },
  { alg: 'RS256', family: 'rsa' },
  { alg: 'RS384', family: 'rsa' },
  { alg: 'RS512', family: 'rsa' },
  { alg: 'PS256', family: 'rsa' },
  { alg: 'PS384', family: 'rsa' },
  { alg: 'PS512', family: 'rsa' },
  { alg: 'ES256', family: 'ec' },
  { alg: 'ES384', family: 'ec' },
  { alg: 'ES512', family: 'ec' },
  { alg: 'EdDSA', family: 'okp' },
];

const RSA_MODULUS_BITS = 2048;

// Fixed timestamps keep the vectors reproducible apart from keys and
// signatures; verification pins the clock between them.
const ISSUED_AT = 1700000000;
const EXPIRES_AT = 4102444800; // 2100-01-01T00:00:00Z
const VERIFY_AT = new Date(1700000100 * 1000);

// jose reports a bad signature with this code; anything else on a tampered
// token means it was rejected for the wrong reason (e.g. an unusable key).
const BAD_SIGNATURE = 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED';

const BASE64URL_ALPHABET =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

// ---------------------------------------------------------------- generate

// The claims exercise non-ASCII text, HTML-special characters, an audience
// array, floats, nulls and nesting, which is where JSON encoders disagree.
function makePayload(alg) {
  return {
    sub: `interop-${alg}`,
    name: 'Zoë ✓ <script>',
    admin: true,
    iat: ISSUED_AT,
    exp: EXPIRES_AT,
    aud: ['a', 'b'],
    iss: 'https://issuer.example',
    nested: { n: 1.5, list: [1, 'two', null] },
  };
}

// makeHmacKey returns the signing key and every encoding of the secret.
async function makeHmacKey(alg) {
  const secret = await generateSecret(alg, { extractable: true });
  const privateJwk = await exportJWK(secret);
  const raw = base64url.decode(privateJwk.k);
  return {
    signingKey: secret,
    kid: `hmac-${alg}`,
    material: {
      secretB64url: privateJwk.k,
      secretHex: Buffer.from(raw).toString('hex'),
      privateJwk,
    },
  };
}

// makeKeyPair returns the signing key and the public/private key encodings.
// The kid is the RFC 7638 thumbprint so the Go side can recompute it.
async function makeKeyPair(alg, family) {
  const options = { extractable: true };
  if (family === 'rsa') options.modulusLength = RSA_MODULUS_BITS;
  if (family === 'okp') options.crv = 'Ed25519';
  const { publicKey, privateKey } = await generateKeyPair(alg, options);

  const publicJwk = await exportJWK(publicKey);
  const publicPem = withFinalNewline(await exportSPKI(publicKey));
  const privatePem = withFinalNewline(await exportPKCS8(privateKey));
  return {
    signingKey: privateKey,
    kid: await calculateJwkThumbprint(publicJwk),
    material: {
      publicPem,
      privatePem,
      publicJwk,
      privateJwk: await exportJWK(privateKey),
      ...legacyPems(family, publicPem, privatePem),
    },
  };
}

// withFinalNewline makes jose's PEMs (no trailing newline) end like
// node:crypto's and Go's pem.Encode output, so every PEM in a vector has the
// same shape and can be compared byte for byte.
function withFinalNewline(pem) {
  return pem.endsWith('\n') ? pem : `${pem}\n`;
}

// legacyPems re-encodes the keys in the pre-PKCS#8 PEM formats that users
// still paste (OpenSSL's defaults for years). WebCrypto cannot produce them,
// so node:crypto converts the SPKI/PKCS#8 output.
function legacyPems(family, publicPem, privatePem) {
  if (family === 'rsa') {
    return {
      publicPemPkcs1: createPublicKey(publicPem).export({ type: 'pkcs1', format: 'pem' }),
      privatePemPkcs1: createPrivateKey(privatePem).export({ type: 'pkcs1', format: 'pem' }),
    };
  }
  if (family === 'ec') {
    return {
      privatePemSec1: createPrivateKey(privatePem).export({ type: 'sec1', format: 'pem' }),
    };
  }
  return {};
}

// generateVector makes a fresh key for one algorithm and signs a token.
async function generateVector({ alg, family }) {
  const key = family === 'hmac' ? await makeHmacKey(alg) : await makeKeyPair(alg, family);
  const payload = makePayload(alg);
  const token = await new SignJWT(payload)
    .setProtectedHeader({ alg, typ: 'JWT', kid: key.kid })
    .sign(key.signingKey);
  return { alg, token, payload, kid: key.kid, ...key.material };
}

async function generate(outPath) {
  const vectors = [];
  for (const spec of ALGORITHMS) vectors.push(await generateVector(spec));
  await writeFile(outPath, `${JSON.stringify(vectors, null, 2)}\n`);
  console.log(`wrote ${vectors.length} vectors to ${outPath}`);
}

// ------------------------------------------------------------------ verify

// importVerificationKey turns a case's key description into a key jose can
// verify with. Exactly one form must be given so a typo cannot silently fall
// through to another form.
async function importVerificationKey(key, alg) {
  const forms = Object.keys(key ?? {}).filter((k) => ['secretB64url', 'pem', 'jwk'].includes(k));
  if (forms.length !== 1) {
    throw new Error('key must have exactly one of secretB64url, pem, jwk');
  }
  switch (forms[0]) {
    case 'secretB64url':
      return base64url.decode(key.secretB64url);
    case 'pem':
      return importSPKI(key.pem, alg);
    default:
      return importJWK(key.jwk, alg);
  }
}

// verifyToken runs jose's full JWT verification with the clock pinned
// between iat and exp, and returns the payload and protected header.
async function verifyToken(token, key, alg) {
  const verificationKey = await importVerificationKey(key, alg);
  return jwtVerify(token, verificationKey, { algorithms: [alg], currentDate: VERIFY_AT });
}

// checkCase returns null when the token verifies with the expected payload
// and header, otherwise the reason it does not.
async function checkCase({ alg, token, key, expectPayload }) {
  let result;
  try {
    result = await verifyToken(token, key, alg);
  } catch (err) {
    return describeError(err);
  }
  if (result.protectedHeader.alg !== alg) {
    return `header alg is ${JSON.stringify(result.protectedHeader.alg)}, want ${JSON.stringify(alg)}`;
  }
  if (!isDeepStrictEqual(result.payload, expectPayload)) {
    return `payload ${JSON.stringify(result.payload)} != expected ${JSON.stringify(expectPayload)}`;
  }
  return null;
}

// tamperSignature changes the token's last signature character. Flipping
// the top bit of its 6-bit value always changes a decoded byte: the final
// character of unpadded base64url carries 2, 4 or 6 data bits, and the top
// bit is always one of them (changing a low, padding-only bit could decode
// to the very same signature).
function tamperSignature(token) {
  const index = BASE64URL_ALPHABET.indexOf(token.at(-1));
  if (token.split('.').length !== 3 || token.endsWith('.') || index < 0) {
    throw new Error('token has no base64url signature to tamper with');
  }
  return token.slice(0, -1) + BASE64URL_ALPHABET[index ^ 0b100000];
}

// checkTamperedCase returns null when jose rejects the tampered token
// because of its signature, otherwise the reason the check failed.
async function checkTamperedCase({ alg, token, key }) {
  try {
    await verifyToken(tamperSignature(token), key, alg);
  } catch (err) {
    return err?.code === BAD_SIGNATURE ? null : `rejected for the wrong reason: ${describeError(err)}`;
  }
  return 'tampered token was accepted';
}

function describeError(err) {
  return err?.code ? `${err.code}: ${err.message}` : String(err?.message ?? err);
}

// validateCase catches malformed input before jose sees it, so the report
// names the broken field rather than a confusing downstream error.
function validateCase(c) {
  if (typeof c !== 'object' || c === null) return 'case is not an object';
  for (const field of ['alg', 'token']) {
    if (typeof c[field] !== 'string' || c[field] === '') return `missing string field ${field}`;
  }
  if (typeof c.key !== 'object' || c.key === null) return 'missing object field key';
  if (!('expectPayload' in c)) return 'missing field expectPayload';
  return null;
}

async function loadCases(inPath) {
  const cases = JSON.parse(await readFile(inPath, 'utf8'));
  if (!Array.isArray(cases)) throw new Error(`${inPath}: top level must be a JSON array`);
  return cases;
}

async function verify(inPath) {
  const cases = await loadCases(inPath);
  let passed = 0;
  let failed = 0;
  const report = (name, reason) => {
    if (reason === null) {
      passed++;
      console.log(`ok   ${name}`);
    } else {
      failed++;
      console.log(`FAIL ${name}: ${reason}`);
    }
  };

  for (const [i, c] of cases.entries()) {
    const name = typeof c?.name === 'string' && c.name !== '' ? c.name : `case #${i}`;
    const invalid = validateCase(c);
    report(name, invalid ?? (await checkCase(c)));
    report(`${name} (tampered)`, invalid ?? (await checkTamperedCase(c)));
  }

  console.log(`${passed} passed, ${failed} failed`);
  if (cases.length === 0) console.error(`${inPath}: no cases to verify`);
  return failed === 0 && cases.length > 0;
}

// -------------------------------------------------------------------- main

const USAGE = `usage:
  node jose-vectors.mjs generate OUT.json
  node jose-vectors.mjs verify IN.json`;

async function main([command, file, ...extra]) {
  if (!file || extra.length > 0) {
    console.error(USAGE);
    return 2;
  }
  switch (command) {
    case 'generate':
      await generate(file);
      return 0;
    case 'verify':
      return (await verify(file)) ? 0 : 1;
    default:
      console.error(USAGE);
      return 2;
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  // Bad input files are the usual cause; the message names the file.
  console.error(`error: ${err?.message ?? err}`);
  process.exitCode = 1;
}
