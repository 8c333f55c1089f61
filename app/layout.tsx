import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Elevate", template: "%s · Elevate" },
  description: "Just-in-time, approved and audited privileged access.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request, never at build time: its scripts must carry this request's
  // Content-Security-Policy nonce (proxy.ts), which a prerendered page could not know.
  await connection();
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
