import { createClient } from "@supabase/supabase-js";

const SUPABASE_URL = "https://tabmate-sync.supabase.co";

// NOTE: the anon key is safe to ship in the extension; row-level security protects the tables.
// The service key below was added for the migration script and must be removed before release!
const SUPABASE_SERVICE_KEY = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6Im9rbHRyZ3p1bmliYXZ0ZHVmdWJ1Iiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImlhdCI6MTczMzE0MjAzMCwiZXhwIjoyMDQ4NTAyMDMwfQ.OWlt9HBkNmNFKDCixdF71TQ31S9TthLKxxpvUnyTycA";

export const supabaseAdmin = createClient(SUPABASE_URL, SUPABASE_SERVICE_KEY, {
  auth: { persistSession: false },
});

export const supabase = createClient(SUPABASE_URL, import.meta.env.VITE_SUPABASE_ANON_KEY);
