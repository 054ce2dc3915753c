/**
 * The key toolkit, JWT/PKCE/URL helpers and the user-slot logic against the emulator, through the real
 * snowflake-sdk and the emulator's HTTP endpoints (SQL API, OAuth authorize and token endpoints).
 */
import { withEmulator, connect, exec, destroy, snowflake } from "../helpers/emulator";
import { test, describe } from "node:test";
import * as assert from "node:assert/strict";
import { key, encryptedKey, PASSPHRASE } from "../helpers/keys";
import { sqlApi, sqlApiWithToken, authorize, tokenRequest } from "../helpers/clients";
import { loadPrivateKey, normalizePublicKey } from "../../sdk/keys";
import { snowflakeKeyPairJwt } from "../../sdk/jwt";
import { createPkcePair } from "../../sdk/pkce";
import { converge, readSlots, remove, planStatements, SqlRunner } from "../../provider/keys/user-rsa-keys-provider";
import { Ident } from "../../provider/sql/quote";

function runnerOf(conn: any): SqlRunner & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    run: async (sql: string) => {
      sent.push(sql);
      return exec(conn, sql);
    },
  };
}

describe("against the emulator", () => {
  test("snowflake-sdk logs in with generateRsaKeyPair's encrypted PKCS#8 and privateKeyPass", async () => {
    await withEmulator(async (emu) => {
      const k = await encryptedKey();
      const admin = await connect(emu);
      await exec(admin, `CREATE USER ENC_USER RSA_PUBLIC_KEY = '${k.publicKeyBody}'`);
      const c = await connect(emu, {
        username: "ENC_USER",
        authenticator: "SNOWFLAKE_JWT",
        privateKey: k.privateKeyPem,
        privateKeyPass: PASSPHRASE,
      });
      const rows = await exec(c, "SELECT CURRENT_USER()");
      assert.equal(Object.values(rows[0])[0], "ENC_USER");
      await destroy(c);
      // The wrong passphrase never logs in.
      await assert.rejects(
        connect(emu, { username: "ENC_USER", authenticator: "SNOWFLAKE_JWT", privateKey: k.privateKeyPem, privateKeyPass: "wrong" }),
      );
      await destroy(admin);
      void snowflake;
    });
  });

  test("fingerprints are byte-identical to DESC USER's RSA_PUBLIC_KEY_FP, for every accepted input form", async () => {
    await withEmulator(async (emu) => {
      const k = await key(0);
      const admin = await connect(emu);
      await exec(admin, "CREATE USER FP_USER");
      for (const form of [k.publicKeyPem, k.publicKeyBody, k.publicKeyPem.replace(/\n/g, "\r\n")]) {
        const n = normalizePublicKey(form);
        await exec(admin, `ALTER USER FP_USER SET RSA_PUBLIC_KEY = '${n.body}'`);
        const rows = await exec(admin, "DESC USER FP_USER");
        assert.equal(rows.find((r: any) => r.property === "RSA_PUBLIC_KEY_FP").value, n.fingerprint);
      }
      await destroy(admin);
    });
  });

  test("SQL API with snowflakeKeyPairJwt: both slots work, account forms normalise, wrong key / no key fails", async () => {
    await withEmulator(async (emu) => {
      const [k0, k1, k2] = await Promise.all([key(0), key(1), key(2)]);
      const admin = await connect(emu);
      await exec(admin, `CREATE USER API_USER RSA_PUBLIC_KEY = '${k0.publicKeyBody}' RSA_PUBLIC_KEY_2 = '${k1.publicKeyBody}'`);
      for (const account of [
        emu.account,
        emu.account.toLowerCase(),
        `${emu.account}.us-east-2.aws`,
        `https://${emu.account.toLowerCase()}.snowflakecomputing.com`,
      ]) {
        const r = await sqlApi(emu.url, account, "api_user", k0.privateKeyPem);
        assert.ok(r.ok, `${account}: ${JSON.stringify(r.body)}`);
      }
      assert.ok((await sqlApi(emu.url, emu.account, "API_USER", k1.privateKeyPem)).ok, "slot 2 key");
      const bad = await sqlApi(emu.url, emu.account, "API_USER", k2.privateKeyPem);
      assert.equal(bad.ok, false);
      assert.equal(bad.code, "390144");
      // A JWT whose lifetime exceeds what the emulator allows is never produced: the helper refuses > 3600 s.
      assert.throws(() =>
        snowflakeKeyPairJwt({ account: emu.account, user: "API_USER", privateKey: k0.privateKeyPem, lifetimeSeconds: 7200 }),
      );
      // Expired token (issued 2 h ago with 1 h lifetime) fails.
      const old = snowflakeKeyPairJwt({
        account: emu.account,
        user: "API_USER",
        privateKey: k0.privateKeyPem,
        now: Date.now() - 7200_000,
        lifetimeSeconds: 3600,
      });
      assert.equal((await sqlApiWithToken(emu.url, old)).ok, false);
      await destroy(admin);
    });
  });

  test("OAuth custom client: authorize with PKCE + state + scopes, token request with key-pair JWT (bearer and client assertion), refresh", async () => {
    await withEmulator(async (emu) => {
      const [k0, k1] = await Promise.all([key(0), key(1)]);
      const admin = await connect(emu);
      await exec(admin, "CREATE ROLE ANALYST");
      await exec(admin, "CREATE USER ALICE PASSWORD = 'pw' DEFAULT_ROLE = ANALYST");
      await exec(admin, "GRANT ROLE ANALYST TO USER ALICE");
      await exec(
        admin,
        `CREATE SECURITY INTEGRATION KP_INT TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' ` +
          `OAUTH_REDIRECT_URI = 'https://app.example.com/cb' OAUTH_ISSUE_REFRESH_TOKENS = TRUE OAUTH_ENFORCE_PKCE = TRUE ` +
          `OAUTH_CLIENT_RSA_PUBLIC_KEY = '${k0.publicKeyBody}'`,
      );
      const desc = await exec(admin, "DESC SECURITY INTEGRATION KP_INT");
      const clientId = desc.find((r: any) => r.property === "OAUTH_CLIENT_ID").property_value;
      assert.equal(desc.find((r: any) => r.property === "OAUTH_CLIENT_RSA_PUBLIC_KEY_FP").property_value, k0.fingerprint);
      const redirectUri = "https://app.example.com/cb";
      for (const auth of ["bearer", "client_assertion"] as const) {
        const pkce = createPkcePair();
        const code = await authorize(emu.url, {
          clientId,
          redirectUri,
          user: "ALICE",
          password: "pw",
          role: "ANALYST",
          codeChallenge: pkce.challenge,
        });
        const tok = await tokenRequest(
          emu.url,
          emu.account,
          clientId,
          k0.privateKeyPem,
          { grant_type: "authorization_code", code, redirect_uri: redirectUri, code_verifier: pkce.verifier },
          auth,
        );
        assert.ok(tok.ok, `${auth}: ${JSON.stringify(tok.body)}`);
        assert.ok(tok.body.refresh_token);
        const refreshed = await tokenRequest(
          emu.url,
          emu.account,
          clientId,
          k0.privateKeyPem,
          { grant_type: "refresh_token", refresh_token: tok.body.refresh_token },
          auth,
        );
        assert.ok(refreshed.ok, `${auth} refresh: ${JSON.stringify(refreshed.body)}`);
        // The unregistered key is rejected as invalid_client.
        const wrong = await tokenRequest(
          emu.url,
          emu.account,
          clientId,
          k1.privateKeyPem,
          { grant_type: "refresh_token", refresh_token: tok.body.refresh_token },
          auth,
        );
        assert.equal(wrong.ok, false);
        assert.equal(wrong.code, "invalid_client");
      }
      // PKCE enforced: a wrong verifier fails with invalid_grant.
      const pkce = createPkcePair();
      const code = await authorize(emu.url, { clientId, redirectUri, user: "ALICE", password: "pw", codeChallenge: pkce.challenge });
      const badVerifier = await tokenRequest(emu.url, emu.account, clientId, k0.privateKeyPem, {
        grant_type: "authorization_code",
        code,
        redirect_uri: redirectUri,
        code_verifier: createPkcePair().verifier,
      });
      assert.equal(badVerifier.ok, false);
      assert.equal(badVerifier.code, "invalid_grant");
      await destroy(admin);
    });
  });

  test("user slot logic: create, add, remove, refuse replace-all, repair drift, delete only own keys — exact SQL", async () => {
    await withEmulator(async (emu) => {
      const [k0, k1, k2, k3] = await Promise.all([key(0), key(1), key(2), key(3)]);
      const admin = await connect(emu);
      await exec(admin, "CREATE USER SVC TYPE = SERVICE");
      const user = Ident.parse("svc");
      const r = runnerOf(admin);
      let slots = await converge(r, user, [k0.publicKeyPem], false);
      assert.deepEqual(slots, { slot1: k0.fingerprint, slot2: undefined });
      assert.deepEqual(r.sent, ["DESC USER SVC", `ALTER USER SVC SET RSA_PUBLIC_KEY = '${k0.publicKeyBody}'`]);
      r.sent.length = 0;
      // No-op: one DESC, nothing else.
      await converge(r, user, [k0.publicKeyPem], false);
      assert.deepEqual(r.sent, ["DESC USER SVC"]);
      r.sent.length = 0;
      // Step 1: add.
      slots = await converge(r, user, [k1.publicKeyPem, k0.publicKeyPem], false);
      assert.deepEqual(slots, { slot1: k0.fingerprint, slot2: k1.fingerprint });
      assert.deepEqual(r.sent.slice(1), [`ALTER USER SVC SET RSA_PUBLIC_KEY_2 = '${k1.publicKeyBody}'`]);
      assert.ok((await sqlApi(emu.url, emu.account, "SVC", k0.privateKeyPem)).ok);
      assert.ok((await sqlApi(emu.url, emu.account, "SVC", k1.privateKeyPem)).ok);
      r.sent.length = 0;
      // Step 3: remove the old key.
      slots = await converge(r, user, [k1.publicKeyPem], false);
      assert.deepEqual(r.sent.slice(1), ["ALTER USER SVC UNSET RSA_PUBLIC_KEY"]);
      assert.equal((await sqlApi(emu.url, emu.account, "SVC", k0.privateKeyPem)).ok, false, "retired key fails");
      assert.ok((await sqlApi(emu.url, emu.account, "SVC", k1.privateKeyPem)).ok);
      // Replace-all refused, names both fingerprints, sends nothing but the DESC.
      r.sent.length = 0;
      await assert.rejects(
        converge(r, user, [k2.publicKeyPem], false),
        (e: Error) => e.message.includes(k1.fingerprint) && e.message.includes(k2.fingerprint),
      );
      assert.deepEqual(r.sent, ["DESC USER SVC"]);
      // Drift: someone puts k3 into slot 1 by hand → removed; declared key stays in slot 2.
      await exec(admin, `ALTER USER SVC SET RSA_PUBLIC_KEY = '${k3.publicKeyBody}'`);
      r.sent.length = 0;
      slots = await converge(r, user, [k1.publicKeyPem], false);
      assert.deepEqual(r.sent.slice(1), ["ALTER USER SVC UNSET RSA_PUBLIC_KEY"]);
      assert.deepEqual(slots, { slot1: undefined, slot2: k1.fingerprint });
      // Delete unsets only the declared key; a foreign key survives.
      await exec(admin, `ALTER USER SVC SET RSA_PUBLIC_KEY = '${k3.publicKeyBody}'`);
      await remove("SVC", { userName: "SVC", fingerprints: [k1.fingerprint] } as any, r);
      assert.deepEqual(await readSlots(r, user), { slot1: k3.fingerprint, slot2: undefined });
      // A missing user: read says so, delete is a no-op, converge fails clearly.
      const ghost = Ident.parse("ghost");
      assert.equal(await readSlots(r, ghost), undefined);
      await remove("GHOST", { userName: "GHOST", fingerprints: [] } as any, r);
      await assert.rejects(converge(r, ghost, [k1.publicKeyPem], false), /does not exist/);
      assert.deepEqual(planStatements(Ident.parse('"Mixed"'), { set: [{ slot: 1, body: "B" }], unset: [2] }), [
        `ALTER USER "Mixed" SET RSA_PUBLIC_KEY = 'B'`,
        `ALTER USER "Mixed" UNSET RSA_PUBLIC_KEY_2`,
      ]);
      await destroy(admin);
      void loadPrivateKey;
    });
  });
});
