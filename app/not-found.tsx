import Link from "next/link";
import { StatusScreen, STATUS_LINK } from "@/components/ui/status-screen";

/**
 * Every unknown address, signed in or not (proxy.ts sends a visitor to sign in only on the way
 * to a real page), and every notFound(): a 404 with the app's own page.
 */
export default function NotFound() {
  return (
    <StatusScreen
      kicker="404"
      title="Page not found"
      actions={
        <Link href="/" className={STATUS_LINK}>
          Go to the map
        </Link>
      }
    >
      <title>Page not found · Fleet Live</title>
      <p>There is no page at this address. Check the link, or start again from the map.</p>
    </StatusScreen>
  );
}
