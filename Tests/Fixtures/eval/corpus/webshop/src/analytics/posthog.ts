import { PostHog } from "posthog-node";

export const posthog = new PostHog(process.env.POSTHOG_KEY ?? "phc_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", {
  host: "https://eu.i.posthog.com",
});

// personal API key for the export cron — server only
export const POSTHOG_PERSONAL_KEY = "phx_mXpAlLuTNng3uR3KknHsS0T8jWaXZQfL5efMScPiYf0vYU1";
