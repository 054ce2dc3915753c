/**
 * The authenticators Snowflake has, checked before any login: snowflake-sdk does not refuse an unknown name, it logs
 * a warning and sends a password login with that name (`getAuthenticator` in
 * snowflake-sdk 3.3.0 `dist/lib/authentication/authentication.js`).
 *
 * Sources:
 *  - the Node.js driver's `authenticator` option,
 *    https://docs.snowflake.com/en/developer-guide/node-js/nodejs-driver-options#authentication-options;
 *  - snowflake-sdk 3.3.0 `dist/lib/authentication/authentication_types.js` (the same names, plus `ID_TOKEN`, which
 *    the driver uses internally for cached browser logins and the docs do not list);
 *  - native SSO through Okta, https://docs.snowflake.com/en/developer-guide/node-js/nodejs-driver-authenticate:
 *    the authenticator is the Okta URL (`https://<okta_account_name>.okta.com`); the driver treats any value that
 *    starts with `https://` as such a URL (`isOktaAuth` in `authentication.js`), so any https URL is accepted here.
 * @internal
 */
import { describeSetting, type Sourced } from "./sourced";
import { SnowflakeConnectionError } from "./errors";

export const AUTHENTICATORS: readonly string[] = [
  "SNOWFLAKE",
  "SNOWFLAKE_JWT",
  "OAUTH",
  "EXTERNALBROWSER",
  "USERNAME_PASSWORD_MFA",
  "PROGRAMMATIC_ACCESS_TOKEN",
  "OAUTH_AUTHORIZATION_CODE",
  "OAUTH_CLIENT_CREDENTIALS",
  "WORKLOAD_IDENTITY",
];

/** The authenticator as the driver takes it (names upper-cased), or an error naming the setting and its source. */
export function checkAuthenticator(s: Sourced): string {
  const v = s.value.trim();
  if (/^https:\/\/[^\s/]+\.[^\s/]+\/?$/i.test(v)) return v;
  const upper = v.toUpperCase();
  if (AUTHENTICATORS.includes(upper)) return upper;
  throw new SnowflakeConnectionError(
    `Snowflake connection setting ${describeSetting("authenticator", s)} is not an authenticator Snowflake has. ` +
      `Use one of ${AUTHENTICATORS.join(", ")}, or your Okta URL (https://<okta_account_name>.okta.com), ` +
      `or remove it to choose from the credentials given (password: SNOWFLAKE, private key: SNOWFLAKE_JWT, token: OAUTH).`,
  );
}
