// The probes of load balancers and orchestrators, outside the API and without a token:
// - GET /health/live: the process answers (its event loop turns); a failing one is restarted, so it checks nothing else.
// - GET /health/ready: send it traffic? 200 when the store is reachable and migrated to this build's migrations, 503
//   with the reason otherwise. Redis is reported but does not decide: without it limits count per node, and taking
//   every node out of rotation at once would turn a Redis outage into a full one.
// - GET /health: as before the probes were split (kept for those who call it): 200 once the database answers, 503
//   otherwise; "degraded", still 200, when Redis is down.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';

const DependencySchema = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  reason: Type.Optional(Type.String()),
});

const HealthSchema = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded'), Type.Literal('unavailable')]),
  store: Type.String(),
  redis: Type.Optional(DependencySchema),
});

const LiveSchema = Type.Object({ status: Type.Literal('ok') });

const ReadySchema = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready')]),
  /** Why not ready: the store's reason, at the top so a probe's log shows it. */
  reason: Type.Optional(Type.String()),
  store: Type.Intersect([Type.Object({ kind: Type.String() }), DependencySchema]),
  redis: Type.Optional(DependencySchema),
});

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/health', { schema: { hide: true, response: { 200: HealthSchema, 503: HealthSchema } } }, async (_request, reply) => {
    const up = await app.ctx.store.ping();
    const redis = app.ctx.redisHealth?.();
    const status = !up ? 'unavailable' : redis?.status === 'unavailable' ? 'degraded' : 'ok';
    return reply.code(up ? 200 : 503).send({ status, store: app.ctx.store.kind, ...(redis ? { redis } : {}) });
  });

  app.get('/health/live', { schema: { hide: true, response: { 200: LiveSchema } } }, async () => ({ status: 'ok' as const }));

  app.get('/health/ready', { schema: { hide: true, response: { 200: ReadySchema, 503: ReadySchema } } }, async (_request, reply) => {
    const store = await app.ctx.store.readiness();
    const redis = app.ctx.redisHealth?.();
    const ready = store.status === 'ok';
    return reply.code(ready ? 200 : 503).send({
      status: ready ? 'ready' : 'not_ready',
      ...(ready ? {} : { reason: store.reason }),
      store: { kind: app.ctx.store.kind, ...store },
      ...(redis ? { redis } : {}),
    });
  });
}
