// Tests of web/audience.js under node: `make web-test` (part of `make test`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { audienceList } from "../audience.js";

test("the expected audience field is a list, split at commas and white space", () => {
  const cases = [
    ["", []],
    ["   ", []],
    ["api", ["api"]],
    ["web, api", ["web", "api"]],
    ["web api", ["web", "api"]],
    [" web,,api ,\n cli\t", ["web", "api", "cli"]],
    ["https://api.example/v1, urn:example:aud", ["https://api.example/v1", "urn:example:aud"]],
    ["API, api, API", ["API", "api"]],
    [",", []],
  ];
  for (const [text, want] of cases) assert.deepEqual(audienceList(text), want, JSON.stringify(text));
});
