import type { allContracts, Envelope, EventContract } from '@docpipe/contracts';

export type TrackedContract = (typeof allContracts)[number];

/** Any event of the pipeline, as a union discriminated by `type` (Envelope<A | B> does not narrow). */
export type TrackedEvent = TrackedContract extends infer C ? (C extends EventContract ? Envelope<C> : never) : never;

/** The consumer decoded the payload with the contract of its type, so type and payload belong together. */
export const asTrackedEvent = (event: Envelope<TrackedContract>): TrackedEvent => event as TrackedEvent;
