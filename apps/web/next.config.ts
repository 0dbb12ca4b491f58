import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // The proxy streams server-sent events; gzip would buffer them until a chunk fills up.
  compress: false,
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
