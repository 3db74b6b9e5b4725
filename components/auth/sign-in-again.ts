/**
 * Leaves for the sign-in page, coming back here afterwards. A full load, so no fleet data cached
 * in this tab outlives the session.
 */
export function signInAgain() {
  const here = `${window.location.pathname}${window.location.search}`;
  window.location.replace(`/sign-in?${new URLSearchParams({ callbackUrl: here })}`);
}
