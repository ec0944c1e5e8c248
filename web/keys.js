// The key panel: explains which key the token's algorithm needs, shows the
// secret-encoding choice only where it means something, and reports which
// key verified the token.

const families = [
  [/^HS(256|384|512)$/, "hmac"],
  [/^(RS|PS)(256|384|512)$/, "rsa"],
  [/^ES(256|384|512)$/, "ec"],
  [/^EdDSA$/, "ed"],
];

/** family names the key family an alg needs, or "" for none/unknown. */
export function family(alg) {
  for (const [re, name] of families) if (re.test(alg)) return name;
  return "";
}

const purposes = {
  hmac: "shared secret",
  rsa: "RSA public or private key",
  ec: "EC public or private key",
  ed: "Ed25519 public or private key",
  "": "key",
};

const placeholders = {
  hmac: "The shared secret the token was signed with",
  rsa: "-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----\nor a JWK / JWKS. A private key also signs.",
  ec: "-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----\nor a JWK / JWKS. A private key also signs.",
  ed: "-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----\nor a JWK / JWKS. A private key also signs.",
  "": "A secret, PEM key, JWK or JWKS",
};

/** The signing formula of each family, as jwt.io shows it, in words. */
function formula(alg, fam) {
  const bits = alg.slice(-3);
  const input = 'base64url(header) + "." + base64url(payload)';
  switch (fam) {
    case "hmac":
      return `HMAC-SHA${bits}(${input}, secret)`;
    case "rsa":
      return `${alg.startsWith("PS") ? "RSASSA-PSS" : "RSASSA-PKCS1-v1_5"} with SHA-${bits}(${input}, RSA key)`;
    case "ec":
      return `ECDSA ${({ 256: "P-256", 384: "P-384", 512: "P-521" })[bits]} with SHA-${bits}(${input}, EC key)`;
    case "ed":
      return `Ed25519(${input}, Ed25519 key)`;
  }
  return alg === "none" ? "alg none: the token is not signed" : `alg ${JSON.stringify(alg)} is not supported`;
}

/** updateKeyPanel adapts the key panel to the token's algorithm. */
export function updateKeyPanel(els, alg) {
  const fam = family(alg);
  els.purpose.textContent = purposes[fam];
  els.formula.textContent = alg ? formula(alg, fam) : "";
  els.keyInput.placeholder = placeholders[fam];
  els.encodingField.hidden = fam !== "hmac" && fam !== "";
  els.keyInput.setAttribute("aria-label", `Key to verify with: ${purposes[fam]}`);
}

/** describeKeyUse says which key checked the signature, or what the box holds. */
export function keyHelp(verification) {
  if (verification?.key) return `Checked with: ${verification.key}`;
  return "";
}
