import { describe, expect, it } from 'vitest';
import { parseMail, replyTarget } from '../../../src/channels/email/parse.js';

const mail = (headers: string[], body: string[]): Buffer => Buffer.from([...headers, '', ...body].join('\r\n'));

describe(parseMail.name, () => {
  it('keeps every value of a repeated header, the first one in `headers`', async () => {
    const parsed = await parseMail(
      mail(['Delivered-To: a@altdorf.de', 'Delivered-To: mailing list liste@example.org', 'From: a@b.de', 'Subject: x'], ['Text']),
    );
    expect(parsed.headers['delivered-to']).toBe('a@altdorf.de');
    expect(parsed.headerLists['delivered-to']).toEqual(['a@altdorf.de', 'mailing list liste@example.org']);
  });

  it('lists the content types of the parts beside the body (a report nested in multipart/mixed)', async () => {
    const parsed = await parseMail(
      mail(
        ['From: postmaster@x.example', 'Subject: x', 'Content-Type: multipart/mixed; boundary="b"'],
        ['--b', 'Content-Type: text/plain', '', 'failed', '--b', 'Content-Type: text/rfc822-headers', '', 'Subject: y', '--b', 'Content-Type: message/feedback-report', '', 'Feedback-Type: abuse', '--b--'],
      ),
    );
    expect(parsed.partTypes).toEqual(['text/rfc822-headers', 'message/feedback-report']);
  });

  it('reads the text of a part that a badly folded boundary parameter hid from the MIME parser', async () => {
    const parsed = await parseMail(
      mail(
        ['From: a@b.de', 'Subject: Frage', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="outer"'],
        [
          '--outer',
          'Content-Type: multipart/alternative;',
          'boundary="inner"',
          '',
          '--inner',
          'Content-Type: text/plain; charset=utf-8',
          'Content-Transfer-Encoding: quoted-printable',
          '',
          'Wann wird die zweite Rate f=C3=BCr 2026 ausgezahlt?',
          '--inner--',
          '--outer--',
        ],
      ),
    );
    expect(parsed.body.text).toBe('Wann wird die zweite Rate für 2026 ausgezahlt?');
  });

  it.each([
    ['a@stadt-ulm.de', ['team@stadt-ulm.de'], 'team@stadt-ulm.de'],
    ['a@stadt-ulm.de', ['A@Stadt-Ulm.de'], 'A@Stadt-Ulm.de'],
    ['a@stadt-ulm.de', ['opfer@example.org'], 'a@stadt-ulm.de'],
    ['x@gmail.com', ['victim@gmail.com'], 'x@gmail.com'],
    ['a@stadt-ulm.de', ['b@integration.stadt-ulm.de'], 'a@stadt-ulm.de'],
    ['a@stadt-ulm.de', [], 'a@stadt-ulm.de'],
    ['', ['opfer@example.org'], ''],
  ])('replies from %s with Reply-To %j to %s (never a third party)', (from, replyTo, expected) => {
    expect(replyTarget(from, replyTo)).toBe(expected);
  });

  it('answers the first Reply-To address and keeps all of them for the loop guard', async () => {
    const parsed = await parseMail(mail(['From: system@leonberg.example', 'Reply-To: Kämmerei <kaemmerei@leonberg.example>, b@leonberg.example', 'Subject: x'], ['Text']));
    expect(parsed.replyTo).toBe('kaemmerei@leonberg.example');
    expect(parsed.replyToHeader).toEqual(['kaemmerei@leonberg.example', 'b@leonberg.example']);
  });

  it('finds the parts by their boundary lines when the boundary parameter is missing altogether', async () => {
    const parsed = await parseMail(
      mail(
        ['From: a@b.de', 'Subject: Frage', 'MIME-Version: 1.0', 'Content-Type: multipart/alternative'],
        ['--=_part_4711', 'Content-Type: text/plain; charset=utf-8', '', 'Gilt die Frist auch 2027?', '--=_part_4711', 'Content-Type: text/html', '', '<p>Gilt die Frist auch 2027?</p>', '--=_part_4711--'],
      ),
    );
    expect(parsed.body.text).toBe('Gilt die Frist auch 2027?');
  });

  it('leaves an empty body empty', async () => {
    const parsed = await parseMail(mail(['From: a@b.de', 'Subject: Frage zur Antragsfrist'], ['']));
    expect(parsed.body.text).toBe('');
  });
});
