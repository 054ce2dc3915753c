/**
 * Shared helpers for tests that talk to the emulator through the real snowflake-sdk.
 * Import this module FIRST in a test file: it sets SNOWFLAKE_DISABLE_PLATFORM_DETECTION before the driver loads.
 *
 * Stable API (other engineers' tests use it): withEmulator, connect, exec, execError, generateRsaKey, rsaBody,
 * makeKeypairJwt, ADMIN.
 */
process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION = "true";
process.env.SF_TELEMETRY_DISABLE_CONNECTION_SHAPE = process.env.SF_TELEMETRY_DISABLE_CONNECTION_SHAPE ?? "true";
process.env.NO_PROXY = "127.0.0.1,localhost";
process.env.no_proxy = "127.0.0.1,localhost";

import { createHash, createSign, generateKeyPairSync, KeyObject } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Emulator, EmulatorOptions, startEmulator } from "../../emulator/index";

const snowflake = require("snowflake-sdk");
snowflake.configure({ logLevel: "OFF" });

export { snowflake };

export const ADMIN = { username: "ADMIN", password: "admin" } as const;

/** Start an in-process emulator on a free port, run `fn`, always stop it. */
export async function withEmulator<T>(fn: (emu: Emulator) => Promise<T>, opts: EmulatorOptions = {}): Promise<T> {
  const emu = await startEmulator({ port: 0, ...opts });
  try {
    return await fn(emu);
  } finally {
    await emu.stop();
  }
}

/** A fresh temporary directory (removed by the caller with `fs.rmSync(dir, {recursive:true})` if wanted). */
export function tempDir(prefix = "sf-emu-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface ConnectOptions {
  username?: string;
  password?: string;
  role?: string;
  authenticator?: string;
  privateKey?: string;
  token?: string;
  [k: string]: unknown;
}

/** Connect with the real driver (default: the bootstrap admin). Resolves with the connected connection. */
export function connect(emu: Emulator, opts: ConnectOptions = {}): Promise<any> {
  const o: Record<string, unknown> = { accessUrl: emu.url, account: emu.account, ...ADMIN, ...opts };
  if (o.authenticator && o.authenticator !== "SNOWFLAKE") delete o.password;
  const conn = snowflake.createConnection(o);
  return new Promise((resolve, reject) => {
    conn.connect((err: unknown) => (err ? reject(err) : resolve(conn)));
  });
}

/** Run one statement; resolves with the rows (objects keyed by column name). */
export function exec(conn: any, sqlText: string, extra: Record<string, unknown> = {}): Promise<any[]> {
  return new Promise((resolve, reject) => {
    conn.execute({
      sqlText,
      ...extra,
      complete: (err: unknown, _stmt: unknown, rows: any[]) => (err ? reject(err) : resolve(rows ?? [])),
    });
  });
}

/** Run one statement that must fail; resolves with the driver error ({ code, sqlState, message }). */
export async function execError(conn: any, sqlText: string): Promise<{ code: string; sqlState: string; message: string }> {
  try {
    await exec(conn, sqlText);
  } catch (e) {
    return e as { code: string; sqlState: string; message: string };
  }
  throw new Error(`statement unexpectedly succeeded: ${sqlText}`);
}

/** Close a driver connection. */
export function destroy(conn: any): Promise<void> {
  return new Promise((resolve) => conn.destroy(() => resolve()));
}

/** Log in by password with the real snowflake-sdk; resolves with the error code, or null on success. */
export async function loginCode(emu: Emulator, username: string, password: string): Promise<string | null> {
  try {
    await destroy(await connect(emu, { username, password }));
    return null;
  } catch (e) {
    return String((e as { code?: unknown }).code);
  }
}

export interface RsaKey {
  privateKey: KeyObject;
  /** PKCS#8 PEM of the private key (what snowflake-sdk's `privateKey` option takes). */
  privatePem: string;
  /** base64 DER SPKI body, no armour (what `RSA_PUBLIC_KEY = '...'` takes). */
  publicBody: string;
  /** `SHA256:...` fingerprint. */
  fingerprint: string;
}

const keyCache = new Map<string, RsaKey>();

/** Generate (and cache per process under `label`) a 2048-bit RSA key pair. */
export function generateRsaKey(label = "default", modulusLength = 2048): RsaKey {
  const cacheKey = `${label}/${modulusLength}`;
  const hit = keyCache.get(cacheKey);
  if (hit) return hit;
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength });
  const der = publicKey.export({ type: "spki", format: "der" });
  const k: RsaKey = {
    privateKey,
    privatePem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicBody: der.toString("base64"),
    fingerprint: "SHA256:" + createHash("sha256").update(der).digest("base64"),
  };
  keyCache.set(cacheKey, k);
  return k;
}

/** Wrap a base64 body at 64 columns with a trailing newline (as TF tests send keys). */
export function rsaBody(k: RsaKey): string {
  return k.publicBody.replace(/(.{64})/g, "$1\n").replace(/\n?$/, "\n");
}

/** A key-pair JWT as Snowflake documents it (seconds). Override claims to build bad tokens. */
export function makeKeypairJwt(
  account: string,
  user: string,
  key: RsaKey,
  over: { iat?: number; exp?: number; iss?: string; sub?: string; alg?: string; signWith?: KeyObject } = {},
): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: over.alg ?? "RS256", typ: "JWT" };
  const payload = {
    iss: over.iss ?? `${account.toUpperCase()}.${user.toUpperCase()}.${key.fingerprint}`,
    sub: over.sub ?? `${account.toUpperCase()}.${user.toUpperCase()}`,
    iat: over.iat ?? now,
    exp: over.exp ?? now + 3000,
  };
  const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString("base64url");
  const input = `${b64(header)}.${b64(payload)}`;
  const sig = createSign("RSA-SHA256")
    .update(input)
    .sign(over.signWith ?? key.privateKey)
    .toString("base64url");
  return `${input}.${sig}`;
}
