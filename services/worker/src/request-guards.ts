import type { RequestHandler } from 'express';

/** Every route is a GET without a body; anything declared larger than this is refused unread. */
const MAX_BODY_BYTES = 16 * 1024;

/**
 * RFC 9112 requires Host on HTTP/1.1. Node checks it too, but answers with an
 * empty body; the server turns that check off (server.ts) so this one can say why.
 */
export const requireHost: RequestHandler = (req, res, next) => {
  if (req.httpVersionMajor === 1 && req.httpVersionMinor === 1 && req.headers.host === undefined) {
    res.status(400).json({ error: 'bad_request', message: 'HTTP/1.1 requests need a Host header.' });
    return;
  }
  next();
};

export const rejectLargeBody: RequestHandler = (req, res, next) => {
  const length = Number(req.headers['content-length'] ?? 0);
  if (Number.isNaN(length) || length > MAX_BODY_BYTES) {
    res.status(413).json({ error: 'payload_too_large', message: `Request bodies are limited to ${MAX_BODY_BYTES} bytes.` });
    return;
  }
  // Bodies are never read; draining one while the route works keeps a keep-alive connection usable after it.
  req.resume();
  next();
};
