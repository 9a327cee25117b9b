/**
 * Send a workbook as a download: the spreadsheet type, a file name in UTF-8 with an ASCII fallback for clients that
 * read only those, no caching (exports hold personal data), and any headers the caller adds (`x-export-rows`…).
 */
import type { FastifyReply } from 'fastify';

/** The reply, sent. */
export function sendXlsx(reply: FastifyReply, xlsx: Buffer, name: { utf8: string; ascii: string }, headers: Record<string, string> = {}) {
  let r = reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${name.ascii}"; filename*=UTF-8''${encodeURIComponent(name.utf8)}`)
    .header('cache-control', 'no-store');
  for (const [k, v] of Object.entries(headers)) r = r.header(k, v);
  return r.send(xlsx);
}
