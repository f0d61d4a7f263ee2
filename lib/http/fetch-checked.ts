/**
 * GETs JSON from the app's own server and checks it with `parse`, for the browser.
 * @throws with a message for people that starts with `what` ("The model cards") and says whether
 * the network, the status, the body or its content was wrong.
 */
export async function fetchChecked<T>(path: string, what: string, parse: (json: unknown) => T, fetchFn: typeof fetch = fetch): Promise<T> {
  let response: Response;
  try {
    response = await fetchFn(path);
  } catch {
    throw new Error(`${what} could not be fetched: the network failed.`);
  }
  if (!response.ok) throw new Error(`${what} could not be fetched: the server answered ${response.status}.`);
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new Error(`${what} could not be read: the answer was not JSON.`);
  }
  try {
    return parse(json);
  } catch (error) {
    throw new Error(`${what} could not be read: ${(error as Error).message}.`);
  }
}
