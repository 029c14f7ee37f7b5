// PIN rows get time-ordered ids (UUID v7): each new PIN lands at the end of the id index, on the page the last one
// wrote, where a random id put every PIN on a page of its own to write (and, at commit, to copy).
import { expect, it } from 'vitest';
import { API, apiClient } from '../helpers/api.js';
import { describeEachStore } from '../helpers/stores.js';

describeEachStore('PIN ids', (fixture) => {
  it('are UUID v7 and sort in the order the PINs were issued', async () => {
    const api = await apiClient(fixture().ctx);
    try {
      const before = await fixture().ctx.db.selectFrom('verifications').select('id').execute();
      for (let i = 0; i < 12; i++) {
        const res = await api.call('POST', `${API}/account/20035156/verify`, { body: { format: 'merchant_override', request_id: String(i) } });
        expect(res.statusCode).toBe(200);
      }
      const known = new Set(before.map((row) => row.id));
      const rows = await fixture().ctx.db.selectFrom('verifications').select(['id', 'request_id']).execute();
      const issued = rows.filter((row) => !known.has(row.id));
      const inIssueOrder = [...issued].sort((a, b) => Number(a.request_id) - Number(b.request_id)).map((row) => row.id);
      expect(inIssueOrder).toHaveLength(12);
      for (const id of inIssueOrder) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect([...inIssueOrder].sort()).toEqual(inIssueOrder);
    } finally {
      await api.app.close();
    }
  });
});
