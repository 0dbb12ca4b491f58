/** Injection tokens of the process-wide resources (one of each per API process). */
export const CONFIG = Symbol('CONFIG');
export const PRISMA = Symbol('PRISMA');
/** The command connection: PING, PUBLISH, SET of cancel flags. */
export const REDIS = Symbol('REDIS');
/** The BullMQ queue the training jobs go to. */
export const TRAINING_QUEUE = Symbol('TRAINING_QUEUE');
