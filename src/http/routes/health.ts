// GET /health: 200 once the database answers, 503 otherwise (for load balancers and orchestrators). A dependency the
// service runs without (Redis) is reported when it is down: the status is "degraded", still 200, since the node serves.
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

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/health', { schema: { hide: true, response: { 200: HealthSchema, 503: HealthSchema } } }, async (_request, reply) => {
    const up = await app.ctx.store.ping();
    const redis = app.ctx.redisHealth?.();
    const status = !up ? 'unavailable' : redis?.status === 'unavailable' ? 'degraded' : 'ok';
    return reply.code(up ? 200 : 503).send({ status, store: app.ctx.store.kind, ...(redis ? { redis } : {}) });
  });
}
