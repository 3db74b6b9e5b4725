import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { APP_COLORS } from "@/components/ui/app-colors";
import { I18nProvider } from "@/lib/i18n/i18n-provider";
import { localeDir } from "@/lib/i18n/locales";
import { getLocale, messagesFor } from "@/lib/i18n/server";
import { QueryProvider } from "@/lib/queries/query-provider";
import "./globals.css";

export const metadata: Metadata = {
  title: "Fleet Live",
  description: "Where every vehicle is, right now.",
  // The icons are public/ files (drawn by scripts/make-icons.ts); app/manifest.ts names the rest.
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
      { url: "/icons/icon.svg", type: "image/svg+xml" },
    ],
    apple: [{ url: "/icons/apple-touch-icon.png", sizes: "180x180" }],
  },
  appleWebApp: { title: "Fleet Live", capable: true, statusBarStyle: "default" },
};

export const viewport: Viewport = {
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: APP_COLORS.light.bar },
    { media: "(prefers-color-scheme: dark)", color: APP_COLORS.dark.bar },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: each response carries its own CSP nonce (see proxy.ts),
  // which a page prerendered at build time could not.
  await connection();
  const locale = await getLocale();
  return (
    <html lang={locale} dir={localeDir(locale)}>
      <body className="bg-slate-50 font-sans text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <I18nProvider locale={locale} messages={messagesFor(locale)}>
          <QueryProvider>{children}</QueryProvider>
        </I18nProvider>
      </body>
    </html>
  );
}
