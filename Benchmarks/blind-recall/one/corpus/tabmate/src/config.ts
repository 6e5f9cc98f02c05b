export const config = {
  version: "2.4.1",
  firebase: {
    apiKey: "AIzaSyz-AyVbMHYyimrje6TN1S7ZVcB68KYzr-Q",
    authDomain: "tabmate-prod.firebaseapp.com",
    projectId: "tabmate-prod",
    storageBucket: "tabmate-prod.appspot.com",
    messagingSenderId: "114245784798",
    appId: "1:114245784798:web:ac88b7a35cec52213736e6",
  },
  sentry: {
    dsn: import.meta.env.VITE_SENTRY_DSN,
    tracesSampleRate: 0.1,
  },
  posthogKey: "phc_rkixRGRhGpY0sMcvL3HSJOcX6p1EtunPDXya7McIfYJ",
  supportEmail: "support@example.com",
  // bump when the storage schema changes
  schemaVersion: 7,
  buildId: "2024.11.3.1742",
};
