import { now, sleep } from './ports.js';
import { RawConnection } from './raw-http.js';

/** The contract's default BODY_LIMIT_BYTES (1 MiB). */
export const BODY_LIMIT = 1_048_576;

/** A JSON document of exactly `size` bytes. */
export const jsonOfSize = (size: number): string => `{"a":"${'x'.repeat(size - 8)}"}`;

/** C51: an oversize body trickled after the limit; the 413 must come before the client finishes. */
export async function oversizeTrickle(port: number, chunked: boolean) {
  const connection = await RawConnection.open(port);
  const framing = chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${BODY_LIMIT + 1}`;
  await connection.write(
    `POST /__conformance/echo HTTP/1.1\r\nHost: conformance\r\nContent-Type: application/json\r\n${framing}\r\n\r\n`,
  );
  const body = Buffer.from(jsonOfSize(BODY_LIMIT + 1));
  const send = (bytes: Buffer) =>
    connection.write(
      chunked
        ? Buffer.concat([
            Buffer.from(`${bytes.length.toString(16)}\r\n`),
            bytes,
            Buffer.from('\r\n'),
          ])
        : bytes,
    );
  let overLimitAt = now();
  let sent = 0;
  if (chunked) {
    for (; sent < BODY_LIMIT + 1 && !connection.isClosed; sent += 65_536)
      await send(body.subarray(sent, Math.min(sent + 65_536, BODY_LIMIT + 1)));
    overLimitAt = now();
  } else {
    await send(body.subarray(0, 1024));
    sent = 1024;
  }
  let answered = false;
  const trickle = (async () => {
    while (!answered && !connection.isClosed && now() - overLimitAt < 3000) {
      await sleep(100);
      if (!chunked && sent < body.length) {
        await send(body.subarray(sent, sent + 1));
        sent += 1;
      }
      if (chunked) await send(Buffer.from(' '));
    }
  })();
  const response = await connection.readResponse(3000).catch(() => undefined);
  answered = true;
  await trickle;
  connection.destroy();
  return {
    response,
    afterMs: response === undefined ? undefined : response.receivedAt - overLimitAt,
  };
}
