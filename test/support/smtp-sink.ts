/** A real SMTP server on loopback for tests: keeps each message received, parsed, or refuses every recipient. */
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { rcptTo: string[]; mail: ParsedMail };

/**
 * @example
 * const smtp = await startSmtpSink(); // smtp.url → 'smtp://127.0.0.1:40123'
 * await smtp.close();
 */
export async function startSmtpSink(options: { refuse?: boolean } = {}) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, done) {
      if (!options.refuse) return done();
      const refusal = Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 });
      done(refusal);
    },
    onData(stream, session, done) {
      simpleParser(stream)
        .then((mail) => {
          received.push({ rcptTo: session.envelope.rcptTo.map((r) => r.address), mail });
          done();
        })
        .catch(done);
    },
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', () => ready()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
