// The rotation proof for the two integration principals, through the real Pulumi engine against the emulator:
// - custom-client OAuth: refresh-token grants at the token endpoint authenticated by the integration's key-pair JWT
//   (legacy bearer and RFC 7523 client assertion, alternating);
// - External OAuth: an IdP token signed by the client key, verified against DESCRIBE's raw key rows;
// while three `up`s walk add-new-key → switch client → remove-old-key.
import { withEmulator } from "../helpers/emulator";
import { test } from "node:test";
import { runRotationWalk } from "../helpers/rotation-e2e";

test(
  "custom OAuth integration: zero failed token requests across the rotation; the retired key fails afterwards",
  { timeout: 300_000 },
  async () => {
    await withEmulator((emu) => runRotationWalk(emu, "oauth"));
  },
);

test(
  "External OAuth integration: zero failed verifications across the rotation; the retired key fails afterwards",
  { timeout: 300_000 },
  async () => {
    await withEmulator((emu) => runRotationWalk(emu, "external"));
  },
);
