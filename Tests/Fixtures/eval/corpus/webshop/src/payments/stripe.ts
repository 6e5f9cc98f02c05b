import Stripe from "stripe";

const key = process.env.STRIPE_SECRET_KEY!;
export const stripe = new Stripe(key, { apiVersion: "2024-06-20" });

// sandbox fallback used by storybook only
export const sandbox = new Stripe("sk_test_5kOYbGNRyMtWyEfSdlyLoOnI");

export const WEBHOOK_TOLERANCE_SECONDS = 300;
