/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The FleetUp credentials are read on the server at request time (lib/env.ts); nothing is
  // inlined into client bundles, so no `env` block here on purpose.
};

export default nextConfig;
