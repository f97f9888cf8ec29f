import { ChatError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** Any /api address no route claims: a JSON 404 like every other API error, not the HTML page. */
function noSuchApi(): Response {
  return new ChatError("not_found:request", "There is no API at this address.").toResponse();
}

export async function GET(): Promise<Response> {
  return noSuchApi();
}
export async function POST(): Promise<Response> {
  return noSuchApi();
}
export async function PUT(): Promise<Response> {
  return noSuchApi();
}
export async function PATCH(): Promise<Response> {
  return noSuchApi();
}
export async function DELETE(): Promise<Response> {
  return noSuchApi();
}
