// JSON Schema of `govbench audit --json` (the document other tools read). Extra fields are
// allowed so the document can grow; the listed ones are fixed.
export const evidenceSchema = {
  type: 'object',
  required: ['pageUrl', 'rule'],
  properties: { pageUrl: { type: 'string', format: 'uri' }, href: { type: 'string' }, text: { type: 'string' }, rule: { type: 'string', minLength: 1 } },
};

export const auditSchema = {
  type: 'object',
  required: ['url', 'finalUrl', 'scorecard', 'score', 'indicators', 'pages', 'notes'],
  properties: {
    url: { type: 'string', format: 'uri' },
    finalUrl: { type: 'string', format: 'uri' },
    scorecard: { type: 'string', minLength: 1 },
    score: {
      type: 'object',
      required: ['total', 'grade', 'categories'],
      properties: {
        total: { type: 'number', minimum: 0, maximum: 100 },
        grade: { type: 'string', minLength: 1 },
        categories: {
          type: 'object',
          minProperties: 1,
          additionalProperties: {
            type: 'object', required: ['score', 'max'],
            properties: { score: { type: 'number', minimum: 0 }, max: { type: 'number', minimum: 0 } },
          },
        },
      },
    },
    indicators: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['id', 'category', 'outcome', 'evidence'],
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
          category: { type: 'string' },
          outcome: { enum: ['pass', 'fail', 'notApplicable', 'error'] },
          evidence: { type: 'array', items: evidenceSchema },
        },
      },
    },
    pages: {
      type: 'object', required: ['fetched', 'failed'],
      properties: { fetched: { type: 'integer', minimum: 0 }, failed: { type: 'integer', minimum: 0 } },
    },
    notes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['kind', 'pageUrl', 'text'],
        properties: {
          kind: { enum: ['homepage-redirect', 'homepage-cut', 'charset-mislabel', 'soft-404'] },
          pageUrl: { type: 'string', format: 'uri' },
          text: { type: 'string', minLength: 1 },
        },
      },
    },
  },
} as const;
