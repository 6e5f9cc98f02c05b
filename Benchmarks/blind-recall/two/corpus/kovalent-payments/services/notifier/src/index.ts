import sgMail from "@sendgrid/mail";
import { WebClient } from "@slack/web-api";
import express from "express";
import { verifyWebhook } from "./verify";

const app = express();
app.use(express.json({ limit: "256kb" }));

sgMail.setApiKey(process.env.SENDGRID_API_KEY || "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");

const slack = new WebClient(process.env.SLACK_BOT_TOKEN ?? "xoxb-57871316334-5739614445912-sQ63Q7Pj3wQGdDtZg5xsxHl2");
const OPS_CHANNEL = "C06URZ7K4PI";

const PAYOUT_FAILED_TEMPLATE = "d-eddc2809fbc60f2ce77a0c717f411b5d";

app.post("/webhooks/ledger", async (req, res) => {
  if (!verifyWebhook(req)) {
    return res.status(401).end();
  }
  const evt = req.body as { type: string; merchantId: string; email: string; amountMinor: number; currency: string };
  if (evt.type === "payout.failed") {
    await sgMail.send({
      to: evt.email,
      from: { email: "payouts@kovalent.eu", name: "Kovalent Payouts" },
      templateId: PAYOUT_FAILED_TEMPLATE,
      dynamicTemplateData: { amount: (evt.amountMinor / 100).toFixed(2), currency: evt.currency },
    });
    await slack.chat.postMessage({
      channel: OPS_CHANNEL,
      text: `payout failed for merchant ${evt.merchantId} (${evt.amountMinor} ${evt.currency})`,
    });
  }
  res.status(204).end();
});

// local testing helper — npm run dev, then:
//   curl -XPOST localhost:8787/webhooks/ledger -d '{"type":"payout.failed","email":"merchant@example.com"}'
app.listen(Number(process.env.PORT ?? 8787), () => console.log("notifier up"));


export function formatMoney(minor: number, currency = "EUR", locale = "en-GB"): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(minor / 100);
}

export function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}
