#!/usr/bin/env node
// Hostile-case oracle: runs jose's verification on each case as a careful
// verifier would, so that the Go table (wasm/token/hostile_interop_test.go)
// can check that we never accept what jose refuses.
//
//   node hostile.mjs < CASES.json > VERDICTS.json
//
// CASES.json is [{name, token, key, alg}]: key is the text a user would
// paste (PEM, JWK, JWKS or a secret), alg the one algorithm allowed.
// VERDICTS.json is [{name, joseAccepts, joseError, keyForm, verifier}], in
// the same order; joseError is jose's error code ("" when it accepts), or
// the error's class name when it has no code (jose throws TypeErrors for
// unusable keys).
//
// The key text is read the way a careful caller of jose reads it, since
// jose itself has no reader for pasted text:
//   - text holding a PEM block goes to importSPKI (importX509 for a
//     certificate, importPKCS8 for a private key), as written: jose
//     refuses anything before the armour;
//   - a JSON object with "keys" goes to createLocalJWKSet (jose's kid,
//     kty, alg, use and key_ops rules);
//   - any other JSON object is a JWK, handed to jose as it is, so that
//     jose checks its kty, use, key_ops and alg against the token;
//   - everything else is an HMAC secret, its UTF-8 bytes.
// A token whose header has "b64": false goes to compactVerify, since
// jwtVerify refuses unencoded payloads outright; any other to jwtVerify.
// The clock is pinned at 1700000100, as in the Go tests.

import { readFileSync } from 'node:fs';
import {
  compactVerify,
  createLocalJWKSet,
  decodeProtectedHeader,
  importPKCS8,
  importSPKI,
  importX509,
  jwtVerify,
} from 'jose';

const VERIFY_AT = new Date(1700000100 * 1000);

// readKey returns what jose verifies with for the key text, and the name of
// the form it was read as.
async function readKey(text, alg) {
  const pem = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(text);
  if (pem) {
    switch (pem[1]) {
      case 'CERTIFICATE':
        return { key: await importX509(text, alg), keyForm: 'X.509 PEM' };
      case 'PRIVATE KEY':
        return { key: await importPKCS8(text, alg), keyForm: 'PKCS#8 PEM' };
      default:
        return { key: await importSPKI(text, alg), keyForm: 'SPKI PEM' };
    }
  }
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (json !== null && typeof json === 'object' && !Array.isArray(json)) {
    if ('keys' in json) return { key: createLocalJWKSet(json), keyForm: 'JWKS' };
    return { key: json, keyForm: 'JWK' };
  }
  return { key: new TextEncoder().encode(text), keyForm: 'secret' };
}

// unencoded reports whether the token's header says "b64": false.
function unencoded(token) {
  try {
    return decodeProtectedHeader(token).b64 === false;
  } catch {
    return false;
  }
}

// judge runs jose on one case and never throws.
async function judge({ name, token, key, alg }) {
  const verifier = unencoded(token) ? 'compactVerify' : 'jwtVerify';
  const verdict = { name, joseAccepts: false, joseError: '', keyForm: '', verifier };
  try {
    const read = await readKey(key, alg);
    verdict.keyForm = read.keyForm;
    const options = { algorithms: [alg], currentDate: VERIFY_AT };
    if (verifier === 'compactVerify') {
      await compactVerify(token, read.key, options);
    } else {
      await jwtVerify(token, read.key, options);
    }
    verdict.joseAccepts = true;
  } catch (err) {
    verdict.joseError = err?.code ?? err?.name ?? String(err);
    verdict.joseMessage = String(err?.message ?? err);
  }
  return verdict;
}

function validCase(c) {
  return (
    c !== null &&
    typeof c === 'object' &&
    ['name', 'token', 'key', 'alg'].every((field) => typeof c[field] === 'string')
  );
}

const cases = JSON.parse(readFileSync(0, 'utf8'));
if (!Array.isArray(cases) || !cases.every(validCase)) {
  console.error('hostile.mjs: stdin must be a JSON array of {name, token, key, alg}, all strings');
  process.exit(2);
}
const verdicts = [];
for (const c of cases) verdicts.push(await judge(c));
process.stdout.write(`${JSON.stringify(verdicts, null, 1)}\n`);
