#!/usr/bin/env node
// JWS JSON serialization (RFC 7515 §7.2) against jose, both ways:
//
//   node jwsjson.mjs generate OUT.json   jose signs (FlattenedSign, GeneralSign), Go verifies
//   node jwsjson.mjs verify < CASES.json jose verifies (flattenedVerify, generalVerify)
//
// generate writes {keys, cases}: keys maps an algorithm to the text a user
// pastes to verify it (SPKI PEM, or the HMAC secret as a JWK); each case is
// {name, jws, algs}, algs[i] being the alg of signature i, so that Go can
// check that each key verifies exactly the signatures of its algorithm.
//
// verify reads [{name, jws, key, alg}] and writes [{name, joseAccepts,
// joseError, joseMessage, verifier}] in the same order: a JWS with a
// "signatures" member goes to generalVerify, any other to flattenedVerify
// (as a careful caller would choose: jose picks neither for you), with alg
// the one algorithm allowed and the key read as hostile.mjs reads it (PEM
// to importSPKI, a JSON object to a JWK, anything else as a secret).

import { readFileSync, writeFileSync } from 'node:fs';
import {
  FlattenedSign,
  GeneralSign,
  exportJWK,
  exportSPKI,
  flattenedVerify,
  generalVerify,
  generateKeyPair,
  generateSecret,
  importSPKI,
} from 'jose';

const encoder = new TextEncoder();

async function generate(out) {
  const keys = {};
  const signers = {};
  for (const alg of ['RS256', 'PS256', 'ES256', 'ES384', 'EdDSA']) {
    const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
    keys[alg] = await exportSPKI(publicKey);
    signers[alg] = privateKey;
  }
  const secret = await generateSecret('HS256', { extractable: true });
  keys.HS256 = JSON.stringify(await exportJWK(secret));
  signers.HS256 = secret;

  const claims = encoder.encode(JSON.stringify({ sub: 'jws-json', name: 'Zoë ✓', iat: 1700000000, exp: 4102444800 }));
  const cases = [];
  for (const alg of Object.keys(signers)) {
    const jws = await new FlattenedSign(claims)
      .setProtectedHeader({ alg })
      .setUnprotectedHeader({ kid: `kid-${alg}` })
      .sign(signers[alg]);
    cases.push({ name: `flattened ${alg}, kid unprotected`, jws: JSON.stringify(jws), algs: [alg] });
  }
  const general = new GeneralSign(claims);
  const algs = ['RS256', 'ES256', 'EdDSA', 'HS256', 'PS256', 'ES384'];
  for (const alg of algs) general.addSignature(signers[alg]).setProtectedHeader({ alg, typ: 'JWT' }).setUnprotectedHeader({ kid: `kid-${alg}` });
  cases.push({ name: `general, ${algs.join(' + ')}`, jws: JSON.stringify(await general.sign()), algs });
  // RFC 7797: the JSON form may carry a period in an unencoded payload.
  const unencoded = await new FlattenedSign(encoder.encode('$.02 and more.'))
    .setProtectedHeader({ alg: 'HS256', b64: false, crit: ['b64'] })
    .sign(signers.HS256);
  // jose leaves an unencoded payload out ("payload": ""), for the caller
  // to attach, as RFC 7515 Appendix F's detached content.
  unencoded.payload = '$.02 and more.';
  cases.push({ name: 'flattened HS256, b64 false', jws: JSON.stringify(unencoded), algs: ['HS256'], unencoded: '$.02 and more.' });
  writeFileSync(out, JSON.stringify({ keys, cases }, null, 1));
}

async function readKey(text, alg) {
  if (/-----BEGIN [A-Z ]+-----/.test(text)) return importSPKI(text, alg);
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (json !== null && typeof json === 'object' && !Array.isArray(json)) return json;
  return encoder.encode(text);
}

async function judge({ name, jws, key, alg }) {
  const verdict = { name, joseAccepts: false, joseError: '', joseMessage: '', verifier: '' };
  try {
    const parsed = JSON.parse(jws);
    verdict.verifier = parsed !== null && typeof parsed === 'object' && 'signatures' in parsed ? 'generalVerify' : 'flattenedVerify';
    const verify = verdict.verifier === 'generalVerify' ? generalVerify : flattenedVerify;
    await verify(parsed, await readKey(key, alg), { algorithms: [alg] });
    verdict.joseAccepts = true;
  } catch (err) {
    verdict.joseError = err?.code ?? err?.name ?? String(err);
    verdict.joseMessage = String(err?.message ?? err);
  }
  return verdict;
}

const [mode, file] = process.argv.slice(2);
if (mode === 'generate' && file) {
  await generate(file);
} else if (mode === 'verify') {
  const cases = JSON.parse(readFileSync(0, 'utf8'));
  const verdicts = [];
  for (const c of cases) verdicts.push(await judge(c));
  process.stdout.write(`${JSON.stringify(verdicts, null, 1)}\n`);
} else {
  console.error('usage: jwsjson.mjs generate OUT.json | jwsjson.mjs verify < CASES.json');
  process.exit(2);
}
