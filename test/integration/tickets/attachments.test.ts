import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../src/core/ports.js';
import { createAttachmentFiles } from '../../../src/tickets/attachments.fs.js';
import { createTickets } from '../../../src/tickets/wiring.sqlite.js';
import { FakeClock } from '../../fakes/clock.js';
import { makeEnquiry } from '../../fakes/factories.js';
import { createFakeStaffDirectory } from '../../fakes/staff-directory.js';
import { APPLICATION_TEXT, openStack, tempDir } from './stack.js';

let tmp: ReturnType<typeof tempDir>;

beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  vi.useRealTimers();
  tmp.remove();
});

describe(createAttachmentFiles.name, () => {
  it('stores files by sha256 once, enforces the size limit, and records metadata on the ticket', async () => {
    const files = createAttachmentFiles({ dir: join(tmp.dir, 'att'), maxBytes: 1000 });
    const content = Buffer.from('Sachbericht 2025');
    const meta = files.save(content, 'Sachbericht.pdf', 'application/pdf');
    expect(meta).toMatchObject({ filename: 'Sachbericht.pdf', contentType: 'application/pdf', size: content.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(files.save(content, 'Kopie.pdf', 'application/pdf').sha256).toBe(meta.sha256);
    expect(files.read(meta.sha256).equals(content)).toBe(true);
    expect(() => files.save(Buffer.alloc(1001), 'gross.bin', 'application/octet-stream')).toThrow(expect.objectContaining({ code: 'INPUT_INVALID' }));

    const s = openStack(join(tmp.dir, 'pakt.db'));
    const outcome = await s.enquire(makeEnquiry({ text: APPLICATION_TEXT, attachments: [meta] }));
    if (outcome.kind !== 'ticket_created') throw new Error(outcome.kind);
    expect((await s.service.show(outcome.ticket.number)).attachments).toEqual([{ ...meta, enquiryKey: expect.any(String) }]);
    s.close();

    files.remove(meta.sha256);
    expect(() => files.read(meta.sha256)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});

describe(createTickets.name, () => {
  it('wires the module and runs the escalation job on start and on its interval', async () => {
    vi.useFakeTimers();
    const s = openStack(join(tmp.dir, 'pakt.db'));
    const outcome = await s.enquire(makeEnquiry({ text: APPLICATION_TEXT }));
    if (outcome.kind !== 'ticket_created') throw new Error(outcome.kind);
    const clock = new FakeClock('2026-06-08T21:00:00.000Z');
    const tickets = createTickets(s.db, { staff: createFakeStaffDirectory(), clock, logger: silentLogger, leadMailbox: 'leitung@rp.example' });
    const stop = tickets.startJobs({ escalationEveryMs: 60_000 });
    expect((await tickets.tickets.find(outcome.ticket.number))?.escalationLevel).toBe(0);
    clock.set('2026-06-09T06:00:00.000Z');
    vi.advanceTimersByTime(60_000);
    // stop() resolves once the run the interval started has finished.
    await stop();
    expect((await tickets.tickets.find(outcome.ticket.number))?.escalationLevel).toBe(1);
    s.close();
  });
});
