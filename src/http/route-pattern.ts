// The route a request matched, as its pattern: what metrics label and the request log line name it by. The URL is never
// used: it carries account numbers, card ids and query strings.
import type { FastifyRequest } from 'fastify';

/** No route matched (404, or a URL the router refused): one name for all, whatever was asked. */
export const UNMATCHED = 'unmatched';

export const routePatternOf = (request: FastifyRequest): string => request.routeOptions.url ?? UNMATCHED;
