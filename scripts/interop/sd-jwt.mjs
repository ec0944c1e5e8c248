#!/usr/bin/env node
// SD-JWT interop harness: cross-checks the Go core's SD-JWTs (RFC 9901,
// wasm/sdjwt) against @sd-jwt/core, an independent implementation, in both
// directions.
//
//   node sd-jwt.mjs generate OUT.json   @sd-jwt issues and presents, Go verifies
//   node sd-jwt.mjs verify IN.json      Go issues and presents, @sd-jwt verifies
//
// generate writes {issuerJwk, issuerPrivateJwk, holderJwk, holderPrivateJwk,
// aud, nonce, iat, issued, presentation, claims}: claims are what @sd-jwt
// reads from the presentation. verify reads [{name, sdjwt, issuerJwk, nonce,
// claims}] and checks that @sd-jwt accepts each with those claims and
// refuses its tampered twin (a disclosure dropped after key binding).

import { createHash, createPublicKey, createPrivateKey, generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import { SDJwtInstance } from '@sd-jwt/core';

const b64url = (buf) => Buffer.from(buf).toString('base64url');

// ES256 with node:crypto, in JWS's r||s form.
const signer = (privateJwk) => async (data) =>
  b64url(sign('sha256', Buffer.from(data), { key: createPrivateKey({ key: privateJwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' }));
const verifierOf = (jwk) => (data, sig) =>
  verify('sha256', Buffer.from(data), { key: createPublicKey({ key: jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' }, Buffer.from(sig, 'base64url'));

function instance(issuerJwk, issuerPrivateJwk, holderPrivateJwk) {
  return new SDJwtInstance({
    hasher: (data, alg) => {
      if (alg !== 'sha-256') throw new Error(`unsupported _sd_alg ${alg}`);
      return new Uint8Array(createHash('sha256').update(data).digest());
    },
    hashAlg: 'sha-256',
    saltGenerator: () => b64url(randomBytes(16)),
    signAlg: 'ES256',
    signer: issuerPrivateJwk && signer(issuerPrivateJwk),
    verifier: async (data, sig) => verifierOf(issuerJwk)(data, sig),
    kbSignAlg: 'ES256',
    kbSigner: holderPrivateJwk && signer(holderPrivateJwk),
    // The holder's key is the issuer JWT's cnf.jwk (RFC 9901 §4.1.2).
    kbVerifier: async (data, sig, payload) => verifierOf(payload.cnf.jwk)(data, sig),
  });
}

function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return [publicKey.export({ format: 'jwk' }), privateKey.export({ format: 'jwk' })];
}

async function generate(out) {
  const [issuerJwk, issuerPrivateJwk] = keyPair();
  const [holderJwk, holderPrivateJwk] = keyPair();
  const sd = instance(issuerJwk, issuerPrivateJwk, holderPrivateJwk);
  const payload = {
    iss: 'https://issuer.example.com', iat: 1700000000, exp: 4102444800, vct: 'https://credentials.example.com/identity',
    given_name: 'Zoë', family_name: 'Doe', email: 'zoe@example.com',
    address: { street_address: '123 Main St', locality: 'Anytown', country: 'US' },
    nationalities: ['US', 'DE'], cnf: { jwk: holderJwk },
  };
  const frame = { _sd: ['given_name', 'family_name', 'email', 'address'], address: { _sd: ['street_address', 'locality'] }, nationalities: { _sd: [1] }, _sd_decoy: 3 };
  const issued = await sd.issue(payload, frame);
  const aud = 'https://verifier.example.org', nonce = 'n-' + b64url(randomBytes(8)), iat = Math.floor(Date.now() / 1000);
  const presentation = await sd.present(issued, { given_name: true, address: { street_address: true }, nationalities: { 1: true } }, { kb: { payload: { iat, aud, nonce } } });
  const { payload: claims } = await sd.verify(presentation, { keyBindingNonce: nonce });
  await writeFile(out, JSON.stringify({ issuerJwk, issuerPrivateJwk, holderJwk, holderPrivateJwk, aud, nonce, iat, issued, presentation, claims }, null, 1));
}

async function verifyOurs(file) {
  const cases = JSON.parse(await readFile(file, 'utf8'));
  let passed = 0, failed = 0;
  for (const c of cases) {
    const sd = instance(c.issuerJwk);
    try {
      const { payload } = await sd.verify(c.sdjwt, c.nonce ? { keyBindingNonce: c.nonce } : undefined);
      if (!isDeepStrictEqual(payload, c.claims)) throw new Error(`claims ${JSON.stringify(payload)}, want ${JSON.stringify(c.claims)}`);
      passed++;
    } catch (e) {
      failed++;
      console.log(`FAIL ${c.name}: ${e.message}`);
    }
    // The tampered twin: a disclosure dropped after the holder signed.
    const parts = c.sdjwt.split('~');
    if (c.nonce && parts.length > 2) {
      parts.splice(1, 1);
      try {
        await sd.verify(parts.join('~'), { keyBindingNonce: c.nonce });
        failed++;
        console.log(`FAIL ${c.name} (tampered): accepted`);
      } catch {
        passed++;
      }
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

const [mode, file] = process.argv.slice(2);
if (mode === 'generate') await generate(file);
else if (mode === 'verify') await verifyOurs(file);
else {
  console.error('usage: sd-jwt.mjs generate OUT.json | verify IN.json');
  process.exitCode = 2;
}
