import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../kernel/context.js';
import { errors } from '../../kernel/http/schemas.js';
import { computeIndicators } from './catalogue.js';

export const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
export const PeriodQuery = Type.Object(
  { orgId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'the org whose subtree is counted; the caller’s widest when absent' })), from: Day, to: Day },
  { additionalProperties: false },
);

const Label = Type.Object({ zh: Type.String(), mn: Type.String(), en: Type.String() });
const Name = Type.Object({ zh: Type.String(), mn: Type.Union([Type.String(), Type.Null()]) });
export const IndicatorReportSchema = Type.Object({
  org: Type.Object({ id: Type.String(), code: Type.String(), name: Name }),
  from: Type.String(),
  to: Type.String(),
  items: Type.Array(
    Type.Object({
      key: Type.String(),
      group: Type.String(),
      label: Label,
      unit: Label,
      value: Type.Number(),
      ratio: Type.Optional(Type.Object({ done: Type.Integer(), total: Type.Integer() })),
      parts: Type.Optional(Type.Array(Type.Object({ key: Type.String(), label: Label, value: Type.Number() }))),
      link: Type.String(),
    }),
  ),
});

export const indicatorRoutes = (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get('/api/indicators', {
      config: { policy: 'indicators.read' },
      schema: {
        tags: ['indicators'],
        summary: 'Every figure of the work report for one org’s subtree and period, each with the page listing what it counts',
        querystring: PeriodQuery,
        response: { 200: IndicatorReportSchema, ...errors(400, 401, 403, 404) },
      },
      handler: (req) => computeIndicators(ctx, req.access, req.query),
    });
  };
