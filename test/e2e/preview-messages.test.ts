// What a user reads when preview refuses an input, through the real engine: the message names the input and the SQL
// property; a list item is named by its path, never printed as `{<nil>}`; a key-rotation refusal keeps its guidance
// and prints fingerprints, not whole PEM keys; nothing reaches Snowflake.
import { withEmulator } from "../helpers/emulator";
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { createTestStack } from "../helpers/pulumi";
import { NetworkPolicy } from "../../sdk/networkPolicy";
import { OAuthIntegration } from "../../sdk/oauthIntegration";
import { key } from "../helpers/keys";

const failText = (e: unknown) => String((e as { stderr?: string })?.stderr ?? "") + String((e as Error)?.message ?? e);

test("preview messages name the input and SQL property, with no {<nil>} and no PEM", { timeout: 300_000 }, async () => {
  await withEmulator(async (emu) => {
    const [k0, k1] = await Promise.all([key(0), key(1)]);
    let phase: "ip" | "keysA" | "keysB" = "ip";
    const program = async () => {
      if (phase === "ip") new NetworkPolicy("bad_np", { allowedIpList: ["10.0.0.0/8", "10.0.0.0/33"] });
      else
        new OAuthIntegration("msg_app", {
          oauthClientType: "CONFIDENTIAL",
          oauthRedirectUri: "https://localhost/cb",
          rsaPublicKeys: [phase === "keysA" ? k0.publicKeyPem : k1.publicKeyPem],
        });
    };
    const s = await createTestStack({ name: "preview-messages", program, target: { url: emu.url, account: emu.account } });
    try {
      const mark = emu.log.mark();
      const ipErr = failText(
        await s.preview(program).then(
          () => undefined,
          (e) => e,
        ),
      );
      assert.match(ipErr, /allowedIpList\[1\]: ALLOWED_IP_LIST must be an IPv4 address or CIDR range/);
      assert.ok(!ipErr.includes("{<nil>}"), "no {<nil>} value in the message");
      assert.deepEqual(
        emu.log
          .statements({ since: mark })
          .map((e) => e.text)
          .filter((t) => /NETWORK POLICY/.test(t)),
        [],
        "nothing sent",
      );

      phase = "keysA";
      await s.up(program);
      phase = "keysB";
      const keyErr = failText(
        await s.preview(program).then(
          () => undefined,
          (e) => e,
        ),
      );
      assert.match(keyErr, /rsaPublicKeys: /);
      assert.match(keyErr, /Rotate in three steps/);
      assert.ok(keyErr.includes(k0.fingerprint) && keyErr.includes(k1.fingerprint), "keys are named by fingerprint");
      assert.ok(!keyErr.includes(k1.publicKeyBody.slice(40, 100)), "the PEM body is not printed");
    } finally {
      await s.destroy().catch(() => undefined);
      await s.dispose();
    }
  });
});
