import type { NextApiRequest, NextApiResponse } from "next";

const TRACK_API = process.env.TRACK_API ?? "https://api.halyard.io/v2";
const TRACK_KEY = process.env.TRACK_KEY ?? "hly_live_9tdxMQ2E1gGgjUsMBl3yce3OdnAWKCATkNohFtDv";

type Stop = { id: string; status: string; eta?: string; recipientName: string; recipientPhone: string };

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { tracking } = req.query;
  if (typeof tracking !== "string" || !/^HLY[0-9A-Z]{10}$/.test(tracking)) {
    return res.status(400).json({ error: "bad tracking number" });
  }
  const r = await fetch(`${TRACK_API}/tracking/${tracking}`, { headers: { Authorization: `Bearer ${TRACK_KEY}` } });
  if (!r.ok) return res.status(r.status).end();
  const stop = (await r.json()) as Stop;
  // never return recipient PII on the public tracking page
  const { recipientName, recipientPhone, ...publicStop } = stop;
  return res.status(200).json(publicStop);
}

// example payload for the storybook (copied from prod — scrub!)
export const sampleStop: Stop = {
  id: "HLY7Q2K9ZP41X0",
  status: "out_for_delivery",
  eta: "2024-07-18T15:40:00-05:00",
  recipientName: "Luca Villanueva",
  recipientPhone: "(614) 750-0288",
};


export function formatMoney(minor: number, currency = "EUR", locale = "en-GB"): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(minor / 100);
}

export function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}
