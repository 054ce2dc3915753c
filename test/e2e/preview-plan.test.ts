// Preview says what drifted and what `up` will send, through the real engine: a property changed by hand is named
// (input and SQL property) although Pulumi's input diff marks nothing, and the statements preview announces are the
// ones `up` then sends, in order: both come from the same plan function.
import { describe } from "node:test";
import * as assert from "node:assert/strict";
import { createTestStack, type TestStack } from "../helpers/pulumi";
import { ProviderFixture } from "../helpers/provider-fixture";
import { steps } from "../helpers/steps";
import { NetworkPolicy } from "../../sdk/networkPolicy";
import { OAuthIntegration } from "../../sdk/oauthIntegration";

const sent = (stderr: string) => [...stderr.matchAll(/: up will send: (.+)$/gm)].map((m) => m[1].trim());

describe("preview: drift named, SQL plan announced, and the plan is what up sends", { timeout: 400_000 }, () => {
  const { fx } = ProviderFixture.forFile("preview-plan");
  let s: TestStack;
  let comment = "v1";
  let ips = ["10.0.0.0/8"];
  const program = async () => {
    const np = new NetworkPolicy("plan_np", { allowedIpList: ips });
    new OAuthIntegration("plan_app", { oauthClientType: "CONFIDENTIAL", oauthRedirectUri: "https://app/cb", comment, networkPolicy: np.name });
  };
  const step = steps();

  step("create", async () => {
    s = await createTestStack({ name: "preview-plan", target: fx.target(), program });
    await s.up(program);
    const quiet = await s.preview(program);
    assert.deepEqual(sent(quiet.stderr), [], "a no-op preview announces nothing");
  });

  step("drift by hand is named at preview", async () => {
    await fx.admin("ALTER SECURITY INTEGRATION PLAN_APP SET OAUTH_ENFORCE_PKCE = TRUE");
    const pv = await s.preview(program);
    assert.equal(pv.changeSummary.update, 1);
    assert.match(pv.stderr, /OAuthIntegration PLAN_APP: drifted in Snowflake: oauthEnforcePkce \(OAUTH_ENFORCE_PKCE\)/);
    assert.deepEqual(sent(pv.stderr), ["ALTER SECURITY INTEGRATION PLAN_APP SET OAUTH_ENFORCE_PKCE = FALSE"]);
  });

  step("preview's statements are exactly what up sends (drift + SET + UNSET, two objects)", async () => {
    comment = "";
    ips = ["10.0.0.0/8", "192.168.0.0/16"];
    await fx.admin("ALTER NETWORK POLICY PLAN_NP SET BLOCKED_IP_LIST = ('10.1.1.1')");
    const pv = await s.preview(program);
    const announced = sent(pv.stderr);
    assert.ok(announced.length >= 3, announced.join("\n"));
    const m = fx.mark();
    await s.up(program);
    const writes = fx.since(m).statements.filter((x) => /^(ALTER|CREATE|DROP)/.test(x));
    assert.deepEqual([...writes].sort(), [...announced].sort(), "the same statements");
    for (const obj of ["PLAN_APP", "PLAN_NP"]) {
      const mine = (xs: string[]) => xs.filter((x) => x.includes(obj));
      assert.deepEqual(mine(writes), mine(announced), `${obj}: the same order`);
    }
    const after = await s.preview(program);
    assert.deepEqual(sent(after.stderr), [], "converged: nothing announced");
  });

  step("destroy", async () => {
    await s.destroy();
    await s.dispose();
  });
});
