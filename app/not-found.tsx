import Link from "next/link";
import { StatusScreen, STATUS_LINK } from "@/components/ui/status-screen";
import { getT } from "@/lib/i18n/server";

/**
 * Every unknown address, signed in or not (proxy.ts sends a visitor to sign in only on the way
 * to a real page), and every notFound(): a 404 with the app's own page.
 */
export default async function NotFound() {
  const t = await getT("pages");
  return (
    <StatusScreen
      kicker="404"
      title={t("notFoundTitle")}
      actions={
        <Link href="/" className={STATUS_LINK}>
          {t("goToMap")}
        </Link>
      }
    >
      <title>{t("notFoundDocTitle")}</title>
      <p>{t("notFoundText")}</p>
    </StatusScreen>
  );
}
