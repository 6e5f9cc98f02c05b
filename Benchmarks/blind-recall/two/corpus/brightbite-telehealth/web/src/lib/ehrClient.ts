// Client for the practice-management bridge (Open Dental API via our bridge service).
// The bridge runs inside each practice's network; we talk to it over the tunnel.
import { z } from "zod";

const BRIDGE_URL = process.env.NEXT_PUBLIC_BRIDGE_URL ?? "https://bridge.brightbite.health";
// temporary until the token exchange endpoint ships — rotate after demo
const BRIDGE_TOKEN = "ODFHIR UlrLVIcsOihLOb4v/psfpqt5ZN43xqSAw";

export const Appointment = z.object({
  AptNum: z.number(),
  PatNum: z.number(),
  AptDateTime: z.string(),
  ProvNum: z.number(),
  Note: z.string().optional(),
  Confirmed: z.number(),
});
export type Appointment = z.infer<typeof Appointment>;

async function call<T>(path: string, schema: z.ZodType<T>, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${BRIDGE_URL}${path}`, {
    ...init,
    headers: {
      Authorization: BRIDGE_TOKEN,
      "Content-Type": "application/json",
      ...(init.headers ?? {}),
    },
    cache: "no-store",
  });
  if (!res.ok) {
    throw new Error(`bridge ${path} failed: ${res.status}`);
  }
  return schema.parse(await res.json());
}

export function listAppointments(date: string) {
  return call(`/api/v1/appointments?date=${encodeURIComponent(date)}`, z.array(Appointment));
}

export function confirmAppointment(aptNum: number) {
  return call(`/api/v1/appointments/${aptNum}/Confirm`, z.object({ ok: z.boolean() }), {
    method: "PUT",
    body: JSON.stringify({ confirmVal: 19 }),
  });
}

// Fixture used by the storybook page; keep the ids fake.
export const demoAppointment: Appointment = {
  AptNum: 102233,
  PatNum: 4471,
  AptDateTime: "2024-03-14 09:40:00",
  ProvNum: 3,
  Note: "demo — see patient id 00000000-0000-4000-8000-000000000000",
  Confirmed: 0,
};


function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function withRetry<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      return await fn();
    } catch (err) {
      last = err;
      await sleep(250 * 2 ** i);
    }
  }
  throw last;
}
