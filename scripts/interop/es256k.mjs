#!/usr/bin/env node
// ES256K (RFC 8812) interop with node's own crypto (OpenSSL's secp256k1),
// an implementation independent of ours: jose 6 builds on WebCrypto, which
// has no secp256k1, so jose cannot take part.
//
//   node es256k.mjs generate OUT.json   node signs, Go verifies
//   node es256k.mjs verify IN.json      Go signs, node verifies
//
// OUT.json has jose-vectors.mjs's shape (one vector, alg ES256K); IN.json is
// [{name, alg, token, key: {pem} | {jwk}, expectPayload}]. Each case is also
// checked with its signature changed, which must fail. Prints "ok   name" /
// "FAIL name: reason", then "N passed, M failed"; exits 1 on any failure.

import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';

const b64u = (buf) => Buffer.from(buf).toString('base64url');

// The signature is r ‖ s, 32 bytes each (RFC 8812 section 3.2, RFC 7518
// section 3.4), not DER: dsaEncoding ieee-p1363.
const SIGN = { dsaEncoding: 'ieee-p1363' };

function thumbprint(jwk) {
  const canon = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return b64u(createHash('sha256').update(canon).digest());
}

async function generate(out) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
  const publicJwk = publicKey.export({ format: 'jwk' });
  const privateJwk = privateKey.export({ format: 'jwk' });
  const kid = thumbprint(publicJwk);
  const payload = {
    sub: 'interop-ES256K', name: 'Zoë ✓ <script>', iat: 1700000000, exp: 4102444800,
    aud: ['a', 'b'], iss: 'https://issuer.example', nested: { n: 1.5, list: [1, 'two', null] },
  };
  const input = `${b64u(JSON.stringify({ alg: 'ES256K', typ: 'JWT', kid }))}.${b64u(JSON.stringify(payload))}`;
  const token = `${input}.${b64u(sign('sha256', Buffer.from(input), { key: privateKey, ...SIGN }))}`;
  const vector = {
    alg: 'ES256K', token, payload, kid, publicJwk, privateJwk,
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }),
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }),
    privatePemSec1: privateKey.export({ type: 'sec1', format: 'pem' }),
  };
  await writeFile(out, JSON.stringify([vector], null, 2));
}

// check verifies one token with node; tampered flips its last signature byte.
function check(c, tampered) {
  const [h, p, s] = c.token.split('.');
  const sig = Buffer.from(s, 'base64url');
  if (tampered) sig[sig.length - 1] ^= 1;
  const header = JSON.parse(Buffer.from(h, 'base64url'));
  if (header.alg !== 'ES256K') throw new Error(`alg is ${header.alg}`);
  if (sig.length !== 64) throw new Error(`the signature is ${sig.length} bytes, not 64`);
  const key = c.key.pem ? createPublicKey(c.key.pem) : createPublicKey({ key: c.key.jwk, format: 'jwk' });
  if (!verify('sha256', Buffer.from(`${h}.${p}`), { key, ...SIGN }, sig)) throw new Error('signature does not verify');
  const payload = JSON.parse(Buffer.from(p, 'base64url'));
  if (!isDeepStrictEqual(payload, c.expectPayload)) throw new Error('payload differs');
}

async function verifyAll(inPath) {
  const cases = JSON.parse(await readFile(inPath, 'utf8'));
  let passed = 0;
  let failed = 0;
  for (const c of cases) {
    for (const tampered of [false, true]) {
      const name = tampered ? `${c.name} (tampered)` : c.name;
      let err = null;
      try {
        check(c, tampered);
      } catch (e) {
        err = e;
      }
      if (tampered ? err?.message === 'signature does not verify' : err === null) {
        passed++;
        console.log(`ok   ${name}`);
      } else {
        failed++;
        console.log(`FAIL ${name}: ${err ? err.message : 'a tampered token verified'}`);
      }
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || cases.length === 0 ? 1 : 0);
}

const [mode, path] = process.argv.slice(2);
if (mode === 'generate' && path) await generate(path);
else if (mode === 'verify' && path) await verifyAll(path);
else {
  console.error('usage: node es256k.mjs generate OUT.json | verify IN.json');
  process.exit(2);
}
