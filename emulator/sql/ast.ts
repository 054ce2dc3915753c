/**
 * Statement AST of the emulator core: one discriminated union on `kind`, each node `readonly`.
 * Integration statements are parsed by `integration-grammar.ts` and wrapped in `{ kind: "integration" }`.
 * @internal
 */
import { Token } from "./lexer";
import { Assignment, Ident } from "./cursor";
import { IntegrationStatement } from "./integration-grammar";

export type Props = ReadonlyMap<string, Assignment>;

/** SELECT expressions (no FROM): literals and function calls. */
export type Expr =
  | {
      readonly type: "literal";
      readonly sqlType: "fixed" | "real" | "text" | "boolean" | "null";
      readonly value: string | null;
      readonly token: Token;
    }
  | { readonly type: "call"; readonly name: string; readonly args: readonly Expr[]; readonly token: Token }
  | { readonly type: "column"; readonly name: string; readonly token: Token }
  | { readonly type: "cast"; readonly expr: Expr; readonly to: string; readonly token: Token }
  | { readonly type: "path"; readonly expr: Expr; readonly key: string; readonly token: Token };

export interface SelectItem {
  readonly expr: Expr;
  /** Column name in the result (alias, or the expression text upper-cased as Snowflake does). */
  readonly name: string;
}

export type ObjectType = "USER" | "ROLE" | "INTEGRATION" | "NETWORK POLICY" | "ACCOUNT";

export type UserAction =
  | { readonly type: "set"; readonly props: Props }
  | { readonly type: "unset"; readonly names: readonly Token[] }
  | { readonly type: "rename"; readonly newName: Ident };

export type NetworkPolicyAction =
  | { readonly type: "set"; readonly props: Props }
  | { readonly type: "unset"; readonly names: readonly Token[] }
  | { readonly type: "rename"; readonly newName: Ident }
  | { readonly type: "add" | "remove"; readonly props: Props };

export type ShowGrantsTarget =
  | { readonly type: "account" }
  | { readonly type: "on"; readonly objectType: ObjectType; readonly name?: Ident }
  | { readonly type: "toRole"; readonly name: Ident }
  | { readonly type: "toUser"; readonly name: Ident }
  | { readonly type: "ofRole"; readonly name: Ident }
  | { readonly type: "current" };

export type Statement =
  | TransactionStatement
  | TagStatement
  | NetworkRuleStatement
  | KeyPairStatement
  | { readonly kind: "integration"; readonly stmt: IntegrationStatement }
  | { readonly kind: "select"; readonly items: readonly SelectItem[] }
  | {
      readonly kind: "createUser";
      readonly orReplace: boolean;
      readonly ifNotExists: boolean;
      readonly name: Ident;
      readonly props: Props;
      /** `[ WITH ] TAG ( <tag> = '<v>' [ , … ] )`. */
      readonly tags?: readonly { readonly tag: readonly Ident[]; readonly value: string }[];
    }
  | { readonly kind: "alterUser"; readonly ifExists: boolean; readonly name: Ident; readonly action: UserAction }
  | { readonly kind: "describeUser"; readonly name: Ident }
  | {
      readonly kind: "showUsers";
      readonly terse: boolean;
      readonly like?: string;
      readonly startsWith?: string;
      readonly limit?: number;
      readonly from?: string;
    }
  | { readonly kind: "dropUser"; readonly ifExists: boolean; readonly name: Ident }
  | { readonly kind: "createRole"; readonly orReplace: boolean; readonly ifNotExists: boolean; readonly name: Ident; readonly props: Props }
  | { readonly kind: "dropRole"; readonly ifExists: boolean; readonly name: Ident }
  | { readonly kind: "showRoles"; readonly like?: string }
  | {
      readonly kind: "grantRole";
      readonly revoke: boolean;
      readonly role: Ident;
      readonly granteeType: "USER" | "ROLE";
      readonly grantee: Ident;
    }
  | {
      readonly kind: "grantPrivilege";
      readonly revoke: boolean;
      readonly privileges: readonly string[];
      readonly onType: ObjectType;
      readonly onName?: Ident;
      readonly role: Ident;
      readonly withGrantOption: boolean;
    }
  | {
      readonly kind: "grantOwnership";
      readonly onType: ObjectType;
      readonly onName: Ident;
      readonly role: Ident;
      readonly currentGrants?: "COPY" | "REVOKE";
    }
  | { readonly kind: "showGrants"; readonly target: ShowGrantsTarget }
  | { readonly kind: "useRole"; readonly role: Ident }
  | { readonly kind: "useSecondaryRoles"; readonly value: "ALL" | "NONE" }
  | {
      readonly kind: "createNetworkPolicy";
      readonly orReplace: boolean;
      readonly ifNotExists: boolean;
      readonly name: Ident;
      readonly props: Props;
    }
  | { readonly kind: "alterNetworkPolicy"; readonly ifExists: boolean; readonly name: Ident; readonly action: NetworkPolicyAction }
  | { readonly kind: "describeNetworkPolicy"; readonly name: Ident }
  | { readonly kind: "showNetworkPolicies"; readonly like?: string }
  | { readonly kind: "dropNetworkPolicy"; readonly ifExists: boolean; readonly name: Ident }
  | {
      readonly kind: "alterAccount";
      readonly action: { readonly type: "set"; readonly props: Props } | { readonly type: "unset"; readonly names: readonly Token[] };
    }
  | { readonly kind: "showParameters"; readonly like?: string; readonly scope: "ACCOUNT" | "SESSION" | "USER"; readonly user?: Ident }
  | {
      readonly kind: "alterSession";
      readonly action: { readonly type: "set"; readonly props: Props } | { readonly type: "unset"; readonly names: readonly Token[] };
    };

/** Objects that take tags here (https://docs.snowflake.com/en/sql-reference/functions/system_get_tag domains). */
export type TaggableType = "INTEGRATION" | "NETWORK POLICY" | "USER";

export type TagAction =
  | { readonly type: "setTag"; readonly tags: readonly { readonly tag: readonly Ident[]; readonly value: string }[] }
  | { readonly type: "unsetTag"; readonly tags: readonly (readonly Ident[])[] };

/** Databases, schemas, tags and tag associations (`tag-grammar.ts`). */
export type TagStatement =
  | {
      readonly kind: "createDatabase";
      readonly orReplace: boolean;
      readonly ifNotExists: boolean;
      readonly name: Ident;
      readonly comment?: string;
    }
  | { readonly kind: "dropDatabase"; readonly ifExists: boolean; readonly name: Ident }
  | {
      readonly kind: "createSchema";
      readonly orReplace: boolean;
      readonly ifNotExists: boolean;
      readonly name: readonly Ident[];
      readonly comment?: string;
    }
  | { readonly kind: "dropSchema"; readonly ifExists: boolean; readonly name: readonly Ident[] }
  | {
      readonly kind: "createTag";
      readonly orReplace: boolean;
      readonly ifNotExists: boolean;
      readonly name: readonly Ident[];
      readonly allowedValues?: readonly string[];
      readonly comment?: string;
    }
  | { readonly kind: "dropTag"; readonly ifExists: boolean; readonly name: readonly Ident[] }
  | {
      readonly kind: "showTags";
      readonly like?: string;
      readonly scope: { readonly type: "account" } | { readonly type: "database" | "schema"; readonly name: readonly Ident[] };
    }
  | {
      readonly kind: "tagAssociation";
      readonly objectType: TaggableType;
      readonly ifExists: boolean;
      readonly name: Ident;
      readonly action: TagAction;
    };

/** SHOW NETWORK RULES scope; `default` = no IN clause. */
export type NetworkRuleScope =
  { readonly type: "default" | "account" } | { readonly type: "database" | "schema"; readonly name?: readonly Ident[] };

/** Network rules and USE DATABASE / SCHEMA (`network-rule-grammar.ts`). */
export type NetworkRuleStatement =
  | {
      readonly kind: "createNetworkRule";
      readonly orReplace: boolean;
      readonly ifNotExists: boolean;
      readonly name: readonly Ident[];
      readonly props: Props;
    }
  | {
      readonly kind: "alterNetworkRule";
      readonly ifExists: boolean;
      readonly name: readonly Ident[];
      readonly action: { readonly type: "set"; readonly props: Props } | { readonly type: "unset"; readonly names: readonly Token[] };
    }
  | { readonly kind: "dropNetworkRule"; readonly ifExists: boolean; readonly name: readonly Ident[] }
  | { readonly kind: "describeNetworkRule"; readonly name: readonly Ident[] }
  | { readonly kind: "showNetworkRules"; readonly like?: string; readonly scope: NetworkRuleScope }
  | { readonly kind: "useDatabase"; readonly name: Ident }
  | { readonly kind: "useSchema"; readonly name: readonly Ident[] };

/** A typed option value with the token it came from (for error positions). */
export interface KeyPairOption<T> {
  readonly value: T;
  readonly token: Token;
}

/** `MODIFY KEY PAIR <name>` actions (https://docs.snowflake.com/sql-reference/sql/alter-user-modify-key-pair). */
export type KeyPairModifyAction =
  | { readonly type: "rename"; readonly newName: Ident }
  | { readonly type: "set"; readonly disabled?: boolean; readonly comment?: string }
  | { readonly type: "unset"; readonly disabled: boolean; readonly comment: boolean };

/**
 * Named user key pairs (`key-pair-grammar.ts`). `user` undefined = the session user. Pages:
 * https://docs.snowflake.com/sql-reference/sql/alter-user-add-key-pair, …-modify-key-pair, …-rotate-key-pair,
 * …-remove-key-pair, https://docs.snowflake.com/sql-reference/sql/show-user-key-pairs.
 */
export type KeyPairStatement =
  | {
      readonly kind: "addKeyPair";
      readonly ifExists: boolean;
      readonly user?: Ident;
      readonly name: Ident;
      readonly publicKey: string;
      readonly roleRestriction?: KeyPairOption<string>;
      readonly daysToExpiry?: KeyPairOption<number>;
      readonly comment?: string;
    }
  | {
      readonly kind: "modifyKeyPair";
      readonly ifExists: boolean;
      readonly user?: Ident;
      readonly name: Ident;
      readonly action: KeyPairModifyAction;
    }
  | {
      readonly kind: "rotateKeyPair";
      readonly ifExists: boolean;
      readonly user?: Ident;
      readonly name: Ident;
      readonly publicKey: string;
      readonly hours?: KeyPairOption<number>;
    }
  | { readonly kind: "removeKeyPair"; readonly ifExists: boolean; readonly user?: Ident; readonly name: Ident }
  | { readonly kind: "showKeyPairs"; readonly user?: Ident };

/** BEGIN / START TRANSACTION / COMMIT / ROLLBACK (`transaction-grammar.ts`). */
export type TransactionStatement = { readonly kind: "transaction"; readonly op: "begin" | "commit" | "rollback"; readonly name?: Ident };

export type StatementKind = Statement["kind"];
