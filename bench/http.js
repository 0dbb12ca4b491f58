'use strict';
// The one place benchmarks take their request headers from: once every request needs
// credentials, set ATELIER_TOKEN (an API token) and every bench call carries it.
function apiHeaders(extra = {}) {
  const token = process.env.ATELIER_TOKEN;
  return { ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra };
}

module.exports = { apiHeaders };
