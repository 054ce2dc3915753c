/**
 * What every HTTP handler gets: the engine and the per-server stores.
 * @internal
 */
import type { Engine } from "../engine";
import type { QueryStore } from "./query-store";
import type { SessionStore } from "./sessions";
import type { RequestReplay } from "./replay";

export interface HttpContext {
  readonly engine: Engine;
  readonly sessions: SessionStore;
  readonly queries: QueryStore;
  readonly replay: RequestReplay;
}
