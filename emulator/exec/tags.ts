/**
 * Databases, schemas (minimal), tags, and tag values set on integrations, network policies and users; plus
 * SYSTEM$GET_TAG for the select executor. Sources per behaviour in FIDELITY.md ("Databases, schemas and tags").
 *
 * A tag value belongs to one object, not to its name: it is stored under the object's domain, name and `created_on`,
 * so a dropped and re-created object starts without tags, and a rename moves them (`renameTagged`).
 * @internal
 */
import { doesNotExist, insufficientPrivileges, objectExists, SnowflakeError } from "../errors";
import { hasAccountPrivilege, isOwner, requireAccountPrivilege, requireOwnership, currentRoleHierarchy } from "../catalog/privileges";
import type { Catalog, DatabaseRecord, SchemaRecord, TagRecord } from "../catalog/state";
import type { TaggableType, TagStatement } from "../sql/ast";
import { Cursor, type Ident } from "../sql/cursor";
import { tokenize } from "../sql/lexer";
import { likeMatcher, STATUS } from "./common";
import { ExecContext, ResultSet, statusResult } from "./context";
import { showTagsResult, type ShownTag } from "../shapes/show-tags";

/** "A maximum of 50 unique tags on a single object" (https://docs.snowflake.com/en/user-guide/object-tagging/introduction, tag quotas). */
const MAX_TAGS = 50;
/** "The string value for each tag can be up to 256 characters" (https://docs.snowflake.com/en/user-guide/object-tagging/work). */
const MAX_VALUE = 256;

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
export const sqlName = (n: string) => (/^[A-Z_][A-Z0-9_$]*$/.test(n) ? n : `"${n.replace(/"/g, '""')}"`);

export function databases(cat: Catalog): Record<string, DatabaseRecord> {
  return (cat.databases ??= {});
}

export function current(ctx: ExecContext, what: "database" | "schema", verb: string): string {
  const v = what === "database" ? ctx.session.database : ctx.session.schema;
  if (v) return v;
  // 090105 (22000) "Cannot perform <verb>. This session does not have a current database. Call 'USE DATABASE', or use a
  // qualified name.": driver transcripts in public repositories (FIDELITY.md); the schema variant is unsourced.
  throw new SnowflakeError(
    "090105",
    "22000",
    `Cannot perform ${verb}. This session does not have a current ${what}. Call 'USE ${what.toUpperCase()}', or use a qualified name.`,
  );
}

export function database(cat: Catalog, name: string): DatabaseRecord {
  const db = databases(cat)[name];
  if (!db) throw doesNotExist("Database", sqlName(name));
  return db;
}

/** The schema `d`.`s` (stored names), or 002003 naming it. */
export function schemaNamed(cat: Catalog, d: string, s: string): SchemaRecord {
  const db = database(cat, d);
  const schema = has(db.schemas, s) ? db.schemas[s] : undefined;
  if (!schema) throw doesNotExist("Schema", `${sqlName(d)}.${sqlName(s)}`);
  return schema;
}

/** `db.schema.tag`, `schema.tag` or `tag` resolved against the session's database and schema. */
function tagParts(ctx: ExecContext, parts: readonly Ident[], verb: string): [string, string, string] {
  if (parts.length === 3) return [parts[0].name, parts[1].name, parts[2].name];
  if (parts.length === 2) return [current(ctx, "database", verb), parts[0].name, parts[1].name];
  return [current(ctx, "database", verb), current(ctx, "schema", verb), parts[0].name];
}

function findTag(ctx: ExecContext, parts: readonly Ident[], verb: string): { tag: TagRecord; key: string; display: string } {
  const [d, s, t] = tagParts(ctx, parts, verb);
  const display = [d, s, t].map(sqlName).join(".");
  const db = databases(ctx.catalog)[d];
  const schema = db && has(db.schemas, s) ? db.schemas[s] : undefined;
  const tag = schema && has(schema.tags, t) ? schema.tags[t] : undefined;
  if (!tag) throw doesNotExist("Tag", display);
  return { tag, key: JSON.stringify([d, s, t]), display };
}

/** The object a tag is set on: its owner and the key its values are stored under. */
function taggedObject(cat: Catalog, type: TaggableType, name: string): { owner: string; key: string } | undefined {
  const rec =
    type === "INTEGRATION"
      ? has(cat.integrations, name)
        ? cat.integrations[name]
        : undefined
      : type === "NETWORK POLICY"
        ? has(cat.networkPolicies, name)
          ? cat.networkPolicies[name]
          : undefined
        : has(cat.users, name)
          ? cat.users[name]
          : undefined;
  if (!rec) return undefined;
  const r = rec as unknown as { owner: string; createdOn: string };
  return { owner: r.owner, key: `${type}\u0000${name}\u0000${r.createdOn}` };
}

/** Keeps an object's tags when it is renamed (Snowflake references objects by id, not name). */
export function renameTagged(cat: Catalog, type: TaggableType, from: string, to: string, createdOn: string): void {
  const values = cat.tagValues;
  const old = `${type}\u0000${from}\u0000${createdOn}`;
  if (!values || !has(values, old)) return;
  values[`${type}\u0000${to}\u0000${createdOn}`] = values[old];
  delete values[old];
}

const KIND_TEXT: Record<TaggableType, string> = { INTEGRATION: "Integration", "NETWORK POLICY": "Network policy", USER: "User" };

/**
 * Setting or unsetting a tag: the APPLY TAG account privilege, or ownership of both the tag and the object
 * (https://docs.snowflake.com/en/user-guide/object-tagging/introduction, tag privileges: APPLY TAG, or APPLY on the tag
 * plus OWNERSHIP of the object). ACCOUNTADMIN may always (unsourced: its default APPLY TAG grant is not modelled).
 */
function requireApply(ctx: ExecContext, tag: TagRecord, display: string, objectOwner: string): void {
  if (hasAccountPrivilege(ctx, "APPLY TAG") || currentRoleHierarchy(ctx).has("ACCOUNTADMIN")) return;
  if (isOwner(ctx, tag.owner) && isOwner(ctx, objectOwner)) return;
  throw insufficientPrivileges(`tag '${display}'`);
}

export function executeTagStatement(ctx: ExecContext, st: TagStatement): ResultSet {
  const cat = ctx.catalog;
  const now = ctx.now().toISOString();
  const role = ctx.session.role;
  switch (st.kind) {
    case "createDatabase": {
      requireAccountPrivilege(ctx, "CREATE DATABASE");
      const name = st.name.name;
      const dbs = databases(cat);
      if (has(dbs, name)) {
        if (st.ifNotExists) return statusResult(STATUS.alreadyExists(name));
        if (!st.orReplace) throw objectExists("DATABASE", name);
        requireOwnership(ctx, "database", name, dbs[name].owner);
      }
      // A new database holds PUBLIC and INFORMATION_SCHEMA (https://docs.snowflake.com/en/sql-reference/sql/create-database).
      const schema = (n: string): SchemaRecord => ({ name: n, owner: n === "PUBLIC" ? role : "", createdOn: now, tags: {} });
      dbs[name] = {
        name,
        owner: role,
        createdOn: now,
        comment: st.comment,
        schemas: { PUBLIC: schema("PUBLIC"), INFORMATION_SCHEMA: schema("INFORMATION_SCHEMA") },
      };
      ctx.session.database = name;
      ctx.session.schema = "PUBLIC";
      return statusResult(STATUS.created("Database", name));
    }
    case "dropDatabase": {
      const dbs = databases(cat);
      const name = st.name.name;
      if (!has(dbs, name)) {
        if (st.ifExists) return statusResult(STATUS.alreadyDropped(name));
        throw doesNotExist("Database", sqlName(name));
      }
      requireOwnership(ctx, "database", name, dbs[name].owner);
      delete dbs[name];
      return statusResult(STATUS.dropped(name));
    }
    case "createSchema": {
      const name = st.name[st.name.length - 1].name;
      const db = database(cat, st.name.length === 2 ? st.name[0].name : current(ctx, "database", "CREATE SCHEMA"));
      if (has(db.schemas, name)) {
        if (st.ifNotExists) return statusResult(STATUS.alreadyExists(name));
        if (!st.orReplace) throw objectExists("SCHEMA", name);
      }
      if (!isOwner(ctx, db.owner)) throw insufficientPrivileges(`database '${db.name}'`);
      db.schemas[name] = { name, owner: role, createdOn: now, comment: st.comment, tags: {} };
      ctx.session.database = db.name;
      ctx.session.schema = name;
      return statusResult(STATUS.created("Schema", name));
    }
    case "dropSchema": {
      const name = st.name[st.name.length - 1].name;
      const db = database(cat, st.name.length === 2 ? st.name[0].name : current(ctx, "database", "DROP SCHEMA"));
      if (!has(db.schemas, name)) {
        if (st.ifExists) return statusResult(STATUS.alreadyDropped(name));
        throw doesNotExist("Schema", `${sqlName(db.name)}.${sqlName(name)}`);
      }
      if (!isOwner(ctx, db.schemas[name].owner) && !isOwner(ctx, db.owner)) throw insufficientPrivileges(`schema '${name}'`);
      delete db.schemas[name];
      return statusResult(STATUS.dropped(name));
    }
    case "createTag": {
      const [d, sch, name] = tagParts(ctx, st.name, "CREATE TAG");
      const schema = schemaNamed(cat, d, sch);
      if (has(schema.tags, name)) {
        if (st.ifNotExists) return statusResult(STATUS.alreadyExists(name));
        if (!st.orReplace) throw objectExists("TAG", name);
      }
      if (!isOwner(ctx, schema.owner) && !currentRoleHierarchy(ctx).has("ACCOUNTADMIN"))
        throw insufficientPrivileges(`schema '${schema.name}'`);
      schema.tags[name] = {
        name,
        owner: role,
        createdOn: now,
        comment: st.comment,
        allowedValues: st.allowedValues && [...new Set(st.allowedValues)],
      };
      return statusResult(STATUS.created("Tag", name));
    }
    case "dropTag": {
      let found: { tag: TagRecord; key: string; display: string };
      try {
        found = findTag(ctx, st.name, "DROP TAG");
      } catch (e) {
        if (st.ifExists && e instanceof SnowflakeError && e.code === "002003")
          return statusResult(STATUS.alreadyDropped(st.name[st.name.length - 1].name));
        throw e;
      }
      if (!isOwner(ctx, found.tag.owner)) throw insufficientPrivileges(`tag '${found.display}'`);
      const [d, s, t] = JSON.parse(found.key) as string[];
      delete databases(cat)[d].schemas[s].tags[t];
      // The tag's values go with it (unsourced: Snowflake keeps them for UNDROP, which is not emulated).
      for (const values of Object.values(cat.tagValues ?? {})) delete values[found.key];
      return statusResult(STATUS.dropped(t));
    }
    case "showTags": {
      const match = likeMatcher(st.like);
      const out: ShownTag[] = [];
      const scope = st.scope;
      let dbs = Object.values(databases(cat));
      if (scope.type !== "account") dbs = [database(cat, scope.name[0].name)];
      for (const db of dbs) {
        let schemas = Object.values(db.schemas);
        if (scope.type === "schema") {
          if (scope.name.length !== 2)
            throw new SnowflakeError("001003", "42000", "SQL compilation error:\nsyntax error: IN SCHEMA needs <database>.<schema>");
          schemas = [schemaNamed(cat, scope.name[0].name, scope.name[1].name)];
        }
        for (const schema of schemas)
          for (const tag of Object.values(schema.tags)) if (match(tag.name)) out.push({ database: db.name, schema: schema.name, tag });
      }
      out.sort((a, b) => (a.tag.name < b.tag.name ? -1 : a.tag.name > b.tag.name ? 1 : 0));
      return showTagsResult(out);
    }
    case "tagAssociation": {
      const obj = taggedObject(cat, st.objectType, st.name.name);
      if (!obj) {
        if (st.ifExists) return statusResult(STATUS.ok);
        throw doesNotExist(KIND_TEXT[st.objectType], st.name.name);
      }
      if (st.action.type === "setTag") setTags(ctx, st.objectType, st.name.name, st.action.tags);
      else {
        const values = ((cat.tagValues ??= {})[obj.key] ??= {});
        for (const parts of st.action.tags) {
          const { tag, key, display } = findTag(ctx, parts, "ALTER");
          requireApply(ctx, tag, display, obj.owner);
          delete values[key]; // unsetting a tag that is not set succeeds (TF testint safe_tag_handlers, see FIDELITY.md)
        }
        if (Object.keys(values).length === 0) delete cat.tagValues[obj.key];
      }
      return statusResult(STATUS.ok);
    }
  }
}

/** Sets tag values on an existing object (ALTER … SET TAG, CREATE USER … WITH TAG); the caller's draft is dropped on error. */
export function setTags(
  ctx: ExecContext,
  type: TaggableType,
  name: string,
  tags: readonly { readonly tag: readonly Ident[]; readonly value: string }[],
): void {
  const cat = ctx.catalog;
  const obj = taggedObject(cat, type, name);
  if (!obj) throw doesNotExist(KIND_TEXT[type], name);
  const values = ((cat.tagValues ??= {})[obj.key] ??= {});
  for (const { tag: parts, value } of tags) {
    const { tag, key, display } = findTag(ctx, parts, "ALTER");
    requireApply(ctx, tag, display, obj.owner);
    if (tag.allowedValues && !tag.allowedValues.includes(value)) {
      // Unsourced code and text (FIDELITY.md); the rule itself: https://docs.snowflake.com/en/user-guide/object-tagging/work
      throw new SnowflakeError("002023", "22023", `SQL compilation error:\nTag value '${value}' is not allowed for tag '${display}'.`);
    }
    if (value.length > MAX_VALUE)
      throw new SnowflakeError(
        "001020",
        "22023",
        `SQL compilation error:\nTag value exceeds the maximum length of ${MAX_VALUE} characters.`,
      );
    values[key] = value;
  }
  if (Object.keys(values).length > MAX_TAGS)
    throw new SnowflakeError("001021", "22023", `SQL compilation error:\nMaximum number of tags (${MAX_TAGS}) exceeded for the object.`);
}

/** A name given as a string argument (`'DB.S."t"'`), parsed as identifiers are. */
export function namesIn(text: string): Ident[] {
  const c = new Cursor(tokenize(text), text);
  const parts = c.qualifiedName();
  c.expectEnd();
  return parts;
}

const DOMAINS: Readonly<Record<string, TaggableType>> = {
  INTEGRATION: "INTEGRATION",
  "NETWORK POLICY": "NETWORK POLICY",
  USER: "USER",
};

/**
 * SYSTEM$GET_TAG('<tag>', '<object>', '<domain>') (https://docs.snowflake.com/en/sql-reference/functions/system_get_tag):
 * the value, or NULL when the tag is not set on the object. Needs the privileges of DESCRIBE on the object.
 */
export function getTag(ctx: ExecContext, tagText: string, objectText: string, domainText: string): string | null {
  const domain = has(DOMAINS, domainText.trim().toUpperCase()) ? DOMAINS[domainText.trim().toUpperCase()] : undefined;
  if (!domain) {
    // Live: 391801 for a domain that cannot be tagged (Snowflake-Labs/terraform-provider-snowflake pkg/sdk/testint/tags_integration_test.go).
    throw new SnowflakeError(
      "391801",
      "0A000",
      `SQL compilation error: Object tagging not supported for object type ${domainText.toUpperCase()}`,
    );
  }
  const { key } = findTag(ctx, namesIn(tagText), "SYSTEM$GET_TAG");
  const parts = namesIn(objectText);
  const name = parts[parts.length - 1].name;
  const obj = taggedObject(ctx.catalog, domain, name);
  if (!obj) throw doesNotExist(KIND_TEXT[domain], name);
  if (domain === "INTEGRATION") requireOwnership(ctx, "integration", name, obj.owner);
  const v = ctx.catalog.tagValues?.[obj.key]?.[key];
  return v === undefined ? null : v;
}
