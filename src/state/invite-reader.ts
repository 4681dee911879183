// Reading an invite from a link: its own small chunk, fetched only for links that
// carry one (most visitors' first screen does without it).
export { inviteWindow, readInvite } from '../core/index.ts';
