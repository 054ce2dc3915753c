/**
 * DESCRIBE → normalised → no diff round trips, blocked-role semantics, parsers, and plan ordering. No connection.
 */
import { UNKNOWN } from "../../model/unknown";
import { test } from "node:test";
import * as assert from "node:assert/strict";
import {
  convertIntegrationRows,
  convertNetworkPolicyRows,
  fingerprintOfBody,
  observe,
  observedAsInputs,
} from "../../provider/engine/describe";
import { plan, recordedParameters, type PlanRequest } from "../../provider/engine/plan";
import { parseBracketList, parseCommaList, parseRuleJson } from "../../provider/engine/values";
import { OAUTH_CUSTOM, OAUTH_CUSTOM_KEY_SLOTS } from "../../model/oauthCustom";
import { OAUTH_PARTNER } from "../../model/oauthPartner";
import { EXTERNAL_OAUTH, EXTERNAL_OAUTH_KEY_SLOTS } from "../../model/externalOAuth";
import { NETWORK_POLICY } from "../../model/networkPolicy";
import { planKeySlots } from "../../provider/keys/rotation";
import { customDefaultsRows, row, rsaPublicKey } from "../helpers/provider";

test("parseCommaList: table", () => {
  const cases: [string | null, string[]][] = [
    ["", []],
    [null, []],
    ["A", ["A"]],
    ["A,B", ["A", "B"]],
    [" A , B ", ["A", "B"]],
    ["[A,B]", ["A", "B"]],
    ["A,,B", ["A", "B"]],
    ["[]", []],
  ];
  for (const [i, o] of cases) assert.deepEqual(parseCommaList(i), o, String(i));
});

test("parseBracketList: table", () => {
  const cases: [string, string[]][] = [
    ["", []],
    ["[]", []],
    ["['foo']", ["foo"]],
    ["['a', 'b']", ["a", "b"]],
    ["['a','b']", ["a", "b"]],
    ["https://x", ["https://x"]],
    ["[a, b]", ["a", "b"]],
    ["['a,b', 'c']", ["a,b", "c"]],
    ['["x"]', ["x"]],
    ["['it\\'s']", ["it's"]],
  ];
  for (const [i, o] of cases) assert.deepEqual(parseBracketList(i), o, i);
});

test("parseRuleJson: JSON and bare fallback", () => {
  assert.deepEqual(parseRuleJson('[{"fullyQualifiedRuleName":"DB1.SC1.NR1"},{"fullyQualifiedRuleName":"DB1.SC1.NR2"}]'), [
    "DB1.SC1.NR1",
    "DB1.SC1.NR2",
  ]);
  assert.deepEqual(parseRuleJson("ALLOW_ACCESS_RULE"), ["ALLOW_ACCESS_RULE"]);
  assert.deepEqual(parseRuleJson(""), []);
});

function noDiff(req: Omit<PlanRequest, "parameters">, parameters: Record<string, boolean> = {}): void {
  const r = plan({ ...req, parameters });
  assert.deepEqual(r, { kind: "plan", steps: [] });
}

test("custom OAuth: DESCRIBE of a fresh integration → no diff against the minimal program", () => {
  const inputs = { name: "my_app", oauthClientType: "CONFIDENTIAL", oauthRedirectUri: "https://app.example.com/cb" };
  const observed = observe(OAUTH_CUSTOM, convertIntegrationRows(customDefaultsRows()), inputs, OAUTH_CUSTOM_KEY_SLOTS);
  noDiff(
    {
      spec: OAUTH_CUSTOM,
      name: "my_app",
      currentName: "MY_APP",
      inputs,
      observed,
      keys: { slots: OAUTH_CUSTOM_KEY_SLOTS, desired: [], planKeySlots },
    },
    { OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST: true },
  );
});

test("custom OAuth: everything declared round-trips (case, order, quoting, keys by fingerprint)", () => {
  const k = rsaPublicKey();
  const fp = fingerprintOfBody(k.body);
  const inputs = {
    oauthClientType: "public",
    oauthRedirectUri: "http://localhost/cb",
    oauthAllowNonTlsRedirectUri: true,
    oauthEnforcePkce: true,
    preAuthorizedRolesList: ["reader", "analyst"],
    blockedRolesList: ["sysadmin", '"Mixed"'],
    oauthUseSecondaryRoles: "none",
    oauthRefreshTokenValidity: 86400,
    networkPolicy: "corp",
    comment: "it's",
    enabled: false,
    allowedRolesList: [],
  };
  const rows = customDefaultsRows({
    OAUTH_CLIENT_TYPE: "PUBLIC",
    OAUTH_REDIRECT_URI: "http://localhost/cb",
    OAUTH_ALLOW_NON_TLS_REDIRECT_URI: "true",
    OAUTH_ENFORCE_PKCE: "true",
    PRE_AUTHORIZED_ROLES_LIST: "ANALYST,READER",
    BLOCKED_ROLES_LIST: "ACCOUNTADMIN,Mixed,SECURITYADMIN,SYSADMIN",
    OAUTH_REFRESH_TOKEN_VALIDITY: "86400",
    NETWORK_POLICY: "CORP",
    COMMENT: "it's",
    ENABLED: "false",
    OAUTH_CLIENT_RSA_PUBLIC_KEY_FP: fp,
  });
  const observed = observe(OAUTH_CUSTOM, convertIntegrationRows(rows), inputs, OAUTH_CUSTOM_KEY_SLOTS);
  noDiff(
    {
      spec: OAUTH_CUSTOM,
      name: "MY_APP",
      currentName: "MY_APP",
      inputs,
      observed,
      keys: { slots: OAUTH_CUSTOM_KEY_SLOTS, desired: [{ fingerprint: fp, body: k.body }], planKeySlots },
    },
    { OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST: true },
  );
});

test("blocked roles: the account parameter is only needed when DESCRIBE shows undeclared privileged roles", () => {
  const inputs = { oauthClientType: "CONFIDENTIAL", oauthRedirectUri: "https://app.example.com/cb", blockedRolesList: ["SYSADMIN"] };
  const base = { spec: OAUTH_CUSTOM, name: "MY_APP", currentName: "MY_APP", inputs };
  const obs = (v: string) => observe(OAUTH_CUSTOM, convertIntegrationRows(customDefaultsRows({ BLOCKED_ROLES_LIST: v })), inputs);
  // exact match: no parameter needed
  assert.deepEqual(plan({ ...base, observed: obs("SYSADMIN") }), { kind: "plan", steps: [] });
  // privileged extras: needs the parameter
  assert.deepEqual(plan({ ...base, observed: obs("ACCOUNTADMIN,SECURITYADMIN,SYSADMIN") }), {
    kind: "needsParameter",
    parameter: "OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST",
  });
  // parameter TRUE: no diff, also with ORGADMIN (organisation accounts)
  noDiff({ ...base, observed: obs("ACCOUNTADMIN,ORGADMIN,SECURITYADMIN,SYSADMIN") }, { OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST: true });
  // parameter FALSE: the extra roles were set by someone → repair
  const r = plan({ ...base, observed: obs("ACCOUNTADMIN,SYSADMIN"), parameters: { OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST: false } });
  assert.equal(
    r.kind === "plan" && r.steps[0].op === "set" ? r.steps[0].sql : "",
    "ALTER SECURITY INTEGRATION MY_APP SET BLOCKED_ROLES_LIST = (SYSADMIN)",
  );
  // a missing declared role is a diff whatever the parameter
  const r2 = plan({ ...base, observed: obs("ACCOUNTADMIN,SECURITYADMIN"), parameters: {} });
  assert.equal(r2.kind, "plan");
});

test("blocked roles: the parameter recorded at the last apply is reused while the declared list resolves to the same roles", () => {
  const P = "OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST";
  const base = { oauthClientType: "CONFIDENTIAL", oauthRedirectUri: "https://app.example.com/cb" };
  const previous = {
    ...base,
    blockedRolesList: ["analyst", '"Mixed"'],
    privilegedRolesAdded: true,
    effectiveBlockedRoles: ["SECURITYADMIN", "Mixed", "ANALYST", "ACCOUNTADMIN"],
  };
  const obs = (v: string, inputs: Record<string, unknown>) =>
    observe(OAUTH_CUSTOM, convertIntegrationRows(customDefaultsRows({ BLOCKED_ROLES_LIST: v })), inputs);
  const req = (blockedRolesList: unknown, shown = "ACCOUNTADMIN,ANALYST,Mixed,SECURITYADMIN") => {
    const inputs = { ...base, blockedRolesList };
    return { spec: OAUTH_CUSTOM, previous, inputs, observed: obs(shown, inputs) };
  };
  // Same roles, spelled differently (case of unquoted names, order): reused — a no-op diff needs no SHOW PARAMETERS.
  assert.deepEqual(recordedParameters(req(["ANALYST", '"Mixed"'])), { [P]: true });
  assert.deepEqual(recordedParameters(req(['"Mixed"', "Analyst"])), { [P]: true });
  // A different role set, a quoted name that resolves differently, or a changed DESCRIBE: not reused.
  assert.deepEqual(recordedParameters(req(["ANALYST"])), {});
  assert.deepEqual(recordedParameters(req(["analyst", "mixed"])), {});
  assert.deepEqual(recordedParameters(req(["analyst", '"Mixed"'], "ACCOUNTADMIN,ANALYST,SECURITYADMIN")), {});
  // Unset and [] declare the same (empty) list.
  const empty = { ...previous, blockedRolesList: undefined, effectiveBlockedRoles: ["ACCOUNTADMIN", "SECURITYADMIN"] };
  const emptyReq = {
    spec: OAUTH_CUSTOM,
    previous: empty,
    inputs: { ...base, blockedRolesList: [] },
    observed: obs("ACCOUNTADMIN,SECURITYADMIN", base),
  };
  assert.deepEqual(recordedParameters(emptyReq), { [P]: true });
  // And the plan built with it is empty.
  const r = req(["ANALYST", '"Mixed"']);
  assert.deepEqual(plan({ ...r, name: "APP", currentName: "APP", parameters: recordedParameters(r) }), { kind: "plan", steps: [] });
});

test("blocked roles: refresh keeps declared text and drops privileged roles Snowflake added", () => {
  const prev = { oauthClientType: "CONFIDENTIAL", oauthRedirectUri: "https://app.example.com/cb", blockedRolesList: ["sysadmin"] };
  const observed = observe(
    OAUTH_CUSTOM,
    convertIntegrationRows(customDefaultsRows({ BLOCKED_ROLES_LIST: "ACCOUNTADMIN,SECURITYADMIN,SYSADMIN" })),
    prev,
  );
  const ins = observedAsInputs(OAUTH_CUSTOM, observed, prev, { OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST: true });
  assert.deepEqual(ins.blockedRolesList, ["sysadmin"]);
  const drift = observe(
    OAUTH_CUSTOM,
    convertIntegrationRows(customDefaultsRows({ BLOCKED_ROLES_LIST: "ACCOUNTADMIN,PUBLIC,SECURITYADMIN", OAUTH_ENFORCE_PKCE: "true" })),
    prev,
  );
  const ins2 = observedAsInputs(OAUTH_CUSTOM, drift, prev, { OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST: true });
  assert.deepEqual(ins2.blockedRolesList, ["PUBLIC"]);
  assert.equal(ins2.oauthEnforcePkce, true);
});

test("partner OAuth: fresh DESCRIBE → no diff; OAUTH_CLIENT (no DESCRIBE row) compared with the last apply", () => {
  const inputs = { oauthClient: "TABLEAU_DESKTOP" };
  const observed = observe(
    OAUTH_PARTNER,
    convertIntegrationRows(customDefaultsRows({ OAUTH_CLIENT_TYPE: "PUBLIC", OAUTH_REDIRECT_URI: "" })),
    inputs,
  );
  noDiff(
    { spec: OAUTH_PARTNER, name: "T", currentName: "T", inputs, previous: inputs, observed },
    { OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST: true },
  );
  const r = plan({
    spec: OAUTH_PARTNER,
    name: "T",
    currentName: "T",
    inputs: { oauthClient: "LOOKER", oauthRedirectUri: "https://l" },
    previous: inputs,
    observed,
    parameters: { OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST: true },
    namesAreUnique: true,
  });
  assert.deepEqual(r, { kind: "plan", steps: [{ op: "replace", props: ["oauthClient"], deleteBeforeReplace: true }] });
});

test("External OAuth: DESCRIBE (Object/List shapes, raw keys) → no diff", () => {
  const k = rsaPublicKey();
  const wrapped = k.body.replace(/(.{64})/g, "$1\n") + "\n";
  const inputs = {
    externalOAuthType: "CUSTOM",
    externalOAuthIssuer: "https://idp",
    externalOAuthTokenUserMappingClaim: ["sub", "upn"],
    externalOAuthSnowflakeUserMappingAttribute: "login_name",
    externalOAuthAudienceList: ["b", "a"],
    externalOAuthAllowedRolesList: ["r1"],
    externalOAuthScopeDelimiter: " ",
  };
  const rows = [
    row("ENABLED", "Boolean", "true", "true"),
    row("EXTERNAL_OAUTH_ISSUER", "String", "https://idp", ""),
    row("EXTERNAL_OAUTH_JWS_KEYS_URL", "Object", "", ""),
    row("EXTERNAL_OAUTH_ANY_ROLE_MODE", "String", "DISABLE", ""),
    row("EXTERNAL_OAUTH_SCOPE_MAPPING_ATTRIBUTE", "String", "scp", "scp"),
    row("EXTERNAL_OAUTH_RSA_PUBLIC_KEY", "String", wrapped, ""),
    row("EXTERNAL_OAUTH_RSA_PUBLIC_KEY_2", "String", "", ""),
    row("EXTERNAL_OAUTH_BLOCKED_ROLES_LIST", "List", "", "[]"),
    row("EXTERNAL_OAUTH_ALLOWED_ROLES_LIST", "List", "R1", "[]"),
    row("EXTERNAL_OAUTH_AUDIENCE_LIST", "List", "a,b", "[]"),
    row("EXTERNAL_OAUTH_TOKEN_USER_MAPPING_CLAIM", "Object", "['sub', 'upn']", ""),
    row("EXTERNAL_OAUTH_SNOWFLAKE_USER_MAPPING_ATTRIBUTE", "String", "LOGIN_NAME", ""),
    row("EXTERNAL_OAUTH_SCOPE_DELIMITER", "String", " ", ","),
    row("COMMENT", "String", "", ""),
  ];
  const observed = observe(EXTERNAL_OAUTH, convertIntegrationRows(rows), inputs, EXTERNAL_OAUTH_KEY_SLOTS);
  assert.equal(observed.keySlots?.slot1, fingerprintOfBody(k.body));
  noDiff({
    spec: EXTERNAL_OAUTH,
    name: "EXT",
    currentName: "EXT",
    inputs,
    previous: inputs,
    observed,
    keys: {
      slots: EXTERNAL_OAUTH_KEY_SLOTS,
      desired: [{ fingerprint: fingerprintOfBody(k.body), body: k.body }],
      planKeySlots: (c, d, o) => planKeySlots(c, d, { ...o, slotsCannotBeUnset: true }),
    },
  });
});

test("network policy: DESCRIBE rows (only non-empty lists) + SHOW comment → no diff", () => {
  const inputs = { allowedIpList: ["192.168.1.0/24", "10.0.0.1"], allowedNetworkRuleList: ["db1.sc1.nr1"], comment: "c" };
  const described = convertNetworkPolicyRows(
    [
      { name: "ALLOWED_IP_LIST", value: "192.168.1.0/24,10.0.0.1" },
      { name: "ALLOWED_NETWORK_RULE_LIST", value: '[{"fullyQualifiedRuleName":"DB1.SC1.NR1"}]' },
    ],
    NETWORK_POLICY,
  );
  described.set("COMMENT", { name: "COMMENT", type: "String", value: "c", default: "" });
  const observed = observe(NETWORK_POLICY, described, inputs);
  noDiff({ spec: NETWORK_POLICY, name: "NP", currentName: "NP", inputs, observed });
});

test("plan: a vanished row (not shown by DESCRIBE) is compared with the last applied value, not flagged forever", () => {
  const inputs = { oauthClientType: "CONFIDENTIAL", oauthRedirectUri: "https://app.example.com/cb", oauthAccessTokenValidity: 300 };
  const observed = observe(OAUTH_CUSTOM, convertIntegrationRows(customDefaultsRows()), inputs);
  noDiff(
    { spec: OAUTH_CUSTOM, name: "MY_APP", currentName: "MY_APP", inputs, previous: inputs, observed },
    { OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST: true },
  );
  const r = plan({
    spec: OAUTH_CUSTOM,
    name: "MY_APP",
    currentName: "MY_APP",
    inputs: { ...inputs, oauthAccessTokenValidity: 900 },
    previous: inputs,
    observed,
    parameters: { OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST: true },
  });
  assert.equal(
    r.kind === "plan" && r.steps[0].op === "set" ? r.steps[0].sql : "",
    "ALTER SECURITY INTEGRATION MY_APP SET OAUTH_ACCESS_TOKEN_VALIDITY = 900",
  );
});

test("plan: immutable change → replace, delete-before-replace when the name stays; name change → replace, create first", () => {
  const inputs = { oauthClientType: "PUBLIC", oauthRedirectUri: "https://app.example.com/cb" };
  const observed = observe(OAUTH_CUSTOM, convertIntegrationRows(customDefaultsRows()), inputs);
  const p = { OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST: true };
  assert.deepEqual(
    plan({ spec: OAUTH_CUSTOM, name: "MY_APP", currentName: "MY_APP", inputs, observed, parameters: p, namesAreUnique: true }),
    {
      kind: "plan",
      steps: [{ op: "replace", props: ["oauthClientType"], deleteBeforeReplace: true }],
    },
  );
  assert.deepEqual(
    plan({
      spec: OAUTH_CUSTOM,
      name: "other",
      currentName: "MY_APP",
      inputs: { ...inputs, oauthClientType: "CONFIDENTIAL" },
      observed,
      parameters: p,
      namesAreUnique: true,
    }),
    {
      kind: "plan",
      steps: [{ op: "replace", props: ["name"], deleteBeforeReplace: false }],
    },
  );
});

test("plan: values unknown at preview show as changes (or replaces) without failing", () => {
  const U = UNKNOWN;
  const inputs = { oauthClientType: "CONFIDENTIAL", oauthRedirectUri: "https://app.example.com/cb", networkPolicy: U };
  const observed = observe(OAUTH_CUSTOM, convertIntegrationRows(customDefaultsRows()), inputs);
  const r = plan({
    spec: OAUTH_CUSTOM,
    name: "MY_APP",
    currentName: "MY_APP",
    inputs,
    observed,
    parameters: { OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST: true },
  });
  assert.ok(r.kind === "plan" && r.steps.length === 1 && r.steps[0].op === "set");
});

test("plan: no plan ever leaves zero keys while keys are declared (SET before UNSET, all transitions of 2 slots)", () => {
  const fps = ["SHA256:a", "SHA256:b", "SHA256:c"];
  const slotsStates = [undefined, ...fps];
  const decls: string[][] = [
    [],
    ["SHA256:a"],
    ["SHA256:b"],
    ["SHA256:c"],
    ["SHA256:a", "SHA256:b"],
    ["SHA256:a", "SHA256:c"],
    ["SHA256:b", "SHA256:c"],
  ];
  let checked = 0;
  for (const s1 of slotsStates)
    for (const s2 of slotsStates)
      for (const d of decls)
        for (const allow of [false, true]) {
          const observed = { values: {}, keySlots: { slot1: s1, slot2: s2 } };
          const r = plan({
            spec: { ...OAUTH_CUSTOM, table: {}, rules: [] },
            name: "X",
            currentName: "X",
            inputs: {},
            observed,
            keys: {
              slots: OAUTH_CUSTOM_KEY_SLOTS,
              desired: d.map((f) => ({ fingerprint: f, body: f })),
              allowReplacingAllKeys: allow,
              planKeySlots,
            },
          });
          if (r.kind !== "plan") continue;
          const ops = r.steps.map((x) => x.op);
          assert.ok(ops.indexOf("unset") === -1 || ops.indexOf("set") === -1 || ops.indexOf("set") < ops.indexOf("unset"));
          // simulate: after each statement at least one key is registered if one was before and keys are declared
          const slots: (string | undefined)[] = [s1, s2];
          const before = slots.some(Boolean);
          for (const st of r.steps) {
            if (st.op === "set")
              for (const m of st.sql.matchAll(/OAUTH_CLIENT_RSA_PUBLIC_KEY(_2)? = '([^']*)'/g)) slots[m[1] ? 1 : 0] = m[2];
            if (st.op === "unset")
              for (const m of st.sql.matchAll(/OAUTH_CLIENT_RSA_PUBLIC_KEY(_2)?(?=,|$)/g)) slots[m[1] ? 1 : 0] = undefined;
            if (before && d.length > 0) assert.ok(slots.some(Boolean), `zero keys after ${st.op} (${s1},${s2} → ${d})`);
          }
          checked++;
        }
  assert.ok(checked > 50);
});

test("adopt: rows DESCRIBE does not show (OAUTH_CLIENT) are taken as declared when there is no previous apply", () => {
  const inputs = { oauthClient: "LOOKER", oauthRedirectUri: "https://l/cb" };
  const observed = observe(OAUTH_PARTNER, convertIntegrationRows(customDefaultsRows({ OAUTH_REDIRECT_URI: "https://l/cb" })), inputs);
  noDiff({ spec: OAUTH_PARTNER, name: "L", currentName: "L", inputs, observed }, { OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST: true });
});

test("DESCRIBE rows are parsed by their property_type", () => {
  const { parseRuleFor } = require("../../provider/engine/describe") as typeof import("../../provider/engine/describe");
  const t = OAUTH_CUSTOM.table;
  const d = (type: string) => ({ name: "X", type, value: "", default: "" });
  assert.equal(parseRuleFor(t.enabled, d("Boolean")), "bool");
  assert.equal(parseRuleFor(t.oauthRefreshTokenValidity, d("Long")), "int");
  assert.equal(parseRuleFor(t.oauthRefreshTokenValidity, d("Integer")), "int");
  assert.equal(parseRuleFor(t.blockedRolesList, d("List")), "commaList");
  assert.equal(parseRuleFor(EXTERNAL_OAUTH.table.externalOAuthTokenUserMappingClaim, d("Object")), "bracketList");
  assert.equal(parseRuleFor(EXTERNAL_OAUTH.table.externalOAuthAudienceList, d("List")), "commaList");
  assert.equal(parseRuleFor(t.comment, d("String")), "string");
  assert.equal(parseRuleFor(NETWORK_POLICY.table.allowedNetworkRuleList, d("List")), "ruleJson");
  assert.equal(parseRuleFor(t.blockedRolesList, d("")), "commaList", "no type: the table's rule");
});

test("stored names shown quoted in DESCRIBE are tolerated (network policy, roles)", () => {
  const inputs = {
    oauthClientType: "CONFIDENTIAL",
    oauthRedirectUri: "https://app.example.com/cb",
    networkPolicy: '"edge np"',
    blockedRolesList: ['"Mixed"'],
  };
  const observed = observe(
    OAUTH_CUSTOM,
    convertIntegrationRows(customDefaultsRows({ NETWORK_POLICY: '"edge np"', BLOCKED_ROLES_LIST: '"Mixed"' })),
    inputs,
  );
  noDiff({ spec: OAUTH_CUSTOM, name: "A", currentName: "A", inputs, observed });
});
