// The bundled list of common HMAC secrets the attack lab's cracker tries:
// defaults copied from documentation and tutorials, words people type, and
// keyboard walks, each also with the suffixes people add (digits, years,
// "!"). It is written here from those well-known patterns, not taken from a
// leaked list, and it is made once, in the order an attacker would try.

/** Secrets that documentation, tutorials and frameworks ship as examples. */
const defaults = [
  "secret", "your-256-bit-secret", "your-384-bit-secret", "your-512-bit-secret", "your_jwt_secret",
  "your-secret-key", "your_secret_key", "yoursecretkey", "your-secret", "secretkey", "secret-key",
  "secret_key", "secretKey", "SECRET_KEY", "jwt_secret", "jwt-secret", "jwtsecret", "JWT_SECRET",
  "jwtSecret", "jwt_secret_key", "jwt-secret-key", "mysecret", "my-secret", "my_secret", "mySecret",
  "mysecretkey", "my-secret-key", "my_secret_key", "mySecretKey", "supersecret", "super-secret",
  "super_secret", "superSecret", "supersecretkey", "super-secret-key", "topsecret", "top-secret",
  "shhhhh", "shhhhhared-secret", "keyboard cat", "changeme", "change-me", "change_me", "changeit",
  "change-this", "changethis", "replace-me", "replaceme", "please-change-me", "default", "defaultsecret",
  "default-secret", "dev", "development", "devsecret", "dev-secret", "test", "testing", "testsecret",
  "test-secret", "test_secret", "prod", "production", "staging", "local", "localhost", "example",
  "example-secret", "sample", "demo", "demo-secret", "key", "mykey", "my-key", "privatekey",
  "private-key", "private_key", "signingkey", "signing-key", "hmac", "hmac-secret", "hs256",
  "hs256-secret", "token", "tokensecret", "token-secret", "access", "accesstoken", "access-token",
  "refresh", "refreshtoken", "refresh-token", "auth", "authsecret", "auth-secret", "authentication",
  "authorization", "api", "apikey", "api-key", "api_key", "apisecret", "api-secret", "app", "appsecret",
  "app-secret", "app_secret", "application", "server", "server-secret", "backend", "node", "express",
  "nodejs", "django", "flask", "rails", "laravel", "spring", "springboot", "java", "python", "golang",
  "nestjs", "nextauth", "next-auth", "supabase", "firebase", "jwt", "JWT", "jsonwebtoken",
  "json-web-token", "s3cr3t", "s3cret", "secr3t", "$ecret", "p@ssw0rd", "passw0rd", "pa$$word",
  "null", "undefined", "none", "true", "false", "0", "1", "123", "1234", "12345", "123456", "1234567",
  "12345678", "123456789", "1234567890", "0123456789", "111111", "000000", "abc123", "a1b2c3",
  "xxx", "xxxx", "aaaa", "abc", "abcd", "abcdef", "abcdefgh", "foo", "bar", "foobar", "baz", "qux",
  "hello", "helloworld", "hello-world", "hello_world", "welcome", "letmein", "trustno1", "iloveyou",
];

/** Words people choose, to which the suffixes below are added. */
const words = [
  "password", "admin", "administrator", "root", "user", "guest", "master", "login", "access", "pass",
  "qwerty", "monkey", "dragon", "shadow", "sunshine", "princess", "football", "baseball", "soccer",
  "hockey", "batman", "superman", "starwars", "pokemon", "minecraft", "summer", "winter", "spring",
  "autumn", "michael", "jordan", "jennifer", "thomas", "charlie", "george", "daniel", "andrew",
  "joshua", "jessica", "ashley", "hunter", "ranger", "buster", "tigger", "soccer", "killer", "pepper",
  "ginger", "cookie", "banana", "orange", "apple", "cheese", "chocolate", "coffee", "pizza", "matrix",
  "freedom", "whatever", "secret", "company", "acme", "project", "internal", "service", "cluster",
  "kubernetes", "docker", "github", "gitlab", "google", "microsoft", "amazon", "azure", "cloud",
  "linux", "ubuntu", "windows", "apple", "android", "mobile", "web", "website", "portal", "gateway",
];

/** Keyboard walks and repeated keys. */
const walks = [
  "qwerty", "qwertyuiop", "qwertyui", "qwert", "asdf", "asdfgh", "asdfghjkl", "zxcv", "zxcvbn",
  "zxcvbnm", "qazwsx", "1qaz2wsx", "1q2w3e", "1q2w3e4r", "1q2w3e4r5t", "q1w2e3r4", "zaq12wsx",
  "!qaz2wsx", "qweasd", "qweasdzxc", "asdfasdf", "qwerqwer", "1qazxsw2", "poiuytrewq", "mnbvcxz",
  "azerty", "qwertz", "123qwe", "qwe123", "1234qwer", "qwer1234", "abc123456", "11111111", "aaaaaa",
  "987654321", "654321", "121212", "123123", "112233", "123321", "696969", "7777777", "88888888",
];

const suffixes = ["", "1", "12", "123", "1234", "!", "!!", "01", "2", "7", "69", "99", "00", "@123", "_secret", "-secret", "key"];
const years = Array.from({ length: 17 }, (_, i) => String(2010 + i));

function build() {
  const out = new Set(defaults);
  for (const w of walks) out.add(w);
  for (let y = 1970; y <= 2035; y++) out.add(String(y));
  for (const base of [...new Set(words)]) {
    const forms = [base, base[0].toUpperCase() + base.slice(1), base.toUpperCase()];
    for (const f of forms) {
      for (const s of suffixes) out.add(f + s);
      for (const y of years) out.add(f + y);
    }
  }
  for (const w of walks) {
    for (const s of ["!", "1", "123"]) out.add(w + s);
  }
  return [...out];
}

/** commonSecrets is the list, a few thousand candidates, most likely first. */
export const commonSecrets = Object.freeze(build());
