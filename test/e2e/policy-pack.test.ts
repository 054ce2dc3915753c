// The policy pack through the real CLI: `pulumi preview/up --policy-pack policy` fails on a mandatory
// violation, reports an advisory one without failing, and passes a compliant program, for an inline
// program (Automation API) and for a program directory run by the Node.js language host. A throwaway
// pack checks what the repository's pack does not use: stack info in policy code, and remediation. The CLI starts
// the TypeScript pack through the language host's RunPlugin (scripts/pulumi-language-host). The resources
// are stand-ins with the real type tokens, so this checks the pack and its wiring; the provider's own e2e
// tests cover the real resources.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { randomBytes } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { createLocalProgramStack, createTestStack, repoRoot } from "../helpers/pulumi";

const policyPack = path.join(repoRoot, "policy");

const provider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: any) {
    return { id: "stand-in", outs: inputs };
  },
};

class StandInNetworkPolicy extends pulumi.dynamic.Resource {
  constructor(name: string, allowedIpList: string[]) {
    super(provider, name, { allowedIpList }, {}, "snowflake", "NetworkPolicy");
  }
}

class StandInExternalOAuth extends pulumi.dynamic.Resource {
  constructor(name: string, props: Record<string, unknown>) {
    super(provider, name, props, {}, "snowflake", "ExternalOAuthIntegration");
  }
}

test("policy pack, inline program: a mandatory violation fails preview, a compliant program passes", async () => {
  const open = async () => {
    new StandInNetworkPolicy("np", ["0.0.0.0/0"]);
  };
  const closed = async () => {
    new StandInNetworkPolicy("np", ["10.1.0.0/16"]);
  };
  const s = await createTestStack({ name: "policy-pack", program: open });
  try {
    await assert.rejects(s.stack.preview({ program: open, policyPacks: [policyPack], color: "never" }), (e: Error) => {
      assert.match(e.message, /snowflake-network-policy-not-open/);
      assert.match(e.message, /allowedIpList allows 0\.0\.0\.0\/0/);
      assert.match(e.message, /mandatory/);
      return true;
    });
    const ok = await s.stack.preview({ program: closed, policyPacks: [policyPack], color: "never" });
    assert.equal(ok.changeSummary.create, 2);
    assert.match(ok.stdout, /snowflake-oauth@v0\.1\.0/, "the pack ran and reported");
  } finally {
    await s.dispose();
  }
});

test("policy pack, inline program: an advisory violation is reported and does not block up", async () => {
  const program = async () => {
    new StandInExternalOAuth("ext", {
      externalOAuthAnyRoleMode: "DISABLE",
      externalOAuthAudienceList: [],
      networkPolicy: "CORP_ONLY",
    });
  };
  const s = await createTestStack({ name: "policy-advisory", program });
  try {
    const res = await s.stack.up({ program, policyPacks: [policyPack], color: "never" });
    assert.equal(res.summary.result, "succeeded");
    assert.equal(res.summary.resourceChanges?.create, 2);
    assert.match(res.stdout, /snowflake-external-oauth-audience/);
    assert.match(res.stdout, /advisory/);
    assert.match(res.stdout, /externalOAuthAudienceList is empty/);
    assert.doesNotMatch(res.stdout, /snowflake-external-oauth-any-role-mode/);
  } finally {
    await s.dispose();
  }
});

test("policy pack code sees its stack (project, stack, stack config) and remediations apply on up", async () => {
  // A throwaway JavaScript pack (inside the repository, so that it resolves @pulumi/policy and
  // @pulumi/pulumi through the root node_modules): reports what @pulumi/pulumi tells it about the stack,
  // and remediates (rewrites the inputs of) network policies.
  const packDir = path.join(repoRoot, ".work", "packs", `stack-aware-${randomBytes(3).toString("hex")}`);
  fs.mkdirSync(packDir, { recursive: true });
  fs.writeFileSync(path.join(packDir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
  fs.writeFileSync(path.join(packDir, "package.json"), JSON.stringify({ name: "stack-aware", version: "0.0.1", main: "index.js" }));
  fs.writeFileSync(
    path.join(packDir, "index.js"),
    [
      `const pulumi = require("@pulumi/pulumi");`,
      `const { PolicyPack } = require("@pulumi/policy");`,
      `new PolicyPack("stack-aware", { policies: [{`,
      `  name: "reports-stack", description: "Reports the stack the pack runs for.", enforcementLevel: "advisory",`,
      `  validateResource: (args, report) => {`,
      `    if (args.type !== "pulumi-nodejs:dynamic/snowflake:NetworkPolicy") return;`,
      `    report("seen project=" + pulumi.getProject() + " stack=" + pulumi.getStack() + " tier=" + new pulumi.Config("e2e").get("tier"));`,
      `  },`,
      `}, {`,
      `  name: "labels-network-policies", description: "Labels network policies.", enforcementLevel: "remediate",`,
      `  remediateResource: (args) => args.type === "pulumi-nodejs:dynamic/snowflake:NetworkPolicy" ? { ...args.props, comment: "labelled by policy" } : undefined,`,
      `}] });`,
      ``,
    ].join("\n"),
  );
  const program = async () => {
    new StandInNetworkPolicy("np", ["10.1.0.0/16"]);
  };
  const s = await createTestStack({ name: "policy-stack", program, config: { "e2e:tier": "gold" } });
  try {
    const res = await s.stack.up({ program, policyPacks: [packDir, policyPack], color: "never" });
    assert.match(res.stdout, /seen project=e2e-policy-stack stack=test tier=gold/);
    assert.match(res.stdout, /labels-network-policies/);
    const state = await s.exportDeployment();
    const np = (state.deployment.resources as any[]).find((r) => r.type === "pulumi-nodejs:dynamic/snowflake:NetworkPolicy");
    assert.equal(np?.outputs?.comment, "labelled by policy");
  } finally {
    await s.dispose();
    fs.rmSync(packDir, { recursive: true, force: true });
  }
});

test("policy pack, program directory (Pulumi.yaml, Node.js language host): violation fails, compliant up passes", async () => {
  // Inside the repository, so that the program resolves @pulumi/pulumi through the root node_modules.
  const programDir = path.join(repoRoot, ".work", "programs", `policy-local-${randomBytes(3).toString("hex")}`);
  fs.mkdirSync(programDir, { recursive: true });
  fs.writeFileSync(path.join(programDir, "Pulumi.yaml"), "name: e2e-policy-local\nruntime: nodejs\nmain: index.js\n");
  fs.writeFileSync(
    path.join(programDir, "index.js"),
    [
      `const pulumi = require("@pulumi/pulumi");`,
      `const provider = { async create(inputs) { return { id: "stand-in", outs: inputs }; } };`,
      `class StandInNetworkPolicy extends pulumi.dynamic.Resource {`,
      `  constructor(name, allowedIpList) { super(provider, name, { allowedIpList }, {}, "snowflake", "NetworkPolicy"); }`,
      `}`,
      `new StandInNetworkPolicy("np", [new pulumi.Config().require("cidr")]);`,
      ``,
    ].join("\n"),
  );
  const s = await createLocalProgramStack({ name: "policy-local", programDir, config: { cidr: "0.0.0.0/0" } });
  try {
    await assert.rejects(s.stack.preview({ policyPacks: [policyPack], color: "never" }), (e: Error) => {
      assert.match(e.message, /snowflake-network-policy-not-open/);
      assert.match(e.message, /allowedIpList allows 0\.0\.0\.0\/0/);
      return true;
    });
    await s.stack.setConfig("cidr", { value: "10.1.0.0/16" });
    const res = await s.stack.up({ policyPacks: [policyPack], color: "never" });
    assert.equal(res.summary.result, "succeeded");
    assert.equal(res.summary.resourceChanges?.create, 2);
  } finally {
    await s.dispose();
    fs.rmSync(programDir, { recursive: true, force: true });
  }
});
