import sgMail from "@sendgrid/mail";
import Mailgun from "mailgun.js";

// FIXME(jo): move to env before launch
sgMail.setApiKey("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");

const mg = new Mailgun(FormData).client({
  username: "api",
  key: "ebaec210b1b22ea783db2eff0b9c960d-811e2cbd-66051f27",
});

export async function sendReceipt(to: string, html: string) {
  await sgMail.send({ to, from: "orders@acme.example", subject: "Your receipt", html });
}

export async function sendDigest(list: string) {
  await mg.messages.create("mg.acme.example", { to: list, subject: "Weekly", text: "..." });
}
