/** How the waitlist offers freed slots; read once from configuration (config.ts). */
export interface WaitlistPolicy {
  /** How long an offer holds its slot for the person (WAITLIST_OFFER_MINUTES, default 30). */
  offerMinutes: number;
  /** Slots starting sooner than this are left to whoever books them, not offered (too little time to come). */
  minLeadMinutes: number;
  /** People this old or older are offered first (WAITLIST_PRIORITY_AGE, default 60; 0 turns it off). */
  priorityAge: number | null;
}
