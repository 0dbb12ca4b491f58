'use strict';
// The one place benchmarks take their request headers from: once every request needs
// credentials, set ATELIER_TOKEN (an API token) and every bench call carries it.
function apiHeaders(extra = {}) {
  const token = process.env.ATELIER_TOKEN;
  return { ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra };
}

/** A JSON request to the API with the bench's credentials; throws with the API's message on an error status. */
async function callApi(apiUrl, method, route, body) {
  const response = await fetch(`${apiUrl}${route}`, {
    method,
    headers: apiHeaders(body === undefined ? {} : { 'content-type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}: ${json.message ?? JSON.stringify(json)}`);
  return json;
}

module.exports = { apiHeaders, callApi };
