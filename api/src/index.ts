export { createApp, introspectionDefault, type AppOptions, type StartApi } from "./server/app.js";
export { DEFAULT_LIMITS, type Limits } from "./server/limits.js";
export { consoleLogger, silentLogger, type Logger } from "./server/logger.js";
export { PUBLIC_CACHE_CONTROL } from "./server/cache-control.js";
export { buildApiSchema, printApiSchema } from "./graphql/schema.js";
export type { Viewer, ViewerResolver } from "./auth/viewer.js";
export type { RequestContext } from "./graphql/context.js";
export { ApiError, ErrorCode } from "./graphql/errors.js";
export { MAX_PAGE_SIZE } from "./graphql/relay.js";
