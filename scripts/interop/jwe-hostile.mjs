#!/usr/bin/env node
// The oracle for the JWE attacker's table (wasm/jwe/hostile_interop_test.go):
// jose's verdict on each token, decrypted as a careful caller would, with
// jose's defaults but for the PBES2 algorithms, which must be allowed by
// name (keyManagementAlgorithms).
//
//   node jwe-hostile.mjs < cases.json
//
// stdin: [{name, token, key}], key being {secretB64url} | {password} |
// {privatePem, alg}; stdout: [{name, joseAccepts, joseError, joseMessage}].

import { compactDecrypt, importPKCS8, base64url } from 'jose';

const ALLOWED = [
  'RSA-OAEP', 'RSA-OAEP-256', 'RSA-OAEP-384', 'RSA-OAEP-512', 'A128KW', 'A192KW', 'A256KW',
  'A128GCMKW', 'A192GCMKW', 'A256GCMKW', 'dir', 'ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A192KW',
  'ECDH-ES+A256KW', 'PBES2-HS256+A128KW', 'PBES2-HS384+A192KW', 'PBES2-HS512+A256KW', 'RSA1_5',
];

async function keyOf(k) {
  if (k.password !== undefined) return new TextEncoder().encode(k.password);
  if (k.secretB64url !== undefined) return base64url.decode(k.secretB64url);
  return importPKCS8(k.privatePem, k.alg);
}

let input = '';
for await (const chunk of process.stdin) input += chunk;
const out = [];
for (const c of JSON.parse(input)) {
  try {
    await compactDecrypt(c.token, await keyOf(c.key), { keyManagementAlgorithms: ALLOWED });
    out.push({ name: c.name, joseAccepts: true, joseError: '', joseMessage: '' });
  } catch (e) {
    out.push({ name: c.name, joseAccepts: false, joseError: e.code ?? e.name, joseMessage: e.message });
  }
}
console.log(JSON.stringify(out, null, 1));
