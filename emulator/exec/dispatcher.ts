/**
 * The one dispatcher: a switch on `statement.kind`, one executor module per object kind, and a
 * `never` check so a new statement kind that nobody executes is a compile error.
 * Executors mutate `ctx.catalog` (a draft); the caller commits it only on success.
 * @internal
 */
import { NotSupported } from "../errors";
import { Statement } from "../sql/ast";
import { executeAccountStatement } from "./account";
import { ExecContext, ResultSet } from "./context";
import { executeIntegrationStatement } from "./integrations";
import { executeNetworkPolicyStatement } from "./network-policies";
import { executeRoleStatement } from "./roles";
import { executeSelect } from "./select";
import { executeUserStatement } from "./users";
import { executeTagStatement } from "./tags";
import { executeKeyPairStatement } from "./key-pairs";
import { executeNetworkRuleStatement } from "./network-rules";
import { executeTransactionStatement } from "./transactions";

export function execute(ctx: ExecContext, stmt: Statement): ResultSet {
  switch (stmt.kind) {
    case "transaction":
      return executeTransactionStatement(ctx, stmt);
    case "integration":
      return executeIntegrationStatement(ctx, stmt.stmt);
    case "select":
      return executeSelect(ctx, stmt);
    case "createUser":
    case "alterUser":
    case "describeUser":
    case "showUsers":
    case "dropUser":
      return executeUserStatement(ctx, stmt);
    case "createRole":
    case "dropRole":
    case "showRoles":
    case "grantRole":
    case "grantPrivilege":
    case "grantOwnership":
    case "showGrants":
    case "useRole":
    case "useSecondaryRoles":
      return executeRoleStatement(ctx, stmt);
    case "createNetworkPolicy":
    case "alterNetworkPolicy":
    case "describeNetworkPolicy":
    case "showNetworkPolicies":
    case "dropNetworkPolicy":
      return executeNetworkPolicyStatement(ctx, stmt);
    case "alterAccount":
    case "alterSession":
    case "showParameters":
      return executeAccountStatement(ctx, stmt);
    case "createDatabase":
    case "dropDatabase":
    case "createSchema":
    case "dropSchema":
    case "createTag":
    case "dropTag":
    case "showTags":
    case "tagAssociation":
      return executeTagStatement(ctx, stmt);
    case "createNetworkRule":
    case "alterNetworkRule":
    case "dropNetworkRule":
    case "describeNetworkRule":
    case "showNetworkRules":
    case "useDatabase":
    case "useSchema":
      return executeNetworkRuleStatement(ctx, stmt);
    case "addKeyPair":
    case "modifyKeyPair":
    case "rotateKeyPair":
    case "removeKeyPair":
    case "showKeyPairs":
      return executeKeyPairStatement(ctx, stmt);
    default:
      return never(stmt);
  }
}

function never(x: never): never {
  throw new NotSupported(`statement kind ${(x as { kind?: string }).kind}`);
}
