import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { PUBLIC_CONFIG_META_NAME } from '../config/public-config';
import { readPublicConfig } from '../config/read-public-config';
import './globals.css';

// Rendered per request so that PUBLIC_* variables are read when the server
// runs, not when the image is built.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'o11y-demo · one click, one trace',
  description:
    'Click, then follow one distributed trace from the browser through node-api and the worker, with its logs and metrics.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  const config = readPublicConfig();
  return (
    <html lang="en">
      <head>
        {/* Browser telemetry reads its config from here before React hydrates. */}
        <meta name={PUBLIC_CONFIG_META_NAME} content={JSON.stringify(config)} />
      </head>
      <body>{children}</body>
    </html>
  );
}
