/**
 * `POST /session/v1/login-request` with the three authenticators the emulator knows (password,
 * SNOWFLAKE_JWT key pair, OAUTH access token), then the user's network policy and the session role.
 * Errors: FIDELITY.md, "Wire protocol" (390100, 390007, 390144, 390189, 390309, 390422).
 * @internal
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { SnowflakeError } from "../errors";
import { Session } from "../exec/context";
import { validateAccessToken } from "../oauth/tokens";
import { JwtError, findUser, verifyKeypairJwt } from "../auth/keypair-jwt";
import { checkPassword } from "../catalog/state";
import { resolveNameString } from "../exec/common";
import { clientIp, networkPolicyDeniedMessage, policyAllows } from "../auth/network";
import { parseJsonBody, sendJson } from "./io";
import { MASTER_VALIDITY_S, SESSION_VALIDITY_S } from "./sessions";
import { RESULT_PARAMETERS } from "./envelopes";
import { checkRoleRestriction, sessionRole } from "./session-role";
import type { HttpContext } from "./context";

/** A login error and the user name the statement log records for it. */
class LoginFailure {
  constructor(
    readonly err: SnowflakeError,
    readonly logUser: string | null,
  ) {}
}

interface Identity {
  user: string;
  /** OAuth: the token fixes the role and secondary roles. */
  role?: string;
  secondaryRoles?: "ALL" | "NONE";
  /** SNOWFLAKE_JWT with a named key pair: its name (for `lastUsedOn`) and ROLE_RESTRICTION. */
  keyPair?: string;
  roleRestriction?: string;
}

/** Who the login body authenticates as; throws SnowflakeError (JwtError carries the log reason). */
function authenticate(ctx: HttpContext, authenticator: string, d: Record<string, unknown>, loginName: string, ip: string): Identity {
  const cat = ctx.engine.catalog();
  if (authenticator === "SNOWFLAKE") {
    const u = findUser(cat, loginName);
    if (!u || !checkPassword(u.passwordHash, typeof d.PASSWORD === "string" ? d.PASSWORD : "")) {
      throw new LoginFailure(new SnowflakeError("390100", "08004", "Incorrect username or password was specified."), u?.name ?? null);
    }
    return { user: u.name };
  }
  if (authenticator === "SNOWFLAKE_JWT") {
    const v = verifyKeypairJwt(cat, ctx.engine.account, String(d.TOKEN ?? ""), ctx.engine.now());
    if (loginName && findUser(cat, loginName)?.name !== v.user) throw new JwtError("394300");
    // A role-restricted key pair evaluates privileges with that one role, so no secondary roles (interpretation of
    // "the role used for privilege evaluation", https://docs.snowflake.com/sql-reference/sql/alter-user-add-key-pair).
    return {
      user: v.user,
      keyPair: v.keyPair,
      roleRestriction: v.roleRestriction,
      secondaryRoles: v.roleRestriction !== undefined ? "NONE" : undefined,
    };
  }
  if (authenticator === "OAUTH") {
    const v = validateAccessToken(ctx.engine, String(d.TOKEN ?? ""), { ip });
    if (loginName && findUser(cat, loginName)?.name !== v.user) {
      // 390309 OAUTH_USERNAMES_MISMATCH (FIDELITY.md); message text unsourced.
      throw new SnowflakeError(
        "390309",
        "08004",
        "The user you were trying to authenticate as differs from the user tied to the access token.",
      );
    }
    return v;
  }
  throw new LoginFailure(new SnowflakeError("390100", "08004", `Authenticator '${authenticator}' is not supported by the emulator.`), null);
}

export function login(ctx: HttpContext, req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): void {
  const d = (parseJsonBody(body) as { data?: Record<string, unknown> }).data ?? {};
  const authenticator = String(d.AUTHENTICATOR ?? "SNOWFLAKE").toUpperCase();
  const loginName = typeof d.LOGIN_NAME === "string" ? d.LOGIN_NAME : "";
  const ip = clientIp(req, ctx.engine.trustForwardedFor);
  let who: Identity | undefined;
  let role: string;
  try {
    who = authenticate(ctx, authenticator, d, loginName, ip);
    const cat = ctx.engine.catalog();
    const user = cat.users[who.user];
    if (user.disabled) throw new SnowflakeError("390007", "08004", "User access disabled. Contact your local system administrator.");
    if (!policyAllows(cat, user.networkPolicy ?? cat.accountParameters["NETWORK_POLICY"], ip)) {
      throw new SnowflakeError("390422", "08004", networkPolicyDeniedMessage(ip));
    }
    role = sessionRole(cat, who.user, who.role, url.searchParams.get("roleName"));
    checkRoleRestriction(cat, who.user, role, who.roleRestriction);
  } catch (e) {
    const f =
      e instanceof LoginFailure ? e : e instanceof SnowflakeError ? new LoginFailure(e, who?.user ?? (loginName || null)) : undefined;
    if (!f) throw e;
    ctx.engine.log.append({
      sessionId: null,
      user: f.logUser,
      role: null,
      kind: "login",
      text: `LOGIN ${authenticator}`,
      outcome: "error",
      code: f.err instanceof JwtError ? f.err.reason : f.err.code,
    });
    return sendJson(res, 200, {
      data: {
        nextAction: "RETRY_LOGIN",
        authnMethod: authenticator === "SNOWFLAKE" ? "USERNAME_PASSWORD" : authenticator,
        loginName,
        errorCode: f.err.code,
        ...(f.err.data ?? {}),
      },
      code: f.err.code,
      message: f.err.message,
      success: false,
      headers: null,
    });
  }
  openSession(ctx, res, url, d, who, role, authenticator, ip);
}

function openSession(
  ctx: HttpContext,
  res: ServerResponse,
  url: URL,
  d: Record<string, unknown>,
  who: Identity,
  role: string,
  authenticator: string,
  clientIp: string,
): void {
  const user = ctx.engine.catalog().users[who.user];
  const opt = (k: string): string | undefined => {
    const v = url.searchParams.get(k);
    return v ? resolveNameString(v) : undefined;
  };
  const session: Session = {
    id: ctx.sessions.newSessionId(),
    user: who.user,
    role,
    secondaryRoles: who.secondaryRoles ?? (user.defaultSecondaryRoles && user.defaultSecondaryRoles.length === 0 ? "NONE" : "ALL"),
    database: opt("databaseName"),
    schema: opt("schemaName"),
    warehouse: opt("warehouse"),
    clientIp,
  };
  const st = ctx.sessions.open(session);
  ctx.engine.transact((draft) => {
    const u = draft.users[who.user];
    if (!u) return;
    const t = ctx.engine.now().toISOString();
    u.lastSuccessLogin = t;
    // SHOW USER KEY PAIRS `last_used_on` (https://docs.snowflake.com/sql-reference/sql/show-user-key-pairs).
    const k = who.keyPair !== undefined ? u.keyPairs?.find((x) => x.name === who.keyPair) : undefined;
    if (k) k.lastUsedOn = t;
  });
  ctx.engine.log.append({ sessionId: session.id, user: who.user, role, kind: "login", text: `LOGIN ${authenticator}`, outcome: "ok" });
  const sessionParams = (d.SESSION_PARAMETERS ?? {}) as Record<string, unknown>;
  const parameters = [
    { name: "CLIENT_SESSION_KEEP_ALIVE", value: sessionParams.CLIENT_SESSION_KEEP_ALIVE === true },
    {
      name: "CLIENT_SESSION_KEEP_ALIVE_HEARTBEAT_FREQUENCY",
      value: Number(sessionParams.CLIENT_SESSION_KEEP_ALIVE_HEARTBEAT_FREQUENCY ?? 3600),
    },
    { name: "CLIENT_TELEMETRY_ENABLED", value: false },
    { name: "CLIENT_STAGE_ARRAY_BINDING_THRESHOLD", value: 65280 },
    { name: "AUTOCOMMIT", value: true },
    { name: "QUERY_CONTEXT_CACHE_SIZE", value: 5 },
    ...RESULT_PARAMETERS,
  ];
  sendJson(res, 200, {
    data: {
      token: st.token,
      validityInSeconds: SESSION_VALIDITY_S,
      masterToken: st.masterToken,
      masterValidityInSeconds: MASTER_VALIDITY_S,
      sessionId: session.id,
      parameters,
      sessionInfo: {
        databaseName: session.database ?? null,
        schemaName: session.schema ?? null,
        warehouseName: session.warehouse ?? null,
        roleName: role,
      },
      displayUserName: who.user,
      serverVersion: "9.0.0",
      firstLogin: false,
      idToken: null,
      mfaToken: null,
      healthCheckInterval: 45,
    },
    code: null,
    message: null,
    success: true,
  });
}
