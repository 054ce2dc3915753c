/**
 * Vocabulary of the property tables in `model/`. One table per Snowflake object kind; every statement, parser,
 * normaliser, diff and `check()` rule, the SDK's `Args` TSDoc and `provider/DOCS.md` are derived from these entries.
 * @internal
 */
import type * as pulumi from "@pulumi/pulumi";
import type { TagSpec } from "./tags";

/** How a property's value is typed, written in SQL, read from DESCRIBE and compared. */
export type PropKind =
  /** `TRUE`/`FALSE`; DESCRIBE `true`/`false`. */
  | "bool"
  /** Decimal integer. */
  | "int"
  /** Free text, written as a string literal. */
  | "string"
  /** One of `values`; written bare or quoted (see `literal`); compared upper-case. */
  | "enum"
  /** Role names: written `(ROLE, "Role")`, resolved like identifiers, compared as sets of stored names. */
  | "roleList"
  /** Strings: written `('a', 'b')`, compared as sets. */
  | "stringList"
  /** IPv4 addresses / CIDR ranges: written `('a', 'b')`, compared as sets. */
  | "ipList"
  /** Dotted object names (`db.schema.rule`): written as identifiers, compared as sets of stored names. */
  | "qualifiedList"
  /** A reference to another object by name written as a string literal that Snowflake resolves like an identifier (NETWORK_POLICY). */
  | "identifierRef";

/** How the current value is read back from `DESCRIBE`. */
export type DescribeParse =
  /** `true`/`false`. */
  | "bool"
  /** Decimal text. */
  | "int"
  /** Text as is (`''` = empty). */
  | "string"
  /** Comma-joined, no brackets (`A,B`; `''` = empty). See `parseCommaList`. */
  | "commaList"
  /** Python-style list text (`['a', 'b']`) or a bare single value. See `parseBracketList`. */
  | "bracketList"
  /** JSON array of `{"fullyQualifiedRuleName": "..."}` (DESCRIBE NETWORK POLICY rule lists). */
  | "ruleJson";

/** How "left unset" is restored on an existing object. */
export type ResetMode =
  /** `ALTER ... UNSET <prop>` (Snowflake documents the UNSET). */
  | "unset"
  /** `ALTER ... SET <prop> = <default>` (no UNSET exists; the table's default is written). */
  | "setDefault"
  /** `ALTER ... SET <prop> = ()` (lists). */
  | "setEmpty"
  /** Cannot go back to unset in place: the object is replaced. */
  | "replace";

/** A property's default exactly as Snowflake reports it after normalisation, with where that fact comes from. */
export interface DefaultSpec {
  readonly value: boolean | number | string | readonly string[];
  readonly source: string;
}

/** One property of one Snowflake object kind. */
export interface PropSpec {
  /** What the property does, for users: the SDK's TSDoc and DOCS.md. Range, default and sources are appended from the fields below. */
  readonly doc: string;
  /** Replaces the generated "Default …" sentence when the default needs explaining. */
  readonly defaultDoc?: string;
  /** SQL property name (`OAUTH_ENFORCE_PKCE`). */
  readonly sql: string;
  readonly kind: PropKind;
  /** Allowed values for `enum` (upper case). */
  readonly values?: readonly string[];
  /** Enum rendering: bare (`NONE`) or quoted (`'PUBLIC'`). Default bare. */
  readonly literal?: "bare" | "quoted";
  /** Inclusive numeric range for `int`, with its source. May differ per sub-kind (`rangeByKind`). */
  readonly range?: { readonly min: number; readonly max: number; readonly source: string };
  readonly rangeByKind?: Readonly<Record<string, { readonly min: number; readonly max: number; readonly source: string }>>;
  /** Maximum list length, optionally per sub-kind. */
  readonly maxItems?: number;
  readonly maxItemsByKind?: Readonly<Record<string, number>>;
  /** Snowflake's default (what DESCRIBE shows when never set), normalised. Absent = "none / empty". */
  readonly default?: DefaultSpec;
  /** Required at CREATE. */
  readonly required?: boolean;
  /** Always written at CREATE, with the default when not declared (the CREATE syntax lists it as mandatory). */
  readonly alwaysAtCreate?: boolean;
  /** Only these sub-kinds (partner OAUTH_CLIENT, EXTERNAL_OAUTH_TYPE) take the property. Absent = all. */
  readonly kinds?: readonly string[];
  /** Sub-kinds for which the property is required. */
  readonly requiredForKinds?: readonly string[];
  /** Accepted by `ALTER ... SET`. When false, a change forces replacement. */
  readonly set: boolean;
  /** How to go back to the default when the user stops declaring it. */
  readonly reset: ResetMode;
  /** A change of value forces replacement (no ALTER exists). */
  readonly immutable?: boolean;
  /** The value is secret: redacted in the SQL log. */
  readonly secret?: boolean;
  /** DESCRIBE row and parse rule; absent = not shown by DESCRIBE (drift not detectable). */
  readonly describe?: { readonly row: string; readonly parse: DescribeParse };
  /** Privileged roles may be added to this list by Snowflake under the named account parameter. */
  readonly privilegedParam?: "OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST" | "EXTERNAL_OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST";
  /** Snowflake documentation URL. */
  readonly docs: string;
}

/** A property table: TypeScript argument name → property. */
export type PropTable = Readonly<Record<string, PropSpec>>;

/** The unwrapped TypeScript type of a property's value. */
export type ValueOf<P extends PropSpec> = P["kind"] extends "bool"
  ? boolean
  : P["kind"] extends "int"
    ? number
    : P["kind"] extends "enum"
      ? P["values"] extends readonly (infer V)[]
        ? V
        : string
      : P["kind"] extends "roleList" | "stringList" | "ipList" | "qualifiedList"
        ? string[]
        : string;

/** The SDK input type of a property (lists take inputs element-wise). */
export type InputOf<P extends PropSpec> = ValueOf<P> extends string[] ? pulumi.Input<pulumi.Input<string>[]> : pulumi.Input<ValueOf<P>>;

/** All table properties as optional `pulumi.Input`s; JSDoc comes from the table keys (homomorphic mapped type). */
export type ArgsFromTable<T extends PropTable> = { [K in keyof T]?: InputOf<T[K]> };

/** Unwrapped provider-side inputs of a table. */
export type PlainFromTable<T extends PropTable> = { [K in keyof T]?: ValueOf<T[K]> };

/** A normalised property value: booleans, numbers, strings, or sorted string sets. */
export type NormValue = boolean | number | string | string[];

/**
 * A cross-field rule next to a table. `check` receives the plain inputs with unknown values removed
 * (a rule whose fields are unknown never fires) and returns failures `{property, reason}`.
 */
export interface CrossRule {
  /** Short name, used in test case names. */
  readonly name: string;
  /** Fields read by the rule; the rule is skipped when one of them is unknown. */
  readonly fields: readonly string[];
  readonly check: (inputs: Readonly<Record<string, unknown>>) => Failure[];
}

/** Key-slot properties of an object kind (SQL names and how DESCRIBE shows them). */
export interface KeySlotSpec {
  readonly slot1: { readonly sql: string; readonly describeRow: string; readonly shows: "fingerprint" | "raw" };
  readonly slot2: { readonly sql: string; readonly describeRow: string; readonly shows: "fingerprint" | "raw" };
  /** The ALTER syntax has no UNSET for the slots (External OAuth): a freed slot is overwritten with a kept key. */
  readonly cannotBeUnset?: boolean;
}

/** A validation failure as `check()` reports it (Pulumi's `CheckFailure`). */
export interface Failure {
  readonly property: string;
  readonly reason: string;
}

/** A whole object kind: its table, its rules and how its statements are spelled. */
export interface ObjectSpec {
  /** `OAuthIntegration`, `NetworkPolicy`, … (the type token's last segment). */
  readonly resource: string;
  /** Noun in statements: `SECURITY INTEGRATION` / `NETWORK POLICY`. */
  readonly createNoun: string;
  /** Noun in ALTER: `SECURITY INTEGRATION` / `NETWORK POLICY`. */
  readonly alterNoun: string;
  /** Noun in DESCRIBE and DROP: `INTEGRATION` / `NETWORK POLICY`. */
  readonly describeNoun: string;
  /** Fixed clauses after the name at CREATE (`TYPE = OAUTH OAUTH_CLIENT = CUSTOM`), given the sub-kind. */
  readonly fixedCreate: (subKind: string | undefined) => string;
  /** The input naming the sub-kind (`oauthClient`, `externalOAuthType`), if any. */
  readonly subKindArg?: string;
  readonly table: PropTable;
  readonly rules: readonly CrossRule[];
  readonly docs: string;
  /** Names are unique among all objects of the noun in the account: a same-name replacement must delete first. */
  readonly namesAreUnique: boolean;
  /** `ALTER ... RENAME TO` exists: a name change renames in place. */
  readonly renameInPlace?: boolean;
  /**
   * Snowflake allows one object per sub-kind in the account (the source): a replacement that keeps the sub-kind must
   * delete the old object first, whatever the name.
   */
  readonly onePerSubKind?: string;
  /** Client secrets read back as outputs (`SYSTEM$SHOW_OAUTH_CLIENT_SECRETS`): custom OAuth clients. */
  readonly clientSecrets?: boolean;
  /** `ALTER ... REFRESH OAUTH_CLIENT_SECRET[_2]` exists: custom clients and partner applications (ALTER page). */
  readonly secretRotation?: boolean;
  /** The kind takes object tags (`ALTER ... SET TAG` / `UNSET TAG`), read back in this `SYSTEM$GET_TAG` domain. */
  readonly tags?: TagSpec;
}
