/**
 * Contract of the Teams channel store (src/channels/teams/store.ts) on SQLite and PostgreSQL (issue 15): a key
 * claimed by two replicas at once is claimed once; conversation references, staff channels, staff cards and
 * ask-backs written by one replica are read by the other; retention anonymises votes without linking them.
 */
import { describe, expect, it } from 'vitest';
import { teamsMigrations } from '../../../../src/channels/teams/migrations.js';
import { ALL_TEAMS, TeamsStore } from '../../../../src/channels/teams/store.js';
import { FakeClock } from '../../../fakes/clock.js';
import { sqlImplementations } from './sql-implementations.js';

const IMPLEMENTATIONS = sqlImplementations(teamsMigrations, 'teams');

const ref = (id: string) => ({ channelId: 'msteams', conversation: { id, isGroup: false, conversationType: 'personal', name: id }, serviceUrl: 'http://127.0.0.1/' });

describe.each(IMPLEMENTATIONS)('Teams store on $name', (impl) => {
  it('lets exactly one of two replicas claim a key, also when they race', async () => {
    const { a, b, close } = await impl.open();
    try {
      const clock = new FakeClock('2026-06-03T08:00:00.000Z');
      const [sa, sb] = [new TeamsStore(a, clock), new TeamsStore(b, clock)];
      for (let i = 0; i < 20; i += 1) {
        const results = await Promise.all([sa.claimKey(`activity:${i}`), sb.claimKey(`activity:${i}`)]);
        expect(results.filter(Boolean)).toHaveLength(1);
      }
      expect(await sb.hasKey('activity:3')).toBe(true);
      await sb.releaseKey('activity:3');
      expect(await sa.claimKey('activity:3')).toBe(true);
    } finally {
      await close();
    }
  });

  it('shares conversation references, staff channels, staff cards and ask-backs', async () => {
    const { a, b, close } = await impl.open();
    try {
      const clock = new FakeClock('2026-06-03T08:00:00.000Z');
      const [sa, sb] = [new TeamsStore(a, clock), new TeamsStore(b, clock)];
      await sa.saveReference(ref('chat-1'), 'personal');
      expect(await sb.reference('chat-1')).toEqual({ reference: ref('chat-1'), isDead: false });
      await sb.markDead('chat-1', 'gone');
      expect((await sa.reference('chat-1'))?.isDead).toBe(true);
      expect(await sb.hasStaffChannels()).toBe(false);
      await sa.registerStaffChannel(ALL_TEAMS, 'staff-all', 'lead');
      await sa.registerStaffChannel('team-nord', 'staff-nord', 'lead');
      expect(await sb.staffChannelFor('team-nord')).toBe('staff-nord');
      expect(await sb.staffChannelFor('team-sued')).toBe('staff-all');
      expect(await sb.staffChannelFor('team-sued', { exact: true })).toBeNull();
      await sa.saveTicketCard('IM-2026-000001', 'staff-nord', 'act-1');
      await sb.saveTicketCard('IM-2026-000001', 'staff-nord', 'act-2');
      expect(await sa.ticketCards('IM-2026-000001')).toEqual([{ conversationId: 'staff-nord', activityId: 'act-2' }]);
      await sa.awaitMunicipality('chat-2', 'aad-1', 'IM-2026-000001');
      expect(await sb.pendingMunicipality('chat-2', 'aad-1')).toBe('IM-2026-000001');
      await sb.clearMunicipality('IM-2026-000001');
      expect(await sa.pendingMunicipality('chat-2', 'aad-1')).toBeNull();
    } finally {
      await close();
    }
  });

  it('keeps one vote per voter and anonymises old voters with unlinked ids', async () => {
    const { a, b, close } = await impl.open();
    try {
      const clock = new FakeClock('2025-01-01T00:00:00.000Z');
      const [sa, sb] = [new TeamsStore(a, clock), new TeamsStore(b, clock)];
      await sa.recordFeedback({ enquiryKey: 'k1', voterId: 'aad-1', passageId: 'faq#x', helpful: true });
      await sb.commentFeedback({ enquiryKey: 'k1', voterId: 'aad-1', passageId: 'faq#x', comment: 'zu allgemein' });
      await sa.recordFeedback({ enquiryKey: 'k2', voterId: 'aad-1', passageId: null, helpful: true });
      expect(await sb.feedbackFor('k1')).toEqual([{ passageId: 'faq#x', helpful: false, comment: 'zu allgemein' }]);
      clock.advance(400 * 86_400_000);
      const removed = await sb.retainPersonalData(new Date('2025-06-01T00:00:00.000Z'));
      expect(removed).toMatchObject({ voters: 2, comments: 1 });
      const voters = await a.all<{ voter: string }>('SELECT voter FROM teams_feedback ORDER BY enquiry_key');
      expect(voters.every((v) => v.voter.startsWith('anonymisiert:'))).toBe(true);
      expect(new Set(voters.map((v) => v.voter)).size).toBe(2);
      expect(await sa.feedbackFor('k1')).toEqual([{ passageId: 'faq#x', helpful: false }]);
    } finally {
      await close();
    }
  });
});
